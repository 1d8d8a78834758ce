// The local OIDC provider as a real child process: discovery, JWT access tokens, stable kid, and our authorizer accepting them.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { APIGatewayAuthorizerResult } from 'aws-lambda';
import { parseConfig } from '../../../authorizer/config/load-config';
import { createAuthorizer } from '../../../authorizer/create-authorizer';
import { fetchClientCredentialsToken, TokenRequestError } from '../../../scripts/local/client-credentials';
import { startOidcProvider, type OidcProviderHandle } from '../../../scripts/local/oidc-provider';
import { getLocalToken, readLocalStack } from '../../../scripts/token';
import { decodeAuthContext } from '../../../shared/auth-context';
import { captureLogger } from '../../helpers/capture-logger';
import { bearerEvent, methodArn } from '../../helpers/events';
import { evaluatePolicy } from '../../helpers/iam-evaluator';

const AUDIENCE = 'api://comments-test';
const CLIENT_ID = 'integration-cli';
const CLIENT_SECRET = 'integration-secret-0123456789abcdef';

interface Jwks {
  keys: Array<Record<string, unknown>>;
}

let dir: string;
let idp: OidcProviderHandle | undefined;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'oidc-provider-test-'));
  idp = await startOidcProvider({
    port: 0,
    keysFile: join(dir, 'keys.json'),
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    audience: AUDIENCE,
  });
});

afterAll(async () => {
  await idp?.stop();
  await rm(dir, { recursive: true, force: true });
});

function provider(): OidcProviderHandle {
  if (!idp) throw new Error('the provider did not start');
  return idp;
}

function token(scope = 'comments:read comments:write'): Promise<string> {
  const p = provider();
  return fetchClientCredentialsToken(p.tokenEndpoint, {
    clientId: p.clientId,
    clientSecret: p.clientSecret,
    scope,
    resource: p.audience,
  });
}

function decodeJwt(jwt: string): { header: Record<string, unknown>; payload: Record<string, unknown>; parts: number } {
  const parts = jwt.split('.');
  const json = (part = '') => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
  return { header: json(parts[0]), payload: json(parts[1]), parts: parts.length };
}

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

async function rejection(promise: Promise<unknown>): Promise<TokenRequestError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(TokenRequestError);
  return err as TokenRequestError;
}

describe('local OIDC provider', () => {
  it('publishes a discovery document whose issuer is exactly the issuer, with endpoints on 127.0.0.1', async () => {
    const p = provider();
    const doc = await getJson<Record<string, unknown>>(`${p.issuer}/.well-known/openid-configuration`);
    expect(p.issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(doc.issuer).toBe(p.issuer);
    expect(new URL(doc.jwks_uri as string).hostname).toBe('127.0.0.1');
    expect(doc.jwks_uri).toBe(p.jwksUri);
    expect(doc.token_endpoint).toBe(p.tokenEndpoint);
    expect(doc.grant_types_supported).toContain('client_credentials');
  });

  it('issues RS256 JWT access tokens with exactly these claims, sub = client id, 15 minutes of life', async () => {
    const p = provider();
    const jwt = await token();
    const { header, payload, parts } = decodeJwt(jwt);
    const jwks = await getJson<Jwks>(p.jwksUri);
    expect(parts).toBe(3);
    // RFC 9068 §2.1: JWT access tokens are typed at+jwt, so they cannot pass for ID tokens.
    expect(header).toEqual({ alg: 'RS256', typ: 'at+jwt', kid: expect.any(String) });
    expect(jwks.keys.map((k) => k.kid)).toContain(header.kid);
    // The JWKS is public: no private RSA member may leak into it.
    for (const key of jwks.keys) expect(Object.keys(key).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use']);
    expect(Object.keys(payload).sort()).toEqual(['aud', 'client_id', 'exp', 'iat', 'iss', 'jti', 'scope', 'sub']);
    expect(payload.iss).toBe(p.issuer);
    expect(payload.aud).toBe(AUDIENCE);
    expect((payload.scope as string).split(' ').sort()).toEqual(['comments:read', 'comments:write']);
    // oidc-provider puts the client id in sub when no end user is involved (client credentials).
    expect(payload.sub).toBe(CLIENT_ID);
    expect(payload.client_id).toBe(CLIENT_ID);
    expect((payload.exp as number) - (payload.iat as number)).toBe(900);
    expect(Math.abs((payload.iat as number) - Date.now() / 1000)).toBeLessThan(60);
  });

  it('accepts the secret in the body (client_secret_post) as well as in Basic', async () => {
    const p = provider();
    const jwt = await fetchClientCredentialsToken(p.tokenEndpoint, {
      clientId: p.clientId,
      clientSecret: p.clientSecret,
      scope: 'comments:read',
      authMethod: 'client_secret_post',
    });
    // No resource parameter: the default resource still makes it a JWT for our audience.
    expect(decodeJwt(jwt).payload).toMatchObject({ aud: AUDIENCE, scope: 'comments:read' });
  });

  it('refuses a wrong client secret with invalid_client, never echoing a secret', async () => {
    const p = provider();
    const wrong = 'wrong-secret-that-must-not-be-echoed';
    const err = await rejection(
      fetchClientCredentialsToken(p.tokenEndpoint, { clientId: p.clientId, clientSecret: wrong }),
    );
    expect(err.code).toBe('token_request_failed');
    expect(err.status).toBe(401);
    expect(err.oauthError).toBe('invalid_client');
    expect(err.message).toContain('invalid_client');
    expect(err.message).not.toContain(wrong);
    expect(err.message).not.toContain(CLIENT_SECRET);
  });

  it('refuses a token for any other resource (invalid_target)', async () => {
    const p = provider();
    const request = { clientId: p.clientId, clientSecret: p.clientSecret, resource: 'api://someone-else' };
    const err = await rejection(fetchClientCredentialsToken(p.tokenEndpoint, request));
    expect(err.oauthError).toBe('invalid_target');
  });
});

describe('the repo authorizer with the local OIDC provider', () => {
  function authorizer() {
    const p = provider();
    const document = {
      providers: [{ name: 'local-oidc', type: 'oidc', issuer: p.issuer, audiences: [p.audience] }],
      routes: [
        { method: 'GET', path: '/comments', scopes: ['comments:read'] },
        { method: 'POST', path: '/comments', scopes: ['comments:write'] },
      ],
    };
    // The local provider, its discovery document and its JWKS are all on http://127.0.0.1: opt in explicitly.
    const config = parseConfig(document, { allowInsecureLoopback: true });
    // Real clock: the tokens carry the real time. Discovery and JWKS come from the provider over HTTP.
    return createAuthorizer(config, { logger: captureLogger() });
  }

  async function authorize(jwt: string): Promise<APIGatewayAuthorizerResult> {
    return authorizer().authorize(bearerEvent(jwt, 'GET', '/comments'));
  }

  it('allows GET /comments for a comments:read token, principalId = the token sub', async () => {
    const jwt = await token('comments:read');
    const result = await authorize(jwt);
    expect(result.principalId).toBe(decodeJwt(jwt).payload.sub);
    expect(evaluatePolicy(result.policyDocument as never, methodArn('GET', '/comments'))).toBe('Allow');
    expect(evaluatePolicy(result.policyDocument as never, methodArn('POST', '/comments'))).toBe('Deny');
    const identity = decodeAuthContext({ ...result.context, principalId: result.principalId });
    expect(identity).toMatchObject({ provider: 'local-oidc', issuer: provider().issuer, clientId: CLIENT_ID });
  });

  it('denies GET /comments for a token holding only comments:write', async () => {
    const jwt = await token('comments:write');
    const result = await authorize(jwt);
    expect(evaluatePolicy(result.policyDocument as never, methodArn('GET', '/comments'))).toBe('Deny');
    expect(evaluatePolicy(result.policyDocument as never, methodArn('POST', '/comments'))).toBe('Allow');
    expect(result.context?.error).toBe('insufficient_scope');
  });
});

describe('scripts/token.ts with the oidc profile', () => {
  it('gets a token with the scopes asked for from the state file the start script writes', async () => {
    const p = provider();
    const file = join(dir, 'local-stack.json');
    const oidc = {
      tokenEndpoint: p.tokenEndpoint,
      clientId: p.clientId,
      clientSecret: p.clientSecret,
      audience: p.audience,
    };
    await writeFile(file, JSON.stringify({ profile: 'oidc', oidc }));
    const jwt = await getLocalToken({ scope: 'comments:read' }, await readLocalStack(file));
    expect(decodeJwt(jwt).payload).toMatchObject({ aud: AUDIENCE, scope: 'comments:read', sub: CLIENT_ID });
  });

  it('says how to start the stack when no state file exists', async () => {
    await expect(readLocalStack(join(dir, 'absent.json'))).rejects.toThrow(/no local stack is running.*npm start/);
  });
});

describe('provider lifecycle', () => {
  const started: OidcProviderHandle[] = [];
  afterAll(() => Promise.all(started.map((h) => h.stop())));

  async function start(keysFile: string): Promise<OidcProviderHandle> {
    const handle = await startOidcProvider({ keysFile });
    started.push(handle);
    return handle;
  }

  async function kids(handle: OidcProviderHandle): Promise<unknown[]> {
    return (await getJson<Jwks>(handle.jwksUri)).keys.map((k) => k.kid);
  }

  it('keeps the kid across a restart with the same keys file, stored 0600', async () => {
    const keysFile = join(dir, 'restart-keys.json');
    const first = await start(keysFile);
    const before = await kids(first);
    const stored = await readFile(keysFile, 'utf8');
    await first.stop();
    // stop() resolves only once the process is gone.
    expect(() => process.kill(first.pid, 0)).toThrow();
    const second = await start(keysFile);
    expect(await kids(second)).toEqual(before);
    expect(await readFile(keysFile, 'utf8')).toBe(stored);
    expect((await stat(keysFile)).mode & 0o777).toBe(0o600);
  });

  it('fails to start with a clear message when the keys file is not a key', async () => {
    const keysFile = join(dir, 'broken-keys.json');
    await writeFile(keysFile, 'not json');
    await expect(startOidcProvider({ keysFile })).rejects.toThrow(/exited before ready[\s\S]*is not JSON; delete it/);
  });

  it('exits by itself when the process that started it dies (its stdin closes)', async () => {
    const child = spawn(process.execPath, [join(__dirname, '../../../scripts/local/oidc-provider-server.mjs')], {
      env: { ...process.env, PORT: '0', OIDC_KEYS_FILE: join(dir, 'keys.json'), OIDC_EXIT_WITH_STDIN: '1' },
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    const exited = once(child, 'exit');
    try {
      const [line] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
      expect(JSON.parse(line)).toMatchObject({ ready: true });
      child.stdin.end();
      expect(await exited).toEqual([0, null]);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  });
});
