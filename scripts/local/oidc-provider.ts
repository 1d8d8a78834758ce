// Starts the local OIDC provider (oidc-provider-server.mjs) as a child process and stops it by its own pid.
// A child process, not an import: oidc-provider is ESM-only and must stay out of jest's CommonJS test processes.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const SERVER_SCRIPT = join(__dirname, 'oidc-provider-server.mjs');
const READY_TIMEOUT_MS = 15_000;
const KILL_AFTER_MS = 3_000;
/** Enough of the child's stderr to explain a failed start, without growing forever. */
const STDERR_TAIL_CHARS = 4_000;

export interface OidcProviderOptions {
  /** 0 or omitted: a free port chosen by the OS. */
  port?: number;
  /** Private JWK file; created on first start and reused after, so the kid survives restarts. */
  keysFile: string;
  clientId?: string;
  clientSecret?: string;
  audience?: string;
}

export interface OidcProviderHandle {
  issuer: string;
  jwksUri: string;
  tokenEndpoint: string;
  clientId: string;
  clientSecret: string;
  audience: string;
  pid: number;
  /** SIGTERM, then SIGKILL after 3 s; resolves once the child has exited. Safe to call twice. */
  stop(): Promise<void>;
}

type ReadyLine = Omit<OidcProviderHandle, 'pid' | 'stop'>;
const READY_KEYS = ['issuer', 'jwksUri', 'tokenEndpoint', 'clientId', 'clientSecret', 'audience'] as const;

export async function startOidcProvider(options: OidcProviderOptions): Promise<OidcProviderHandle> {
  const child = spawn(process.execPath, [SERVER_SCRIPT], {
    env: childEnv(options),
    // stdin is a pipe only so that the child notices when we die (it exits when the pipe closes).
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // If this process exits without calling stop(), the provider must not outlive it.
  const killOnExit = () => {
    if (isRunning(child)) child.kill('SIGTERM');
  };
  process.on('exit', killOnExit);

  let stderrTail = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderrTail = (stderrTail + chunk).slice(-STDERR_TAIL_CHARS);
  });

  let ready: ReadyLine;
  try {
    ready = await waitForReady(child, () => stderrTail);
  } catch (err) {
    await stopChild(child, exited);
    process.removeListener('exit', killOnExit);
    throw err;
  }

  let stopping: Promise<void> | undefined;
  return {
    ...ready,
    pid: child.pid as number,
    stop() {
      stopping ??= stopChild(child, exited).then(() => {
        process.removeListener('exit', killOnExit);
      });
      return stopping;
    },
  };
}

function childEnv(options: OidcProviderOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(options.port ?? 0), OIDC_KEYS_FILE: options.keysFile };
  env.OIDC_EXIT_WITH_STDIN = '1';
  // Only the options configure the child: stray OIDC_* variables of this shell must not leak into it.
  const optional = {
    OIDC_CLIENT_ID: options.clientId,
    OIDC_CLIENT_SECRET: options.clientSecret,
    OIDC_AUDIENCE: options.audience,
  };
  for (const [name, value] of Object.entries(optional)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return env;
}

function waitForReady(child: ChildProcess, stderr: () => string): Promise<ReadyLine> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    const fail = (problem: string) => {
      cleanup();
      const tail = stderr().trim();
      reject(new Error(`local OIDC provider ${problem}${tail ? `; its stderr:\n${tail}` : ''}`));
    };
    const timer = setTimeout(() => fail(`not ready within ${READY_TIMEOUT_MS} ms`), READY_TIMEOUT_MS);
    const onExit = (code: number | null, signal: string | null) =>
      fail(`exited before ready (code ${code}, signal ${signal})`);
    const onError = (err: Error) => fail(`could not start: ${err.message}`);
    const onLine = (line: string) => {
      cleanup();
      try {
        resolve(parseReadyLine(line));
      } catch (err) {
        reject(err);
      }
    };
    function cleanup() {
      clearTimeout(timer);
      lines.removeListener('line', onLine);
      child.removeListener('exit', onExit);
      child.removeListener('error', onError);
    }
    lines.once('line', onLine);
    child.once('exit', onExit);
    child.once('error', onError);
  });
}

function parseReadyLine(line: string): ReadyLine {
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(line) as Record<string, unknown>;
  } catch {
    // Not echoed: the line is expected to carry the client secret.
    throw new Error('local OIDC provider printed something other than its JSON ready line');
  }
  const missing = READY_KEYS.filter((k) => typeof parsed[k] !== 'string');
  if (parsed.ready !== true || missing.length > 0) {
    throw new Error(`local OIDC provider ready line is incomplete (missing ${missing.join(', ') || 'ready'})`);
  }
  return Object.fromEntries(READY_KEYS.map((k) => [k, parsed[k]])) as ReadyLine;
}

function isRunning(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (!isRunning(child)) return;
  child.kill('SIGTERM');
  // A provider that ignores SIGTERM must still free its port.
  const escalate = setTimeout(() => {
    if (isRunning(child)) child.kill('SIGKILL');
  }, KILL_AFTER_MS);
  await exited;
  clearTimeout(escalate);
}
