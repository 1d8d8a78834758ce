// The playground's server on 127.0.0.1 with a real oidc-provider: its page, explain and mint, and every request it refuses.
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEMO_USERS } from '../../../../scripts/local/cognito-local';
import { oidcAuthConfig } from '../../../../scripts/local/local-auth-config';
import { startOidcProvider, type OidcProviderHandle } from '../../../../scripts/local/oidc-provider';
import { startPlaygroundServer, type PlaygroundServer } from '../../../../scripts/local/playground/playground-server';
import { playgroundApi } from '../../../../scripts/local/playground/start-playground';
import { authorizedRoutes } from '../../../../shared/route-manifest';

const API_URL = 'http://127.0.0.1:3999';
const CLIENT_SECRET = 'playground-test-secret-0123456789';

let dir: string;
let idp: OidcProviderHandle;
let playground: PlaygroundServer;
let cognitoPlayground: PlaygroundServer;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'playground-test-'));
  idp = await startOidcProvider({ port: 0, keysFile: path.join(dir, 'keys.json'), clientSecret: CLIENT_SECRET });
  const authConfig = JSON.stringify(oidcAuthConfig(idp));
  const stack = { url: API_URL, demoUsers: DEMO_USERS, authConfig };
  playground = await startPlaygroundServer({ port: 0, api: playgroundApi({ ...stack, profile: 'oidc', oidc: idp }) });
  cognitoPlayground = await startPlaygroundServer({ port: 0, api: playgroundApi({ ...stack, profile: 'cognito' }) });
}, 30_000);
afterAll(async () => {
  await playground?.close();
  await cognitoPlayground?.close();
  await idp?.stop();
  await rm(dir, { recursive: true, force: true });
});

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json: () => Record<string, unknown>;
}

/** node:http, not fetch: the tests need to send a Host and an Origin of their choosing. */
function request(url: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<Answer>((resolve, reject) => {
    const req = http.request(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) }),
      );
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** A POST as the playground's own page sends it. */
const post = (server: PlaygroundServer, route: string, body: unknown, headers: Record<string, string> = {}) =>
  request(`${server.url}${route}`, {
    method: 'POST',
    headers: { Origin: server.url, 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('the page', () => {
  it('is served with a CSP that allows only this server and the API, and nothing outside its file list', async () => {
    // Act
    const page = await request(`${playground.url}/`);
    const module = await request(`${playground.url}/playground.js`);
    const traversal = await request(`${playground.url}/../package.json`);
    const source = await request(`${playground.url}/playground-server.ts`);

    // Assess
    expect(page.status).toBe(200);
    expect(page.text).toContain('<script type="module" src="/playground.js"></script>');
    expect(page.headers['content-security-policy']).toContain(`connect-src 'self' ${API_URL};`);
    expect(page.headers['content-security-policy']).toContain("script-src 'self';");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect([module.status, module.headers['content-type']]).toEqual([200, 'text/javascript; charset=utf-8']);
    expect([traversal.status, source.status]).toEqual([404, 404]);
  });

  it("tells the page the API's URL, the manifest's protected routes, the demo users and whether it can mint", async () => {
    // Act
    const oidc = (await request(`${playground.url}/api/config`)).json();
    const cognito = (await request(`${cognitoPlayground.url}/api/config`)).json();

    // Assess
    expect(oidc).toEqual({
      apiUrl: API_URL,
      profile: 'oidc',
      routes: authorizedRoutes(),
      demoUsers: DEMO_USERS,
      canMint: true,
      scopes: ['comments:read', 'comments:write'],
    });
    expect(cognito).toMatchObject({ profile: 'cognito', canMint: false });
    expect(JSON.stringify(oidc)).not.toContain(CLIENT_SECRET);
  });
});

describe('mint and explain', () => {
  it('mints a client-credentials token and explains it with the stack config: read allowed, write denied', async () => {
    // Act
    const minted = await post(playground, '/api/mint', { scope: 'comments:read' });
    const explained = await post(playground, '/api/explain', { token: minted.json()['accessToken'] as string });

    // Assess
    expect(minted.status).toBe(200);
    expect(explained.status).toBe(200);
    expect(explained.json()).toMatchObject({
      verified: true,
      provider: 'local-oidc',
      principalId: idp.clientId,
      permissions: ['comments:read'],
    });
    const routes = explained.json()['routes'] as Array<{ method: string; path: string; decision: string }>;
    expect(routes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ method: 'GET', path: '/comments', decision: 'allow' }),
        expect.objectContaining({ method: 'POST', path: '/comments', decision: 'deny', missing: ['comments:write'] }),
      ]),
    );
  });

  it('explains a token that is not a JWT as refused (200 with verified false), every route denied', async () => {
    // Act
    const explained = await post(playground, '/api/explain', { token: 'not-a-jwt' });

    // Assess
    expect(explained.status).toBe(200);
    const result = explained.json() as { verified: boolean; reason: string; routes: Array<{ decision: string }> };
    expect(result.verified).toBe(false);
    expect(result.reason).toEqual(expect.any(String));
    expect(new Set(result.routes.map((r) => r.decision))).toEqual(new Set(['deny']));
  });

  it('passes on the token endpoint refusing the client as 502 with its code, never with the secret', async () => {
    // Prepare: the same provider, asked with a secret it does not know.
    const wrongSecret = 'not-the-secret-9876543210';
    const api = playgroundApi({
      url: API_URL,
      profile: 'oidc',
      demoUsers: [],
      authConfig: '{}',
      oidc: { ...idp, clientSecret: wrongSecret },
    });
    const server = await startPlaygroundServer({ port: 0, api });

    // Act
    const refused = await post(server, '/api/mint', { scope: 'comments:read' }).finally(() => server.close());

    // Assess
    expect(refused.status).toBe(502);
    expect(refused.json()).toMatchObject({ error: 'token_request_failed' });
    expect(refused.json()['message']).toContain('invalid_client');
    expect(refused.text).not.toContain(wrongSecret);
  });

  it('mints nothing for the cognito profile, which has no client secret to use', async () => {
    // Act
    const refused = await post(cognitoPlayground, '/api/mint', { scope: 'comments:read' });

    // Assess
    expect([refused.status, refused.json()['error']]).toEqual([404, 'no_minting']);
  });
});

describe('requests the playground refuses', () => {
  it.each([
    [
      'another Host (DNS rebinding: a name that resolves to 127.0.0.1)',
      { method: 'POST', headers: { Host: 'evil.example:80', 'Content-Type': 'application/json' } },
      421,
      'wrong_host',
    ],
    [
      'a POST without an Origin',
      { method: 'POST', headers: { 'Content-Type': 'application/json' } },
      403,
      'cross_origin',
    ],
    [
      'a POST from another origin',
      { method: 'POST', headers: { Origin: 'http://127.0.0.1:1', 'Content-Type': 'application/json' } },
      403,
      'cross_origin',
    ],
  ])('%s', async (_name, options, status, code) => {
    // Act
    const refused = await request(`${playground.url}/api/mint`, { ...options, body: '{"scope":"comments:read"}' });

    // Assess
    expect([refused.status, refused.json()['error']]).toEqual([status, code]);
  });

  it.each([
    [
      'a form post (text/plain, no preflight)',
      '{"scope":"x"}',
      { 'Content-Type': 'text/plain' },
      415,
      'unsupported_media_type',
    ],
    ['a body over 16 KB', JSON.stringify({ token: 'x'.repeat(17_000) }), {}, 413, 'body_too_large'],
    ['a body that is not JSON', '{"token":', {}, 400, 'bad_json'],
    ['a JSON array', '[]', {}, 400, 'bad_json'],
  ])('%s', async (_name, body, headers, status, code) => {
    // Act
    const refused = await post(playground, '/api/explain', body, headers);

    // Assess
    expect([refused.status, refused.json()['error']]).toEqual([status, code]);
  });

  it('names the field that is missing or not a string, and answers unknown paths 404', async () => {
    // Act
    const missing = await post(playground, '/api/explain', { jwt: 'x' });
    const notString = await post(playground, '/api/mint', { scope: ['comments:read'] });
    const unknown = await post(playground, '/api/other', {});

    // Assess
    expect([missing.status, missing.json()['message']]).toEqual([400, '"token" must be a string']);
    expect([notString.status, notString.json()['message']]).toEqual([400, '"scope" must be a string']);
    expect([unknown.status, unknown.json()['error']]).toEqual([404, 'not_found']);
  });

  it('refuses to start on a port in use, naming where its origin comes from', async () => {
    // Prepare
    const port = Number(new URL(playground.url).port);

    // Act
    const second = startPlaygroundServer({
      port,
      api: playgroundApi({ url: API_URL, profile: 'cognito', demoUsers: [], authConfig: '{}' }),
    });

    // Assess
    await expect(second).rejects.toThrow(`the playground's port ${port} is in use`);
    await expect(second).rejects.toThrow('params.local.corsOrigins in serverless.yml');
  });
});
