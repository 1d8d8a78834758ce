// Runs `sls package` (osls) into a temp directory and returns the generated CloudFormation template.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

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

export async function packageService(env: Record<string, string> = {}, stage = 'dev'): Promise<PackageResult> {
  const artifacts = await mkdtemp(path.join(tmpdir(), 'sls-package-'));
  const workFolder = `.esbuild-package-${path.basename(artifacts)}`;
  const cleanEnv = { ...process.env };
  // A deployment's shell: none of the test or local-stack variables leak in unless a test passes them in `env`.
  const inherited = [
    'AUTH_CONFIG',
    'AUTH_CONFIG_FILE',
    'AUTH_ALLOW_INSECURE_LOOPBACK',
    'USER_POOL_ID',
    'USER_POOL_CLIENT_ID',
    'CURSOR_SECRET',
    'CURSOR_SECRET_ARN',
    'TABLE_NAME',
  ];
  for (const key of inherited) delete cleanEnv[key];
  const result = await new Promise<{ ok: boolean; output: string }>((resolve) => {
    execFile(
      process.execPath,
      [
        path.join(ROOT, 'node_modules', 'osls', 'bin', 'serverless.js'),
        'package',
        '--stage',
        stage,
        '--package',
        artifacts,
      ],
      {
        cwd: ROOT,
        // A scratch folder of its own: a local stack's serverless-offline in another worker keeps its bundles.
        env: {
          ...cleanEnv,
          ...env,
          ESBUILD_WORK_FOLDER: workFolder,
          SLS_TELEMETRY_DISABLED: '1',
          SLS_NOTIFICATIONS_MODE: 'off',
        },
        timeout: 120_000,
      },
      (error, stdout, stderr) => resolve({ ok: !error, output: `${stdout}${stderr}` }),
    );
  });
  await rm(path.join(ROOT, workFolder), { recursive: true, force: true });
  const cleanup = () => rm(artifacts, { recursive: true, force: true });
  if (!result.ok) return { ...result, artifacts, cleanup };
  const template = JSON.parse(
    await readFile(path.join(artifacts, 'cloudformation-template-update-stack.json'), 'utf8'),
  ) as CfnTemplate;
  return { ...result, template, artifacts, cleanup };
}
