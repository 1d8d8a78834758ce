// explainToken against a real JWKS (and discovery) server with real signed tokens: each outcome, and the authorizer's own answer.
import { parseConfig, type AuthConfig } from '../../../../authorizer/config/load-config';
import { createAuthorizer } from '../../../../authorizer/create-authorizer';
import { REJECTION_REASONS } from '../../../../authorizer/errors';
import { createJsonFetcher } from '../../../../authorizer/keys/fetch-json';
import { explainToken, PLACEHOLDER_API_PREFIX } from '../../../../scripts/explain/explain-token';
import { formatExplanation } from '../../../../scripts/explain/format-explanation';
import { authorizedRoutes } from '../../../../shared/route-manifest';
import { captureLogger } from '../../../helpers/capture-logger';
import { createClock } from '../../../helpers/clock';
import { COGNITO_CLIENT, OIDC_AUDIENCE, testConfig } from '../../../helpers/config';
import { API_PREFIX, bearerEvent } from '../../../helpers/events';
import { startJwksServer, type JwksServer } from '../../../helpers/jwks-server';
import { createRsaKey, type TestKey } from '../../../helpers/keys';
import { signToken, type Claims } from '../../../helpers/tokens';

const clock = createClock();
let key: TestKey;
let server: JwksServer | undefined;
let config: AuthConfig;

beforeAll(() => {
  key = createRsaKey('explain-key-1');
});

beforeEach(async () => {
  server = await startJwksServer([key.jwk]);
  // The tests' JWKS server is http://127.0.0.1: the loopback opt-in, as the local stack gives its authorizer.
  config = parseConfig(testConfig(server.origin), { allowInsecureLoopback: true });
});

afterEach(async () => {
  await server?.close();
  server = undefined;
});

function jwks(): JwksServer {
  if (!server) throw new Error('the JWKS server did not start');
  return server;
}

/** A Cognito access token of the test pool, for `groups`, valid for an hour at the test clock. */
function cognitoToken(groups: string[], overrides: Claims = {}, header: Claims = {}): string {
  const now = clock.nowSeconds();
  const claims = {
    iss: `${jwks().origin}/eu-west-1_TestPool`,
    sub: 'user-7',
    token_use: 'access',
    client_id: COGNITO_CLIENT,
    'cognito:groups': groups,
    iat: now - 60,
    exp: now + 3_600,
    ...overrides,
  };
  return signToken(key, claims, header);
}

function oidcToken(overrides: Claims = {}): string {
  const now = clock.nowSeconds();
  const claims = {
    iss: jwks().issuer,
    sub: 'svc-1',
    aud: OIDC_AUDIENCE,
    scope: 'comments:read',
    iat: now,
    exp: now + 600,
  };
  return signToken(key, { ...claims, ...overrides });
}

const explain = (token: string, extra: Parameters<typeof explainToken>[2] = {}) =>
  explainToken(token, config, { now: clock.now, ...extra });

const statusOf = (result: Awaited<ReturnType<typeof explainToken>>) =>
  Object.fromEntries(result.checks.map((c) => [c.id, c.status]));

describe('explainToken: verified tokens', () => {
  it('allows every route to a writer, with the identity, the policy and the context', async () => {
    // Act
    const result = await explain(cognitoToken(['writers']));

    // Assess
    expect(result).toMatchObject({ verified: true, reason: null, outcome: 'verified', provider: 'pool' });
    expect(result.principalId).toBe('user-7');
    expect(result.permissions).toEqual(['comments:read', 'comments:write']);
    expect(result.routes).toHaveLength(authorizedRoutes().length);
    expect(result.routes.every((r) => r.decision === 'allow' && r.missing.length === 0)).toBe(true);
    expect(result.checks.every((c) => c.status === 'passed')).toBe(true);
    expect(result.identity).toMatchObject({ sub: 'user-7', groups: ['writers'], tokenUse: 'access' });
    expect(result.identity?.userId).toBe(`${jwks().origin}/eu-west-1_TestPool#user-7`);
    expect(result.context).toMatchObject({ provider: 'pool', permissions: 'comments:read comments:write' });
    expect(result.policy?.Statement[0]?.Resource[0]).toMatch(new RegExp(`^${escape(PLACEHOLDER_API_PREFIX)}/`));
  });

  it('denies a reader the write routes, naming the missing permission', async () => {
    // Act
    const result = await explain(cognitoToken(['readers']));

    // Assess
    expect(result.verified).toBe(true);
    const rows = Object.fromEntries(result.routes.map((r) => [`${r.method} ${r.path}`, r]));
    expect(rows['GET /comments']).toMatchObject({ decision: 'allow', missing: [], reason: 'ok' });
    expect(rows['POST /comments']).toMatchObject({
      decision: 'deny',
      missing: ['comments:write'],
      reason: 'insufficient_scope',
    });
    expect(rows['DELETE /comments/{id}']?.decision).toBe('deny');
    expect(result.context?.error).toBe('insufficient_scope');
    expect(formatExplanation(result)).toMatch(/POST\s+\/comments\s+deny\s+comments:write/);
  });

  it('gives the very policy document and context the authorizer answers with', async () => {
    // Prepare
    const token = cognitoToken(['readers']);
    const fetchJson = createJsonFetcher({ timeoutMs: 2_000 });
    const authorizer = createAuthorizer(config, { now: clock.now, fetchJson, logger: captureLogger() });

    // Act
    const answered = await authorizer.authorize(bearerEvent(token, 'GET', '/comments'));
    const result = await explain(token, { apiPrefix: API_PREFIX, fetchJson });

    // Assess
    expect(result.policy).toEqual(answered.policyDocument);
    expect(result.context).toEqual(answered.context);
    expect(result.principalId).toBe(answered.principalId);
  });

  it('limits the table to the route a request reaches, or says that no route is configured', async () => {
    // Act
    const concrete = await explain(cognitoToken(['readers']), { route: 'DELETE /comments/42' });
    const unknown = await explain(cognitoToken(['writers']), { route: 'PUT /comments' });

    // Assess
    expect(concrete.routes).toEqual([
      {
        method: 'DELETE',
        path: '/comments/{id}',
        decision: 'deny',
        missing: ['comments:write'],
        reason: 'insufficient_scope',
      },
    ]);
    expect(unknown.routes).toEqual([
      { method: 'PUT', path: '/comments', decision: 'deny', missing: [], reason: 'route_not_configured' },
    ]);
  });

  it('notes a Cognito user in no group, who is verified but denied everywhere that needs a permission', async () => {
    // Act
    const result = await explain(cognitoToken([]));

    // Assess
    expect(result.permissions).toEqual([]);
    expect(result.routes.find((r) => r.path === '/me')?.decision).toBe('allow');
    expect(formatExplanation(result)).toContain('the user is in no group');
  });
});

describe('explainToken: refused tokens', () => {
  it('refuses an expired token at the lifetime check, after the signature passed', async () => {
    // Act
    const result = await explain(cognitoToken(['writers'], { exp: clock.nowSeconds() - 600 }));

    // Assess
    expect(result).toMatchObject({ verified: false, reason: 'expired', outcome: 'unauthorized', provider: 'pool' });
    expect(statusOf(result)).toMatchObject({ signature: 'passed', lifetime: 'failed', subject: 'not_run' });
    expect(result.hint).toMatch(/fresh token/);
    expect(result.routes.every((r) => r.decision === 'deny')).toBe(true);
    expect(result).toMatchObject({ policy: null, context: null, principalId: null, permissions: [], identity: null });
  });

  it('refuses a token for another audience at the provider claims check', async () => {
    // Act
    const result = await explain(oidcToken({ aud: 'api://someone-else' }));

    // Assess
    expect(result).toMatchObject({ verified: false, reason: 'audience', provider: 'okta' });
    expect(result.selection).toMatchObject({ provider: 'okta', providerType: 'oidc', tokenIssuer: jwks().issuer });
    expect(statusOf(result)).toMatchObject({ lifetime: 'passed', provider_claims: 'failed', context: 'not_run' });
  });

  it('refuses a Cognito ID token where an access token is expected, with the token_use hint', async () => {
    // Act
    const result = await explain(cognitoToken(['writers'], { token_use: 'id', aud: COGNITO_CLIENT }));

    // Assess
    expect(result.reason).toBe('token_use');
    expect(result.hint).toMatch(/^token_use: this is an ID token; send the access token/);
    expect(formatExplanation(result)).toContain('fix: token_use: this is an ID token; send the access token');
  });

  it('refuses an OpenID Connect ID token (at_hash) sent to an access-token provider', async () => {
    // Act
    const result = await explain(oidcToken({ at_hash: 'x4Qf1l2k8ZrO6z1GX0yBRw', nonce: 'n-1' }));

    // Assess
    expect(result).toMatchObject({ reason: 'id_token', outcome: 'unauthorized' });
    expect(result.hint).toMatch(/send the access token/);
  });

  it('refuses an unknown kid once the key source was read, at the key check', async () => {
    // Act
    const result = await explain(cognitoToken(['writers'], {}, { kid: 'rotated-away' }));

    // Assess
    expect(result).toMatchObject({ reason: 'unknown_kid', outcome: 'unauthorized' });
    expect(statusOf(result)).toMatchObject({ algorithm: 'passed', key: 'failed', signature: 'not_run' });
    expect(jwks().hits('/jwks.json')).toBe(1);
  });

  it('names the configured issuers when the token names none of them', async () => {
    // Act
    const result = await explain(cognitoToken(['writers'], { iss: 'https://idp.example.com/' }));

    // Assess
    expect(result).toMatchObject({ reason: 'unknown_issuer', provider: null });
    expect(result.selection.configuredIssuers).toEqual([`${jwks().origin}/eu-west-1_TestPool`, jwks().issuer]);
    expect(formatExplanation(result)).toContain("the token's iss https://idp.example.com/ is none of the configured");
  });

  it('refuses what is not a JWS at the format check, decoding nothing', async () => {
    // Act
    const result = await explain('not-a-token');

    // Assess
    expect(result).toMatchObject({ reason: 'malformed', token: null, provider: null });
    expect(statusOf(result)).toMatchObject({ format: 'failed', issuer: 'not_run' });
  });

  it('accepts a whole Authorization header value as well as the bare token', async () => {
    // Act
    const result = await explain(`Bearer ${cognitoToken(['readers'])}`);

    // Assess
    expect(result.verified).toBe(true);
  });
});

describe('explainToken: the context', () => {
  it('notes the configured claims the context leaves out, as the authorizer would warn', async () => {
    // Prepare
    config = parseConfig(testConfig(jwks().origin, { contextClaims: ['address', 'cognito:groups'] }), {
      allowInsecureLoopback: true,
    });

    // Act
    const result = await explain(cognitoToken(['readers'], { address: { city: 'Lyon' } }));

    // Assess
    expect(result.verified).toBe(true);
    expect(result.context?.claim_cognito_groups).toBe('readers');
    expect(result.notes).toEqual([expect.stringMatching(/^context claims left out: refused \["address"\]/)]);
  });

  it('refuses an identity over contextMaxBytes at the last check, naming the verified principal', async () => {
    // Prepare
    config = parseConfig(testConfig(jwks().origin, { contextMaxBytes: 512 }), { allowInsecureLoopback: true });

    // Act
    const result = await explain(cognitoToken(['readers'], { sub: 's'.repeat(400) }));

    // Assess
    expect(result).toMatchObject({
      reason: 'context_too_large',
      outcome: 'unauthorized',
      principalId: 's'.repeat(400),
    });
    expect(statusOf(result)).toMatchObject({ provider_claims: 'passed', context: 'failed' });
    expect(result.detail).toMatch(/over the 512-byte budget/);
  });
});

describe('explainToken: an unreachable key source', () => {
  it('is jwks_unavailable, undecided rather than a refusal, saying to retry', async () => {
    // Prepare
    jwks().setMode('error');

    // Act
    const result = await explain(cognitoToken(['writers']));

    // Assess
    expect(result).toMatchObject({ verified: false, reason: 'jwks_unavailable', outcome: 'unavailable' });
    expect(result.detail).toContain('HTTP 503');
    expect(statusOf(result)).toMatchObject({ key: 'failed' });
    expect(formatExplanation(result)).toMatch(/UNDECIDED \(jwks_unavailable\).*503.*retry/);
  });
});

describe('explainToken: the JSON contract', () => {
  it('holds every key the playground reads, with its type, and never the token', async () => {
    // Prepare
    const token = cognitoToken(['readers']);

    // Act
    const results = [await explain(token), await explain(cognitoToken(['readers'], { exp: 1 }))];

    // Assess
    for (const result of results) {
      expect(typeof result.verified).toBe('boolean');
      expect(result.reason === null || (REJECTION_REASONS as readonly string[]).includes(result.reason)).toBe(true);
      expect(['string', 'object']).toContain(typeof result.provider);
      expect(Array.isArray(result.permissions)).toBe(true);
      for (const route of result.routes) {
        expect(Object.keys(route).sort()).toEqual(['decision', 'method', 'missing', 'path', 'reason']);
      }
      const text = JSON.stringify(result);
      expect(text).not.toContain(token);
      expect(text).not.toContain(token.split('.')[2]);
    }
    expect(Object.keys(results[0] ?? {})).toEqual(
      expect.arrayContaining([
        'verified',
        'reason',
        'provider',
        'principalId',
        'permissions',
        'routes',
        'policy',
        'context',
      ]),
    );
  });

  it('rejects a malformed route as a programming mistake (TypeError), before any fetch', async () => {
    // Act
    const attempt = explain(cognitoToken(['readers']), { route: 'comments' });

    // Assess
    await expect(attempt).rejects.toThrow(TypeError);
    expect(jwks().hits()).toBe(0);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
