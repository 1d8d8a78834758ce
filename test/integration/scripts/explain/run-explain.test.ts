// runExplain in-process: the configuration sources (local stack, deployable default), exit statuses and the redaction.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { cognitoAuthConfig } from '../../../../scripts/local/local-auth-config';
import { EXIT, redact, runExplain, type ExplainIo } from '../../../../scripts/explain/run-explain';
import { createClock } from '../../../helpers/clock';
import { startJwksServer, type JwksServer } from '../../../helpers/jwks-server';
import { createRsaKey, type TestKey } from '../../../helpers/keys';
import { signToken } from '../../../helpers/tokens';

const clock = createClock();
const POOL_ID = 'eu-west-1_LocalPool1';
const CLIENT_ID = 'localclient1';
let key: TestKey;
let server: JwksServer | undefined;
let dir: string;

beforeAll(() => {
  key = createRsaKey('run-key-1');
});

beforeEach(async () => {
  server = await startJwksServer([key.jwk]);
  dir = await mkdtemp(path.join(tmpdir(), 'explain-'));
});

afterEach(async () => {
  await server?.close();
  server = undefined;
  await rm(dir, { recursive: true, force: true });
});

function jwks(): JwksServer {
  if (!server) throw new Error('the JWKS server did not start');
  return server;
}

/** The pool the local stack would seed, served by the test JWKS server (cognito-local's layout). */
function localPool() {
  const issuer = `${jwks().origin}/${POOL_ID}`;
  return { poolId: POOL_ID, clientId: CLIENT_ID, issuer, users: [] };
}

function poolToken(issuer: string, clientId = CLIENT_ID): string {
  const now = clock.nowSeconds();
  const claims = { iss: issuer, sub: 'u-1', token_use: 'access', client_id: clientId, exp: now + 60 };
  return signToken(key, { ...claims, 'cognito:groups': ['writers'] });
}

async function explain(argv: string[], env: Record<string, string | undefined>, stdin = '') {
  const out: string[] = [];
  const err: string[] = [];
  const io: ExplainIo = {
    argv,
    env,
    stdin: Readable.from([stdin]),
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    localStackFile: path.join(dir, '.local-stack.json'),
    cwd: dir,
    now: clock.now,
  };
  const status = await runExplain(io);
  return { status, stdout: out.join(''), stderr: err.join('') };
}

describe('runExplain: where the configuration comes from', () => {
  it('takes the running local stack’s AUTH_CONFIG, with the loopback opt-in its authorizer has', async () => {
    // Prepare: the document the stack gave its authorizer, keys on the test server's http://127.0.0.1.
    const pool = localPool();
    const document = cognitoAuthConfig(pool);
    const provider = { ...document.providers[0], jwksUri: jwks().jwksUri } as (typeof document.providers)[number];
    const state = { profile: 'cognito', authConfig: JSON.stringify({ providers: [provider] }) };
    await writeFile(path.join(dir, '.local-stack.json'), JSON.stringify(state));

    // Act: no AUTH_ALLOW_INSECURE_LOOPBACK in this environment.
    const { status, stdout } = await explain(['--json'], {}, poolToken(pool.issuer));

    // Assess
    expect(status).toBe(EXIT.verified);
    const result = JSON.parse(stdout) as Record<string, unknown>;
    expect(result).toMatchObject({ verified: true, provider: 'cognito-local' });
    expect(result.configSource).toMatch(/running local stack .*AUTH_ALLOW_INSECURE_LOOPBACK=true/);
  });

  it('prefers AUTH_CONFIG_FILE over the local stack, and names the key and the file of a bad document', async () => {
    // Prepare
    await writeFile(path.join(dir, '.local-stack.json'), JSON.stringify({ authConfig: '{}' }));
    await writeFile(path.join(dir, 'auth.json'), JSON.stringify({ providers: [{ name: 'x', type: 'saml' }] }));

    // Act
    const { status, stderr } = await explain([], { AUTH_CONFIG_FILE: 'auth.json' }, 'a.b.c');

    // Assess
    expect(status).toBe(EXIT.usage);
    expect(stderr).toMatch(/^explain: AUTH_CONFIG providers\[0\]\.type: .*\(in AUTH_CONFIG_FILE .*auth\.json\)/);
  });

  it("applies the authorizer's loopback rule to AUTH_CONFIG: http://127.0.0.1 only with the opt-in", async () => {
    // Prepare
    const document = JSON.stringify(cognitoAuthConfig(localPool()));

    // Act
    const refused = await explain([], { AUTH_CONFIG: document }, 'a.b.c');
    const allowed = await explain([], { AUTH_CONFIG: document, AUTH_ALLOW_INSECURE_LOOPBACK: 'true' }, 'a.b.c');

    // Assess
    expect(refused.status).toBe(EXIT.usage);
    expect(refused.stderr).toMatch(
      /^explain: AUTH_CONFIG providers\[0\]\.issuer: must be https: .*AUTH_ALLOW_INSECURE_LOOPBACK=true/,
    );
    expect(allowed.status).toBe(EXIT.refused);
    expect(allowed.stdout).toContain(
      'Configuration: AUTH_CONFIG from the environment (AUTH_ALLOW_INSECURE_LOOPBACK=true)',
    );
  });

  it('says which variable names a file it cannot read', async () => {
    // Act
    const { status, stderr } = await explain([], { AUTH_CONFIG_FILE: 'missing.json' }, 'a.b.c');

    // Assess
    expect(status).toBe(EXIT.usage);
    expect(stderr).toMatch(/^explain: AUTH_CONFIG_FILE: cannot read .*missing\.json \(ENOENT\)/);
  });

  it('refuses a local stack state that names no authConfig, saying to restart it', async () => {
    // Prepare
    await writeFile(path.join(dir, '.local-stack.json'), JSON.stringify({ profile: 'cognito' }));

    // Act
    const { status, stderr } = await explain([], {}, 'a.b.c');

    // Assess
    expect(status).toBe(EXIT.usage);
    expect(stderr).toContain('names no authConfig: restart the local stack');
  });

  it('without any source, explains that the deployable default cannot resolve here and how to pass AUTH_CONFIG', async () => {
    // Act
    const { status, stdout, stderr } = await explain([], {}, 'a.b.c');

    // Assess
    expect(status).toBe(EXIT.usage);
    expect(stdout).toBe('');
    expect(stderr).toContain('Fn::Sub');
    expect(stderr).toContain("Pass AUTH_CONFIG='");
    expect(stderr).toContain('USER_POOL_ID and USER_POOL_CLIENT_ID');
  });

  it('fills the deployable default in from USER_POOL_ID and USER_POOL_CLIENT_ID: the AWS pool, strict transport', async () => {
    // Prepare: a token of that AWS pool. Its JWKS is AWS's (https, unreachable here): the one thing stood in for,
    // by a fetcher that records the URL it is asked for.
    const issuer = `https://cognito-idp.eu-west-1.amazonaws.com/${POOL_ID}`;
    const env = { USER_POOL_ID: POOL_ID, USER_POOL_CLIENT_ID: CLIENT_ID };
    const fetched: string[] = [];
    const io = {
      fetchJson: async (url: string) => {
        fetched.push(url);
        return { keys: [key.jwk] };
      },
    };

    // Act
    const status = await runExplain({
      argv: ['--json'],
      env,
      stdin: Readable.from([poolToken(issuer)]),
      stdout: () => undefined,
      stderr: () => undefined,
      localStackFile: path.join(dir, 'none.json'),
      cwd: dir,
      now: clock.now,
      ...io,
    });

    // Assess
    expect(status).toBe(EXIT.verified);
    expect(fetched).toEqual([`${issuer}/.well-known/jwks.json`]);
  });

  it('names USER_POOL_ID when it is no user pool id', async () => {
    // Act
    const { status, stderr } = await explain(
      [],
      { USER_POOL_ID: 'not-a-pool', USER_POOL_CLIENT_ID: CLIENT_ID },
      'a.b.c',
    );

    // Assess
    expect(status).toBe(EXIT.usage);
    expect(stderr).toMatch(/^explain: USER_POOL_ID: must be a user pool id/);
  });
});

describe('runExplain: output', () => {
  it('prints the usage for --help and exits 0', async () => {
    // Act
    const { status, stdout } = await explain(['--help'], {});

    // Assess
    expect(status).toBe(0);
    expect(stdout).toMatch(/^usage: npm run explain/);
  });

  it('is a usage error when stdin holds no token', async () => {
    // Act
    const { status, stderr } = await explain([], {}, '  \n');

    // Assess
    expect(status).toBe(EXIT.usage);
    expect(stderr).toContain('no token on stdin');
  });

  it('redacts the token and its signature from anything printed, whatever put them there', () => {
    // Prepare
    const jwt = `${'a'.repeat(20)}.${'b'.repeat(20)}.${'s'.repeat(43)}`;

    // Act
    const text = redact(`before ${jwt} middle ${'s'.repeat(43)} after`, `Bearer ${jwt}`);

    // Assess
    expect(text).toBe('before [token] middle [signature] after');
  });
});
