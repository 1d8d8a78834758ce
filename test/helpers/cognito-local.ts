// A real cognito-local server for tests: a child process on a free port with its own state dir, plus a seeded pool.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';

export interface CognitoLocal {
  /** e.g. http://127.0.0.1:40123; also the issuer prefix of the tokens it signs. */
  endpoint: string;
  stop(): Promise<void>;
}

export interface SeededPool {
  userPoolId: string;
  clientId: string;
  groups: readonly string[];
}

const START_SCRIPT = require.resolve('cognito-local/lib/bin/start.js');
const READY_TIMEOUT_MS = 15_000;
const KILL_AFTER_MS = 3_000;
const START_ATTEMPTS = 4;
// pino-pretty colours its output (forced on by cognito-local); strip the escapes before matching the ready line.
// eslint-disable-next-line no-control-regex -- matching the ESC control character is the point
const ANSI = /\u001b\[[0-9;]*m/g;
export const SEEDED_GROUPS = ['readers', 'writers'] as const;

/**
 * Starts cognito-local on 127.0.0.1. The port comes from listening on port 0 and closing, so another process
 * may grab it in between: an EADDRINUSE start is retried on a new port.
 */
export async function startCognitoLocal(): Promise<CognitoLocal> {
  let lastError: Error | undefined;
  for (let attempt = 0; attempt < START_ATTEMPTS; attempt++) {
    try {
      return await startOnce(await freePort());
    } catch (err) {
      lastError = err as Error;
      if (!/EADDRINUSE/.test(lastError.message)) throw lastError;
    }
  }
  throw lastError ?? new Error('cognito-local did not start');
}

async function startOnce(port: number): Promise<CognitoLocal> {
  // A fresh cwd per server: cognito-local keeps its pools and users in ./.cognito.
  const dir = await mkdtemp(join(tmpdir(), 'cognito-local-'));
  // No DEBUG: at debug level cognito-local logs request bodies, which carry passwords.
  const { DEBUG: _debug, ...env } = process.env;
  const child = spawn(process.execPath, [START_SCRIPT], {
    cwd: dir,
    env: { ...env, HOST: '127.0.0.1', PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Safety net: if this process dies without calling stop(), take the server down too rather than orphan it.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const stop = async () => {
    await stopChild(child);
    process.removeListener('exit', killOnExit);
    await rm(dir, { recursive: true, force: true });
  };
  try {
    return { endpoint: await waitForReady(child, port), stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

function waitForReady(child: ChildProcess, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const ready = new RegExp(`Cognito Local running on (http://127\\.0\\.0\\.1:${port})`);
    const finish = (outcome: () => void) => {
      clearTimeout(timer);
      child.stdout?.removeListener('data', onData);
      child.stderr?.removeListener('data', onData);
      child.removeListener('exit', onExit);
      child.removeListener('error', onError);
      // Keep draining so a chatty server never blocks on a full pipe.
      child.stdout?.resume();
      child.stderr?.resume();
      outcome();
    };
    const onData = (chunk: Buffer) => {
      // Only the tail is kept, for the error message when the start fails.
      output = (output + chunk.toString().replace(ANSI, '')).slice(-4000);
      const match = ready.exec(output);
      if (match?.[1]) finish(() => resolve(match[1] as string));
    };
    const onExit = (code: number | null) => finish(() => reject(new Error(`cognito-local exited (${code}) before it was ready:\n${output}`)));
    const onError = (err: Error) => finish(() => reject(err));
    const timer = setTimeout(
      () => finish(() => reject(new Error(`cognito-local was not ready within ${READY_TIMEOUT_MS} ms:\n${output}`))),
      READY_TIMEOUT_MS,
    );
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', onExit);
    child.once('error', onError);
  });
}

/** SIGTERM to this child's own pid, SIGKILL if it is still alive 3 s later; resolves once it has exited. */
function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), KILL_AFTER_MS);
    child.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** An SDK client for cognito-local: it ignores signatures, and static dummies keep the SDK from looking for real ones. */
export function cognitoClient(endpoint: string): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({ endpoint, region: 'eu-west-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
}

/**
 * A pool shaped like the deployed one: e-mail usernames, a public client allowing USER_PASSWORD_AUTH and refresh,
 * one-hour access tokens, and the readers/writers groups.
 */
export async function seedPool(endpoint: string): Promise<SeededPool> {
  const client = cognitoClient(endpoint);
  try {
    const pool = await client.send(new CreateUserPoolCommand({ PoolName: 'auth-test', UsernameAttributes: ['email'] }));
    const userPoolId = pool.UserPool?.Id;
    if (!userPoolId) throw new Error('cognito-local returned no pool id');
    const appClient = await client.send(
      new CreateUserPoolClientCommand({
        UserPoolId: userPoolId,
        ClientName: 'auth-test-web',
        // The ALLOW_ names: real Cognito refuses legacy names (USER_PASSWORD_AUTH) mixed with ALLOW_ ones;
        // cognito-local stores whatever it gets and does not check the flow at InitiateAuth.
        ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        AccessTokenValidity: 1,
        IdTokenValidity: 1,
        TokenValidityUnits: { AccessToken: 'hours', IdToken: 'hours' },
      }),
    );
    const clientId = appClient.UserPoolClient?.ClientId;
    if (!clientId) throw new Error('cognito-local returned no client id');
    for (const GroupName of SEEDED_GROUPS) await client.send(new CreateGroupCommand({ UserPoolId: userPoolId, GroupName }));
    return { userPoolId, clientId, groups: SEEDED_GROUPS };
  } finally {
    client.destroy();
  }
}
