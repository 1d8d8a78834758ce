// serverless-offline (the local API Gateway) as a child process, serving the routes at the root on 127.0.0.1.
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { startChildService, type ChildService } from './child-service';

const ROOT = path.resolve(__dirname, '..', '..');

export interface OfflineOptions {
  port: number;
  lambdaPort: number;
  /**
   * The serverless process's environment. Handlers see only its AWS_* variables directly; AUTH_CONFIG,
   * AUTH_ALLOW_INSECURE_LOOPBACK and CURSOR_SECRET reach them through serverless.yml (scripts/serverless/stack-config.cjs).
   */
  env: Record<string, string>;
  onLine?: (line: string) => void;
}

export async function startOffline(options: OfflineOptions): Promise<ChildService> {
  // serverless-esbuild's scratch folder, one per runtime: several local stacks (parallel test files) must not
  // share one, or the first to stop deletes the bundles the others still run.
  const workFolder = `.esbuild-offline-${options.lambdaPort}`;
  const removeWorkFolder = () => rm(path.join(ROOT, workFolder), { recursive: true, force: true });
  const service = await startChildService({
    name: 'serverless-offline',
    command: process.execPath,
    args: [path.join(ROOT, 'node_modules', 'osls', 'bin', 'serverless.js'), 'offline', 'start', '--stage', 'local'],
    cwd: ROOT,
    env: {
      ...process.env,
      ...options.env,
      PORT: String(options.port),
      LAMBDA_PORT: String(options.lambdaPort),
      // serverless-offline hands every AWS_* variable of its environment to the handlers.
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      SLS_TELEMETRY_DISABLED: '1',
      SLS_NOTIFICATIONS_MODE: 'off',
      ESBUILD_WORK_FOLDER: workFolder,
    },
    ready: /Server ready: http/,
    timeoutMs: 90_000,
    ...(options.onLine ? { onLine: options.onLine } : {}),
  }).catch(async (err: unknown) => {
    await removeWorkFolder();
    throw err;
  });
  return {
    ...service,
    stop: async () => {
      await service.stop();
      await removeWorkFolder();
    },
  };
}
