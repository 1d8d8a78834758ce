// Runs `sls package` (osls) into a folder, in its own esbuild scratch folder, with a deployment's environment.
import { execFile } from 'node:child_process';
import { rm } from 'node:fs/promises';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const OSLS = path.join(ROOT, 'node_modules', 'osls', 'bin', 'serverless.js');

/** The local stack's and the tests' own variables: a deployment's shell has none of them. */
const LOCAL_VARIABLES = [
  'AUTH_CONFIG',
  'AUTH_CONFIG_FILE',
  'AUTH_ALLOW_INSECURE_LOOPBACK',
  'USER_POOL_ID',
  'USER_POOL_CLIENT_ID',
  'CURSOR_SECRET',
  'CURSOR_SECRET_ARN',
  'TABLE_NAME',
];

/** `env` without the local stack's and the tests' variables. */
export function deploymentEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const clean = { ...env };
  for (const key of LOCAL_VARIABLES) delete clean[key];
  return clean;
}

export interface RunPackageOptions {
  stage: string;
  /** Where the artifacts and the templates go. */
  outDir: string;
  /** The whole environment of the run (start from deploymentEnv()). */
  env: NodeJS.ProcessEnv;
  /** serverless.yml parameters for this run (`--param key=value`), e.g. `{ shape: 'http' }`. */
  params?: Record<string, string>;
}

/** Never rejects: `ok` and osls's output say how it went. */
export async function runPackage(options: RunPackageOptions): Promise<{ ok: boolean; output: string }> {
  // A scratch folder per run: a serverless-offline (or another packaging) beside it keeps its bundles.
  const workFolder = path.join(ROOT, `.esbuild-package-${path.basename(options.outDir)}`);
  try {
    return await new Promise((resolve) => {
      execFile(
        process.execPath,
        [
          OSLS,
          'package',
          '--stage',
          options.stage,
          '--package',
          options.outDir,
          ...Object.entries(options.params ?? {}).map(([key, value]) => `--param=${key}=${value}`),
        ],
        {
          cwd: ROOT,
          env: {
            ...options.env,
            ESBUILD_WORK_FOLDER: path.basename(workFolder),
            SLS_TELEMETRY_DISABLED: '1',
            SLS_NOTIFICATIONS_MODE: 'off',
          },
          timeout: 120_000,
        },
        (error, stdout, stderr) => resolve({ ok: !error, output: `${stdout}${stderr}` }),
      );
    });
  } finally {
    await rm(workFolder, { recursive: true, force: true });
  }
}
