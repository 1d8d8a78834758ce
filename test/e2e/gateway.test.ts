// Through `npm start`'s gateway as API Gateway would answer: the result cache, gateway responses, CORS, 401/403/503.
import { readFileSync } from 'node:fs';
import { loadPackagedTemplate } from '../../scripts/gateway/packaged-template';
import { GATEWAY_FIXTURE, gatewayResources } from '../../scripts/gateway/write-fixture';
import { startStack, type Stack } from '../../scripts/local/stack';
import { deploymentEnv } from '../../scripts/serverless/run-package';
import { apiClient } from '../helpers/api-client';
import { startJwksServer, type JwksServer } from '../helpers/jwks-server';
import { createRsaKey, type TestKey } from '../helpers/keys';
import { signToken } from '../helpers/tokens';

const AUDIENCE = 'api://comments';
// The local stage's primary allowed origin (the playground's), which the gateway responses name.
const ALLOWED = 'http://127.0.0.1:5180';
const EVIL = 'https://evil.example';

let idp: JwksServer;
let key: TestKey;
let stack: Stack;
let api: ReturnType<typeof apiClient>;
const lines: string[] = [];

beforeAll(async () => {
  key = createRsaKey('gw-1');
  idp = await startJwksServer([key.jwk]);
  stack = await startStack({
    profile: 'cognito',
    port: 0,
    authConfig: JSON.stringify({
      providers: [{ name: 'test-idp', type: 'oidc', issuer: idp.issuer, audiences: [AUDIENCE], jwksUri: idp.jwksUri }],
      jwks: { cooldownSeconds: 0 },
    }),
    onLine: (line) => {
      lines.push(line);
      // The gateway's warnings (a function that failed, a refused output) explain a failure in CI's output.
      if (line.startsWith('[gateway]')) process.stderr.write(`${line}\n`);
    },
    logLevel: 'info',
  });
  api = apiClient(stack.url);
}, 120_000);
afterAll(async () => {
  await stack?.stop();
  await idp?.close();
}, 60_000);

function token(scope: string, sub = `user-${Math.random().toString(36).slice(2)}`, signer = key): string {
  const now = Math.floor(Date.now() / 1000);
  return signToken(signer, { iss: idp.issuer, sub, aud: AUDIENCE, scope, iat: now, exp: now + 600 });
}

/** The authorizer's decision lines for one principal, as the runtime printed them. */
function decisionsFor(sub: string): string[] {
  return lines.filter((l) => l.includes('"authorizer decision"') && l.includes(`"principalId":"${sub}"`));
}

async function settle(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 300));
}

describe('the local gateway, as API Gateway', () => {
  it("caches the authorizer result for every route: a reader gets 200, then the cached policy's 403, one invocation", async () => {
    // Prepare
    const reader = token('comments:read', 'reader-1');

    // Act
    const read = await api('GET', '/comments', { token: reader, origin: ALLOWED });
    const write = await api('POST', '/comments', { token: reader, origin: ALLOWED, body: { text: 'no' } });
    await settle();

    // Assess
    expect(read.status).toBe(200);
    expect(write.status).toBe(403);
    expect(write.json).toEqual({ error: 'insufficient_scope', message: 'The token does not grant this operation' });
    expect(write.headers.get('www-authenticate')).toBe('Bearer realm="comments-api", error="insufficient_scope"');
    expect(write.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(decisionsFor('reader-1')).toHaveLength(1);
    // The cached answer is printed by the gateway, since the authorizer did not run for it.
    expect(lines).toContain('gateway: cached authorizer result: deny (ACCESS_DENIED) POST /comments');
  });

  it('answers 401 from the template, with WWW-Authenticate and CORS, without invoking the authorizer', async () => {
    // Act
    const before = lines.filter((l) => l.includes('"authorizer decision"')).length;
    const missing = await api('GET', '/me', { origin: ALLOWED });
    const notBearer = await api('GET', '/me', { rawAuthorization: 'Basic dXNlcjpwdw==', origin: ALLOWED });
    await settle();

    // Assess
    for (const response of [missing, notBearer]) {
      expect(response.status).toBe(401);
      expect(response.json).toEqual({ error: 'unauthorized', message: 'A valid bearer token is required' });
      expect(response.headers.get('www-authenticate')).toBe('Bearer realm="comments-api", error="invalid_token"');
      expect(response.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    }
    expect(lines.filter((l) => l.includes('"authorizer decision"')).length).toBe(before);
  });

  it('answers a forged token 401 after invoking the authorizer, and a different header value is a cache miss', async () => {
    // Act
    const forged = await api('GET', '/me', { token: token('comments:read', 'forged-1', createRsaKey('gw-1')) });
    const genuine = await api('GET', '/me', { token: token('comments:read', 'forged-1') });
    await settle();

    // Assess
    expect(forged.status).toBe(401);
    expect(genuine.status).toBe(200);
    // Two invocations: the forged header's refusal is not cached, and the genuine header is another cache key.
    expect(lines.filter((l) => l.includes('"reason":"bad_signature"'))).toHaveLength(1);
    expect(decisionsFor('forged-1')).toHaveLength(1);
  });

  it('answers 503 with Retry-After when the key source is down and the kid unknown', async () => {
    // Prepare
    const rotated = createRsaKey('gw-rotated');
    idp.setMode('error');
    try {
      // Act
      const response = await api('GET', '/me', {
        token: token('comments:read', 'rotated-1', rotated),
        origin: ALLOWED,
      });

      // Assess
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('5');
      expect(response.json).toMatchObject({ error: 'authorizer_unavailable' });
    } finally {
      idp.setMode('ok');
    }
  });

  it('answers an unknown route from the MISSING_AUTHENTICATION_TOKEN template, without calling anything', async () => {
    const response = await api('GET', '/nowhere', { token: token('comments:read') });
    expect(response.status).toBe(404);
    expect(response.json).toEqual({ error: 'not_found', message: 'No such route' });
    expect((await api('PUT', '/comments', { token: token('comments:read') })).status).toBe(404);
  });

  it('keeps a disallowed origin out: no preflight or function response names it, and credentials are never allowed', async () => {
    // Act
    const preflight = await fetch(`${stack.url}/comments`, {
      method: 'OPTIONS',
      headers: {
        Origin: EVIL,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization',
      },
    });
    const allowedPreflight = await fetch(`${stack.url}/comments`, {
      method: 'OPTIONS',
      headers: { Origin: ALLOWED, 'Access-Control-Request-Method': 'POST' },
    });
    const read = await api('GET', '/comments', { token: token('comments:read'), origin: EVIL });
    // Gateway responses too: the 401, the cached Deny's 403 and the unknown route's 404.
    const answers = [
      await api('GET', '/me', { origin: EVIL }),
      await api('POST', '/comments', { token: token('comments:read'), origin: EVIL, body: { text: 'no' } }),
      await api('GET', '/nowhere', { token: token('comments:read'), origin: EVIL }),
    ];

    // Assess
    expect(preflight.status).toBe(200);
    expect(preflight.headers.get('access-control-allow-origin')).not.toBe(EVIL);
    expect(preflight.headers.get('access-control-allow-origin')).not.toBe('*');
    expect(allowedPreflight.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(allowedPreflight.headers.get('access-control-allow-methods')).toContain('POST');
    expect(read.status).toBe(200);
    expect(read.headers.get('access-control-allow-origin')).toBeNull();
    for (const response of [preflight, allowedPreflight])
      expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    expect(read.headers.get('access-control-allow-credentials')).toBeNull();
    expect(answers.map((a) => a.status)).toEqual([401, 403, 404]);
    for (const answer of answers) expect(answer.headers.get('access-control-allow-origin')).toBe(ALLOWED);
  });

  it('is driven by a template that the gateway fixture of the unit tests still matches (npm run fixture:gateway)', async () => {
    // Act
    const fresh = await loadPackagedTemplate({ stage: 'local', env: deploymentEnv() });
    const fixture = JSON.parse(readFileSync(GATEWAY_FIXTURE, 'utf8'));

    // Assess
    expect(gatewayResources(fixture)).toEqual(gatewayResources(fresh));
  });

  it("survives malformed requests: a bad JSON body is the function's 400, an odd method a 404, the gateway keeps serving", async () => {
    // Act
    const badJson = await fetch(`${stack.url}/comments`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token('comments:write')}`, 'Content-Type': 'application/json' },
      body: '{"text":',
    });
    const odd = await fetch(`${stack.url}/comments`, { method: 'PROPFIND' });
    const after = await api('GET', '/comments', { token: token('comments:read') });

    // Assess
    expect(badJson.status).toBe(400);
    expect(odd.status).toBe(404);
    expect(after.status).toBe(200);
  });
});
