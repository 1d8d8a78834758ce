// Runs `sls package` (osls) into a temp directory and returns the generated CloudFormation template.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deploymentEnv, runPackage } from '../../scripts/serverless/run-package';

export interface CfnTemplate {
  Resources: Record<string, { Type: string; Properties: Record<string, unknown>; [key: string]: unknown }>;
  Outputs: Record<string, { Value: unknown }>;
}

export interface PackageResult {
  ok: boolean;
  output: string;
  template?: CfnTemplate;
  artifacts: string;
  cleanup(): Promise<void>;
}

export async function packageService(
  env: Record<string, string> = {},
  stage = 'dev',
  params: Record<string, string> = {},
): Promise<PackageResult> {
  const artifacts = await mkdtemp(path.join(tmpdir(), 'sls-package-'));
  // A deployment's shell: none of the test or local-stack variables leak in unless a test passes them in `env`.
  const result = await runPackage({ stage, outDir: artifacts, env: { ...deploymentEnv(), ...env }, params });
  const cleanup = () => rm(artifacts, { recursive: true, force: true });
  if (!result.ok) return { ...result, artifacts, cleanup };
  const template = JSON.parse(
    await readFile(path.join(artifacts, 'cloudformation-template-update-stack.json'), 'utf8'),
  ) as CfnTemplate;
  return { ...result, template, artifacts, cleanup };
}
