// End to end through the local gateway: sign-up/sign-in on cognito-local, the authorizer, the comments API on dynalite,
// and the provider swap to oidc-provider by AUTH_CONFIG alone.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fetchClientCredentialsToken } from '../../scripts/local/client-credentials';
import { startStack, type Stack } from '../../scripts/local/stack';
import { apiClient, jwtPayload } from '../helpers/api-client';

const PASSWORD = 'LocalPassw0rd!';
const ORIGIN = 'http://localhost:5173';

async function signIn(api: ReturnType<typeof apiClient>, email: string, password = PASSWORD): Promise<string> {
  const response = await api('POST', '/auth/signin', { body: { email, password } });
  expect(response.status).toBe(200);
  return (response.json as { accessToken: string }).accessToken;
}

function tamper(token: string): string {
  const [header, , signature] = token.split('.') as [string, string, string];
  const claims = { ...jwtPayload(token), 'cognito:groups': ['moderators'] };
  return `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
}

// The gateway's warnings (a function that failed, a refused output) explain a failure in CI's output.
function reportGatewayWarnings(line: string): void {
  if (line.startsWith('[gateway]')) process.stderr.write(`${line}\n`);
}

describe('local stack, Cognito profile', () => {
  let stack: Stack;
  let api: ReturnType<typeof apiClient>;

  beforeAll(async () => {
    stack = await startStack({ profile: 'cognito', port: 0, onLine: reportGatewayWarnings });
    api = apiClient(stack.url);
  }, 120_000);
  afterAll(() => stack?.stop());

  it('signs up, signs in, and /me answers with principalId = sub', async () => {
    const email = `new-${Date.now()}@example.com`;
    const signup = await api('POST', '/auth/signup', { body: { email, password: PASSWORD } });
    expect(signup).toMatchObject({ status: 201, json: { confirmed: true } });
    const token = await signIn(api, email);
    const me = await api('GET', '/me', { token });
    expect(me.status).toBe(200);
    expect(me.json).toMatchObject({
      principalId: jwtPayload(token).sub,
      provider: 'cognito-local',
      permissions: ['aws.cognito.signin.user.admin', 'comments:read'],
    });
    // A fresh sign-up is a reader: it may list but not post.
    expect((await api('GET', '/comments', { token })).status).toBe(200);
    expect((await api('POST', '/comments', { token, body: { text: 'hi' } })).status).toBe(403);
  });

  it('answers 401 for no token, a garbage token and a tampered token', async () => {
    const token = await signIn(api, 'reader@example.com');
    expect((await api('GET', '/me')).status).toBe(401);
    expect((await api('GET', '/me', { rawAuthorization: 'Bearer garbage' })).status).toBe(401);
    expect((await api('GET', '/me', { rawAuthorization: `Basic ${token}` })).status).toBe(401);
    expect((await api('GET', '/comments', { token: tamper(token) })).status).toBe(401);
    expect((await api('GET', '/me', { token })).status).toBe(200);
  });

  it('gives a reader 403 on POST /comments and a writer 201', async () => {
    const reader = await signIn(api, 'reader@example.com');
    const writer = await signIn(api, 'writer@example.com');
    expect((await api('POST', '/comments', { token: reader, body: { text: 'no' } })).status).toBe(403);
    expect((await api('POST', '/comments', { token: writer, body: { text: 'yes' } })).status).toBe(201);
  });

  it('round-trips a comment with CORS headers on success', async () => {
    const writer = await signIn(api, 'writer@example.com');
    const created = await api('POST', '/comments', { token: writer, body: { text: 'round trip' }, origin: ORIGIN });
    expect(created.status).toBe(201);
    expect(created.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    const { id } = created.json as { id: string };
    const fetched = await api('GET', `/comments/${id}`, { token: writer, origin: ORIGIN });
    expect(fetched).toMatchObject({ status: 200, json: { id, text: 'round trip', mine: true } });
    expect(fetched.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    const listed = await api('GET', '/comments?limit=100', { token: writer });
    expect((listed.json as { items: Array<{ id: string }> }).items.map((c) => c.id)).toContain(id);
    // Someone else may not delete it; its author may, once.
    const moderatorlessReader = await signIn(api, 'reader@example.com');
    expect((await api('DELETE', `/comments/${id}`, { token: moderatorlessReader })).status).toBe(403);
    expect((await api('DELETE', `/comments/${id}`, { token: writer })).status).toBe(204);
    expect((await api('DELETE', `/comments/${id}`, { token: writer })).status).toBe(404);
    expect((await api('GET', `/comments/${id}`, { token: writer })).status).toBe(404);
  });

  it('pages with a signed cursor: the list function got the local CURSOR_SECRET through serverless.yml', async () => {
    const writer = await signIn(api, 'writer@example.com');
    for (const text of ['page one', 'page two'])
      expect((await api('POST', '/comments', { token: writer, body: { text } })).status).toBe(201);
    const first = await api('GET', '/comments?limit=1', { token: writer });
    const { nextCursor } = first.json as { nextCursor?: string };
    expect([first.status, typeof nextCursor]).toEqual([200, 'string']);
    const second = await api('GET', `/comments?limit=1&cursor=${encodeURIComponent(nextCursor as string)}`, {
      token: writer,
    });
    expect(second.status).toBe(200);
  });

  it('answers bad input with 4xx, never 500', async () => {
    const writer = await signIn(api, 'writer@example.com');
    expect((await api('POST', '/comments', { token: writer, body: { text: '' } })).status).toBe(400);
    expect(
      (await api('POST', '/auth/signin', { body: { email: 'writer@example.com', password: 'wrong-password' } })).status,
    ).toBe(401);
    expect((await api('POST', '/auth/signup', { body: { email: 'not-an-email', password: PASSWORD } })).status).toBe(
      400,
    );
    expect((await api('GET', '/comments?cursor=garbage', { token: writer })).status).toBe(400);
  });
});

describe('provider swap: the same API trusting oidc-provider through AUTH_CONFIG', () => {
  let stack: Stack;
  let api: ReturnType<typeof apiClient>;
  let keysDir: string;

  beforeAll(async () => {
    keysDir = await mkdtemp(path.join(tmpdir(), 'oidc-keys-'));
    stack = await startStack({ profile: 'oidc', port: 0, oidcKeysFile: path.join(keysDir, 'keys.json') });
    api = apiClient(stack.url);
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
    await rm(keysDir, { recursive: true, force: true });
  });

  it("accepts the OIDC provider's client-credentials tokens", async () => {
    const oidc = stack.oidc!;
    const token = await fetchClientCredentialsToken(oidc.tokenEndpoint, {
      clientId: oidc.clientId,
      clientSecret: oidc.clientSecret,
      scope: 'comments:read comments:write',
    });
    const me = await api('GET', '/me', { token });
    expect(me).toMatchObject({ status: 200, json: { principalId: oidc.clientId, provider: 'local-oidc' } });
    expect((await api('POST', '/comments', { token, body: { text: 'from a machine' } })).status).toBe(201);
    const readOnly = await fetchClientCredentialsToken(oidc.tokenEndpoint, {
      clientId: oidc.clientId,
      clientSecret: oidc.clientSecret,
      scope: 'comments:read',
    });
    expect((await api('POST', '/comments', { token: readOnly, body: { text: 'no' } })).status).toBe(403);
  });

  it('now rejects Cognito tokens, which it no longer trusts', async () => {
    const cognitoToken = await signIn(api, 'writer@example.com');
    expect((await api('GET', '/me', { token: cognitoToken })).status).toBe(401);
  });
});
