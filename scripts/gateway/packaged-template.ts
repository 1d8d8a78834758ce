// The CloudFormation template `sls package` builds for a stage: what the local gateway is driven by, cached by input.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { hashInputs } from '../serverless/input-hash';
import { runPackage } from '../serverless/run-package';

const ROOT = path.resolve(__dirname, '..', '..');
/** Everything the template is built from; a change to any of these packages again. */
const INPUTS = ['serverless.yml', 'package-lock.json', 'shared/route-manifest.ts', 'scripts/serverless'];
const CACHE_DIR = path.join(ROOT, '.gateway-cache');

export interface PackageOptions {
  stage: string;
  /** The packaging run's environment (a deployment's: see deploymentEnv). */
  env: NodeJS.ProcessEnv;
}

/** Runs `sls package` into a fresh folder and returns the template, or throws with osls's output. */
export async function packageTemplate(options: PackageOptions): Promise<Record<string, unknown>> {
  const outDir = await mkdtemp(path.join(tmpdir(), 'gateway-package-'));
  try {
    const { ok, output } = await runPackage({ stage: options.stage, outDir, env: options.env });
    if (!ok) throw new Error(`sls package failed:\n${output}`);
    return JSON.parse(await readFile(path.join(outDir, 'cloudformation-template-update-stack.json'), 'utf8'));
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}

/**
 * The template for these inputs, packaged once and then read from `.gateway-cache/` (packaging bundles every
 * function, which takes seconds). The key hashes the files the template is built from; the environment is left
 * out on purpose: the local stack's variables (pool ids, AUTH_CONFIG, the cursor secret) change only functions'
 * environments, never the routes, authorizers, gateway responses or CORS the gateway reads.
 */
export async function loadPackagedTemplate(options: PackageOptions): Promise<Record<string, unknown>> {
  const file = path.join(CACHE_DIR, `${options.stage}-${await hashInputs(ROOT, INPUTS, [options.stage])}.json`);
  try {
    return JSON.parse(await readFile(file, 'utf8'));
  } catch {
    const template = await packageTemplate(options);
    await mkdir(CACHE_DIR, { recursive: true });
    await writeFile(file, JSON.stringify(template));
    return template;
  }
}
