// `npm run explain` as a real child process (node --import tsx scripts/explain.ts): JSON, stdin, exit statuses, no token.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { AuthConfigInput } from '../../../../authorizer/config/schema';
import { COGNITO_CLIENT, testConfig } from '../../../helpers/config';
import { startJwksServer, type JwksServer } from '../../../helpers/jwks-server';
import { createRsaKey, type TestKey } from '../../../helpers/keys';
import { signToken, type Claims } from '../../../helpers/tokens';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const ENTRY = path.join(ROOT, 'scripts', 'explain.ts');

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

let key: TestKey;
let server: JwksServer | undefined;
let child: ChildProcess | undefined;

beforeAll(() => {
  key = createRsaKey('cli-key-1');
});

beforeEach(async () => {
  server = await startJwksServer([key.jwk]);
});

afterEach(async () => {
  // Stopped by its own handle even when an assertion failed mid-run.
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  child = undefined;
  await server?.close();
  server = undefined;
});

function jwks(): JwksServer {
  if (!server) throw new Error('the JWKS server did not start');
  return server;
}

/** A Cognito access token of the test pool at the real clock: the child process reads Date.now. */
function token(claims: Claims = {}): string {
  const now = Math.floor(Date.now() / 1000);
  return signToken(key, {
    iss: `${jwks().origin}/eu-west-1_TestPool`,
    sub: 'cli-user',
    token_use: 'access',
    client_id: COGNITO_CLIENT,
    'cognito:groups': ['readers'],
    iat: now - 5,
    exp: now + 900,
    ...claims,
  });
}

/** Runs the CLI with only the variables it is given (no AUTH_CONFIG of the shell, no local stack). */
function run(args: string[], options: { stdin?: string; config?: AuthConfigInput | string } = {}): Promise<Run> {
  const config = options.config ?? testConfig(jwks().origin);
  const env = {
    PATH: process.env.PATH,
    AUTH_CONFIG: typeof config === 'string' ? config : JSON.stringify(config),
    AUTH_ALLOW_INSECURE_LOOPBACK: 'true',
  };
  const started = spawn(process.execPath, ['--import', 'tsx', ENTRY, ...args], { cwd: ROOT, env });
  child = started;
  const out = { stdout: '', stderr: '' };
  started.stdout.setEncoding('utf8').on('data', (chunk: string) => (out.stdout += chunk));
  started.stderr.setEncoding('utf8').on('data', (chunk: string) => (out.stderr += chunk));
  started.stdin.end(options.stdin ?? '');
  return new Promise((resolve, reject) => {
    started.once('error', reject);
    started.once('close', (status) => resolve({ status, ...out }));
  });
}

describe('npm run explain (child process)', () => {
  it('--json prints exactly one object of the contract and exits 0 for a verified token', async () => {
    // Prepare
    const jwt = token();

    // Act
    const { status, stdout } = await run(['--json', '--token', jwt]);

    // Assess
    expect(status).toBe(0);
    const result = JSON.parse(stdout) as Record<string, unknown>;
    expect(result).toMatchObject({ verified: true, reason: null, provider: 'pool', principalId: 'cli-user' });
    expect(result.permissions).toEqual(['comments:read']);
    expect(result.routes).toContainEqual({
      method: 'POST',
      path: '/comments',
      decision: 'deny',
      missing: ['comments:write'],
      reason: 'insufficient_scope',
    });
    expect(result.configSource).toMatch(/^AUTH_CONFIG from the environment/);
    expect(stdout).not.toContain(jwt);
    expect(stdout).not.toContain(jwt.split('.')[2]);
  });

  it('reads the token from stdin, explains an expired one for people, and exits 1', async () => {
    // Prepare
    const jwt = token({ exp: Math.floor(Date.now() / 1000) - 3_600 });

    // Act
    const { status, stdout } = await run([], { stdin: `${jwt}\n` });

    // Assess
    expect(status).toBe(1);
    expect(stdout).toContain('Configuration: AUTH_CONFIG from the environment');
    expect(stdout).toContain('Provider: pool (cognito)');
    expect(stdout).toMatch(/FAIL\s+lifetime/);
    expect(stdout).toContain('Verdict: REFUSED (expired)');
    expect(stdout).toContain('fix: exp is past');
    expect(stdout).not.toContain(jwt);
    expect(stdout).not.toContain(jwt.split('.')[2]);
  });

  it('--route limits the JSON routes to the one asked about', async () => {
    // Act
    const { status, stdout } = await run(['--json', '--route', 'POST /comments'], { stdin: token() });

    // Assess
    expect(status).toBe(0);
    expect((JSON.parse(stdout) as { routes: unknown[] }).routes).toEqual([
      {
        method: 'POST',
        path: '/comments',
        decision: 'deny',
        missing: ['comments:write'],
        reason: 'insufficient_scope',
      },
    ]);
  });

  it('exits 3 when the key source is down: undecided, not refused', async () => {
    // Prepare
    jwks().setMode('error');

    // Act
    const { status, stdout } = await run(['--json'], { stdin: token() });

    // Assess
    expect(status).toBe(3);
    expect(JSON.parse(stdout)).toMatchObject({ verified: false, reason: 'jwks_unavailable', outcome: 'unavailable' });
  });

  it('exits 2 on a configuration error, naming the key as the authorizer does', async () => {
    // Prepare
    const config = testConfig('https://idp.example.com', { clockToleranceSeconds: 9_999 });

    // Act
    const { status, stdout, stderr } = await run(['--json'], { stdin: token(), config });

    // Assess
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^explain: AUTH_CONFIG clockToleranceSeconds: /);
  });

  it('exits 2 on a usage error without echoing what looks like a token', async () => {
    // Prepare
    const jwt = token();

    // Act
    const { status, stderr } = await run([jwt]);

    // Assess
    expect(status).toBe(2);
    expect(stderr).toContain('unexpected argument');
    expect(stderr).toContain('usage: npm run explain');
    expect(stderr).not.toContain(jwt);
  });
});
