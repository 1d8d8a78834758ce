// The authorizer end to end in-process: real keys, real signed JWTs, a real JWKS server on 127.0.0.1, a fixed clock.
import type { APIGatewayAuthorizerResult } from 'aws-lambda';
import { decodeAuthContext } from '../../../shared/auth-context';
import { COGNITO_CLIENT, OIDC_AUDIENCE, testConfig } from '../../helpers/config';
import { bearerEvent, methodArn, tokenEvent } from '../../helpers/events';
import { createHarness, type Harness } from '../../helpers/authorizer-harness';
import { evaluatePolicy, WILDCARD_MODELS } from '../../helpers/iam-evaluator';
import { startJwksServer, type JwksServer } from '../../helpers/jwks-server';
import { createEcKey, createRsaKey, type TestKey } from '../../helpers/keys';
import { assemble, signHmac, signToken, type Claims } from '../../helpers/tokens';
import type { AuthConfigInput } from '../../../authorizer/config/schema';
import { DECISION_REASONS } from '../../../authorizer/decision-log';

let server: JwksServer;
let rsa: TestKey;
let ec: TestKey;
let rsaNoAlg: TestKey;

beforeAll(async () => {
  rsa = createRsaKey('rsa-1');
  ec = createEcKey('ec-1');
  rsaNoAlg = createRsaKey('rsa-noalg', 'RS384', { declareAlg: false });
  server = await startJwksServer([rsa.jwk, ec.jwk, rsaNoAlg.jwk]);
});
afterAll(() => server.close());

function config(overrides: Partial<AuthConfigInput> = {}): AuthConfigInput {
  const base = testConfig(server.origin, overrides);
  const [cognito, oidc] = base.providers;
  return { ...base, providers: [cognito!, { ...oidc!, algorithms: ['RS256', 'RS384', 'ES256'] }], ...overrides };
}

function cognitoClaims(h: Harness, extra: Claims = {}): Claims {
  const now = h.clock.nowSeconds();
  return {
    iss: `${server.origin}/eu-west-1_TestPool`,
    sub: 'cognito-user-1',
    token_use: 'access',
    client_id: COGNITO_CLIENT,
    'cognito:groups': ['writers'],
    iat: now,
    exp: now + 3600,
    ...extra,
  };
}

function oidcClaims(h: Harness, extra: Claims = {}): Claims {
  const now = h.clock.nowSeconds();
  return {
    iss: server.issuer,
    sub: 'oidc-user-1',
    aud: OIDC_AUDIENCE,
    scope: 'comments:read',
    azp: 'spa',
    iat: now,
    exp: now + 3600,
    ...extra,
  };
}

function expectResult(value: APIGatewayAuthorizerResult | Error): APIGatewayAuthorizerResult {
  if (value instanceof Error) throw new Error(`expected a policy, got error ${value.message}`);
  return value;
}

function expectThrown(value: APIGatewayAuthorizerResult | Error, message: string): void {
  expect(value).toBeInstanceOf(Error);
  // Exactly this message and a plain Error: API Gateway maps only the exact text "Unauthorized" to 401.
  expect((value as Error).message).toBe(message);
  expect(Object.getPrototypeOf(value)).toBe(Error.prototype);
}

function lastDecision(h: Harness): Record<string, unknown> {
  return h.decisions().at(-1) ?? {};
}

describe('createAuthorizer', () => {
  let h: Harness;
  beforeEach(async () => {
    server.setMode('ok');
    server.setKeys([rsa.jwk, ec.jwk, rsaNoAlg.jwk]);
    h = createHarness(config());
    await h.authorizer.warm();
  });

  it('allows a valid Cognito access token with principalId = sub and a decodable context', async () => {
    const result = expectResult(await h.run(bearerEvent(signToken(rsa, cognitoClaims(h)))));
    expect(result.principalId).toBe('cognito-user-1');
    expect(evaluatePolicy(result.policyDocument as never, methodArn('GET', '/comments'))).toBe('Allow');
    expect(evaluatePolicy(result.policyDocument as never, methodArn('DELETE', '/comments/42'))).toBe('Allow');
    const delivered = { principalId: result.principalId, ...result.context };
    expect(decodeAuthContext(delivered)).toEqual({
      principalId: 'cognito-user-1',
      userId: `${server.origin}/eu-west-1_TestPool#cognito-user-1`,
      provider: 'pool',
      issuer: `${server.origin}/eu-west-1_TestPool`,
      clientId: COGNITO_CLIENT,
      tokenUse: 'access',
      permissions: ['comments:read', 'comments:write'],
      expiresAt: h.clock.nowSeconds() + 3600,
      claims: {},
    });
    expect(result.context).not.toHaveProperty('error');
    expect(lastDecision(h)).toMatchObject({ outcome: 'allow', reason: 'ok', provider: 'pool', kid: 'rsa-1' });
  });

  it('allows an OIDC token found through discovery, RS256 and ES256', async () => {
    for (const key of [rsa, ec]) {
      const result = expectResult(await h.run(bearerEvent(signToken(key, oidcClaims(h)))));
      expect(result.principalId).toBe('oidc-user-1');
      expect(result.context).toMatchObject({ provider: 'okta', clientId: 'spa', permissions: 'comments:read' });
    }
    expect(server.hits('/issuer/.well-known/openid-configuration')).toBeGreaterThanOrEqual(1);
  });

  it('answers a missing permission with a Deny (403), not an error, and a route-independent reason', async () => {
    const token = signToken(rsa, oidcClaims(h));
    const result = expectResult(await h.run(bearerEvent(token, 'POST', '/comments')));
    expect(result.principalId).toBe('oidc-user-1');
    expect(evaluatePolicy(result.policyDocument as never, methodArn('POST', '/comments'))).toBe('Deny');
    expect(evaluatePolicy(result.policyDocument as never, methodArn('GET', '/comments'))).toBe('Allow');
    expect(result.context?.error).toBe('insufficient_scope');
    expect(lastDecision(h)).toMatchObject({ outcome: 'deny', reason: 'insufficient_scope' });
  });

  it('returns the same result whichever route triggered it (cache safety)', async () => {
    const token = signToken(rsa, oidcClaims(h));
    const arns = [
      ['GET', '/comments'],
      ['POST', '/comments'],
      ['DELETE', '/comments/9'],
      ['GET', '/me'],
    ] as const;
    const results = await Promise.all(arns.map(([v, p]) => h.run(bearerEvent(token, v, p))));
    for (const r of results) expect(r).toEqual(results[0]);
  });

  it('maps Cognito groups to permissions and denies a reader the write routes', async () => {
    const token = signToken(rsa, cognitoClaims(h, { 'cognito:groups': ['readers'] }));
    const result = expectResult(await h.run(bearerEvent(token)));
    expect(evaluatePolicy(result.policyDocument as never, methodArn('GET', '/comments/1'))).toBe('Allow');
    expect(evaluatePolicy(result.policyDocument as never, methodArn('POST', '/comments'))).toBe('Deny');
    expect(evaluatePolicy(result.policyDocument as never, methodArn('GET', '/unlisted'))).toBe('Deny');
  });

  it('caches a policy that over-grants under no wildcard model when path values carry ":" (nested routes)', async () => {
    // Prepare: nested parameter routes and a public greedy route, the shapes where IAM's colon rule bites.
    const routes = [
      { method: 'GET' as const, path: '/comments/{id}', scopes: ['comments:read'] },
      { method: 'GET' as const, path: '/comments/{id}/likes', scopes: ['likes:read'] },
      { method: 'ANY' as const, path: '/{proxy+}', scopes: [] },
      { method: 'GET' as const, path: '/tenants/{tenant}/billing', scopes: ['billing:read'] },
    ];
    const nested = createHarness(config({ routes }));
    const token = signToken(rsa, oidcClaims(nested)); // holds comments:read only

    // Act: the first call (what API Gateway caches for every route) is at the reader's own comment.
    const result = expectResult(await nested.run(bearerEvent(token, 'GET', '/comments/urn:c:7')));

    // Assess
    for (const model of WILDCARD_MODELS) {
      const at = (verb: string, path: string) =>
        evaluatePolicy(result.policyDocument as never, methodArn(verb, path), model);
      expect([model, at('GET', '/comments/urn:c:7/likes')]).toEqual([model, 'Deny']);
      expect([model, at('GET', '/tenants/acme:eu/billing')]).toEqual([model, 'Deny']);
      expect([model, at('GET', '/comments/urn:c:7')]).toEqual([model, 'Allow']);
      expect([model, at('PUT', '/files/a:b/c')]).toEqual([model, 'Allow']);
    }
  });

  describe('OIDC ID tokens are not API credentials', () => {
    it.each([
      ['at_hash', { at_hash: 'q0OCSeKrJKYN1LZ9Tq-yrg', nonce: 'n-0S6_WzA2Mj' }],
      ['c_hash', { c_hash: 'LDktKdoQak3Pk0cnXxCltA' }],
      ['Keycloak typ ID', { typ: 'ID', azp: 'spa' }],
    ])(
      'refuses an ID token (%s) signed by the trusted issuer for the audience: 401, reason id_token',
      async (_n, extra) => {
        // Act
        const outcome = await h.run(bearerEvent(signToken(rsa, oidcClaims(h, extra))));

        // Assess
        expectThrown(outcome as Error, 'Unauthorized');
        expect(lastDecision(h)).toMatchObject({ outcome: 'unauthorized', reason: 'id_token', provider: 'okta' });
      },
    );

    it('accepts an RFC 9068 at+jwt access token and a Keycloak access token carrying a nonce', async () => {
      const atJwt = await h.run(bearerEvent(signToken(rsa, oidcClaims(h), { typ: 'at+jwt' })));
      const keycloak = await h.run(bearerEvent(signToken(rsa, oidcClaims(h, { typ: 'Bearer', nonce: 'n' }))));
      expect(expectResult(atJwt).context).toMatchObject({ provider: 'okta', tokenUse: 'access' });
      expect(expectResult(keycloak).principalId).toBe('oidc-user-1');
    });

    it('with tokenUse "id" (the explicit opt-in) accepts the ID token and refuses an at+jwt access token', async () => {
      // Prepare
      const base = config();
      const [cognito, oidc] = base.providers;
      const idApi = createHarness({ ...base, providers: [cognito!, { ...oidc!, tokenUse: 'id' }] });

      // Act
      const idToken = await idApi.run(bearerEvent(signToken(rsa, oidcClaims(idApi, { at_hash: 'x' }))));
      const accessToken = await idApi.run(bearerEvent(signToken(rsa, oidcClaims(idApi), { typ: 'at+jwt' })));

      // Assess
      expect(expectResult(idToken).context).toMatchObject({ tokenUse: 'id' });
      expectThrown(accessToken as Error, 'Unauthorized');
      expect(lastDecision(idApi)).toMatchObject({ outcome: 'unauthorized', reason: 'token_use' });
    });
  });

  describe('rejections throw exactly Unauthorized and log a reason', () => {
    const cases: Array<[string, (h: Harness) => string, string]> = [
      ['no header', () => '', 'missing'],
      ['a non-bearer scheme', (h) => `Basic ${signToken(rsa, cognitoClaims(h))}`, 'malformed'],
      ['garbage', () => 'Bearer not-a-jwt', 'malformed'],
      [
        'an expired token beyond the tolerance',
        (h) => bearer(signToken(rsa, cognitoClaims(h, { exp: h.clock.nowSeconds() - 6 }))),
        'expired',
      ],
      [
        'nbf in the future beyond the tolerance',
        (h) => bearer(signToken(rsa, cognitoClaims(h, { nbf: h.clock.nowSeconds() + 60 }))),
        'not_yet_valid',
      ],
      [
        'iat in the future',
        (h) => bearer(signToken(rsa, cognitoClaims(h, { iat: h.clock.nowSeconds() + 60 }))),
        'issued_in_future',
      ],
      ['no exp', (h) => bearer(signToken(rsa, cognitoClaims(h, { exp: undefined }))), 'missing_exp'],
      [
        'exp beyond what a NumericDate can mean',
        (h) => bearer(signToken(rsa, cognitoClaims(h, { exp: 1e13 }))),
        'invalid_claim',
      ],
      [
        'exp as a string',
        (h) => bearer(signToken(rsa, cognitoClaims(h, { exp: String(h.clock.nowSeconds() + 60) }))),
        'invalid_claim',
      ],
      [
        'an unknown issuer',
        (h) => bearer(signToken(rsa, cognitoClaims(h, { iss: 'https://evil.example.com/pool' }))),
        'unknown_issuer',
      ],
      [
        'an issuer with an extra trailing slash',
        (h) => bearer(signToken(rsa, oidcClaims(h, { iss: `${server.issuer}/` }))),
        'unknown_issuer',
      ],
      ['an issuer array', (h) => bearer(signToken(rsa, oidcClaims(h, { iss: [server.issuer] }))), 'unknown_issuer'],
      ['a wrong audience', (h) => bearer(signToken(rsa, oidcClaims(h, { aud: 'api://other' }))), 'audience'],
      ['an audience prefix', (h) => bearer(signToken(rsa, oidcClaims(h, { aud: 'api://comment' }))), 'audience'],
      ['an empty audience array', (h) => bearer(signToken(rsa, oidcClaims(h, { aud: [] }))), 'audience'],
      ['no audience', (h) => bearer(signToken(rsa, oidcClaims(h, { aud: undefined }))), 'audience'],
      [
        'a Cognito id token where access is required',
        (h) => bearer(signToken(rsa, cognitoClaims(h, { token_use: 'id' }))),
        'token_use',
      ],
      [
        'a foreign Cognito client',
        (h) => bearer(signToken(rsa, cognitoClaims(h, { client_id: 'other' }))),
        'client_id',
      ],
      ['no sub', (h) => bearer(signToken(rsa, cognitoClaims(h, { sub: undefined }))), 'subject'],
      ['an empty sub', (h) => bearer(signToken(rsa, cognitoClaims(h, { sub: ' ' }))), 'subject'],
      [
        'a tampered payload',
        (h) => bearer(tamperPayload(signToken(rsa, cognitoClaims(h)), { sub: 'admin' })),
        'bad_signature',
      ],
      [
        'a signature from another key with the same kid',
        (h) => bearer(signToken(createRsaKey('rsa-1'), cognitoClaims(h))),
        'bad_signature',
      ],
      [
        'alg none with an empty signature',
        (h) => bearer(assemble({ alg: 'none', kid: 'rsa-1' }, cognitoClaims(h), '')),
        'malformed',
      ],
      [
        'alg none with a signature',
        (h) => bearer(assemble({ alg: 'none', kid: 'rsa-1' }, cognitoClaims(h))),
        'unsupported_alg',
      ],
      [
        'HS256 keyed with the public key PEM',
        (h) =>
          bearer(
            signHmac(
              rsa.publicKey.export({ type: 'spki', format: 'pem' }),
              { alg: 'HS256', kid: 'rsa-1' },
              cognitoClaims(h),
            ),
          ),
        'unsupported_alg',
      ],
      [
        'RS384 against a provider pinned to RS256',
        (h) => bearer(signToken(createRsaKey('rsa-1', 'RS384'), cognitoClaims(h))),
        'unsupported_alg',
      ],
      ['RS384 with a key whose JWK says RS256', (h) => bearer(signRs(rsa, 'RS384', oidcClaims(h))), 'alg_mismatch'],
      ['ES256 naming an RSA key', (h) => bearer(signToken({ ...ec, kid: 'rsa-1' }, oidcClaims(h))), 'alg_mismatch'],
      [
        'RS256 naming an EC key without declared alg mismatch',
        (h) => bearer(signToken({ ...rsa, kid: 'ec-1' }, oidcClaims(h))),
        'alg_mismatch',
      ],
      [
        'ES256 against a key without declared alg',
        (h) => bearer(signToken({ ...ec, kid: 'rsa-noalg' }, oidcClaims(h))),
        'alg_mismatch',
      ],
      [
        'an unknown crit header',
        (h) => bearer(signToken(rsa, cognitoClaims(h), { crit: ['exp'], exp: 1 })),
        'crit_unsupported',
      ],
      ['no kid', (h) => bearer(signToken(rsa, cognitoClaims(h), { kid: undefined })), 'unknown_kid'],
      ['a non-string kid', (h) => bearer(signToken(rsa, cognitoClaims(h), { kid: 7 })), 'unknown_kid'],
      [
        'a path-traversal kid',
        (h) => bearer(signToken(rsa, cognitoClaims(h), { kid: '../../etc/passwd' })),
        'unknown_kid',
      ],
    ];

    it.each(cases)('%s', async (_label, makeHeader, reason) => {
      const result = await h.run(tokenEvent(makeHeader(h)));
      expectThrown(result, 'Unauthorized');
      expect(lastDecision(h)).toMatchObject({ outcome: 'unauthorized', reason });
    });
  });

  it('accepts an expired token still inside the clock tolerance, and a matching aud inside an array', async () => {
    const claims = oidcClaims(h, { exp: h.clock.nowSeconds() - 3, aud: ['other', OIDC_AUDIENCE] });
    expect(expectResult(await h.run(bearerEvent(signToken(rsa, claims)))).principalId).toBe('oidc-user-1');
  });

  it('honours maxTokenAgeSeconds against iat', async () => {
    const strict = createHarness(config({ maxTokenAgeSeconds: 60 }), h.clock);
    const old = signToken(rsa, oidcClaims(h, { iat: h.clock.nowSeconds() - 120 }));
    expectThrown(await strict.run(bearerEvent(old)), 'Unauthorized');
    expect(lastDecision(strict)).toMatchObject({ reason: 'too_old' });
    expectThrown(await strict.run(bearerEvent(signToken(rsa, oidcClaims(h, { iat: undefined })))), 'Unauthorized');
    expect(expectResult(await strict.run(bearerEvent(signToken(rsa, oidcClaims(h))))).principalId).toBe('oidc-user-1');
  });

  it('never fetches keys named by the token (jku, x5u, jwk, x5c)', async () => {
    const attacker = await startJwksServer();
    try {
      const evil = createRsaKey('evil');
      attacker.setKeys([evil.jwk]);
      const header = { jku: attacker.jwksUri, x5u: attacker.jwksUri, jwk: evil.jwk, x5c: ['MIIB'] };
      h.clock.advance(60_000);
      expectThrown(await h.run(bearerEvent(signToken(evil, cognitoClaims(h), header))), 'Unauthorized');
      expect(lastDecision(h)).toMatchObject({ reason: 'unknown_kid' });
      expectThrown(
        await h.run(bearerEvent(signToken(evil, cognitoClaims(h), { ...header, kid: 'rsa-1' }))),
        'Unauthorized',
      );
      expect(attacker.hits()).toBe(0);
    } finally {
      await attacker.close();
    }
  });

  it('refetches once for an unknown kid, then rate-limits until the cool-down ends', async () => {
    const before = server.hits('/jwks.json');
    h.clock.advance(11_000);
    for (let i = 0; i < 5; i++) {
      const stranger = createRsaKey(`random-${i}`);
      expectThrown(await h.run(bearerEvent(signToken(stranger, cognitoClaims(h)))), 'Unauthorized');
    }
    expect(server.hits('/jwks.json') - before).toBe(1);
    h.clock.advance(11_000);
    expectThrown(await h.run(bearerEvent(signToken(createRsaKey('random-x'), cognitoClaims(h)))), 'Unauthorized');
    expect(server.hits('/jwks.json') - before).toBe(2);
  });

  it('picks up a rotated key after one refetch', async () => {
    const next = createRsaKey('rsa-2');
    server.setKeys([rsa.jwk, next.jwk]);
    h.clock.advance(11_000);
    const before = server.hits('/jwks.json');
    const result = expectResult(await h.run(bearerEvent(signToken(next, cognitoClaims(h)))));
    expect(result.principalId).toBe('cognito-user-1');
    expect(server.hits('/jwks.json') - before).toBe(1);
  });

  it('keeps serving known keys during an outage and fails closed, retryable, for unknown kids', async () => {
    server.setMode('error');
    h.clock.advance(11_000);
    expect(expectResult(await h.run(bearerEvent(signToken(rsa, cognitoClaims(h))))).principalId).toBe('cognito-user-1');
    expectThrown(
      await h.run(bearerEvent(signToken(createRsaKey('new-kid'), cognitoClaims(h)))),
      'KeySourceUnavailable',
    );
    expect(lastDecision(h)).toMatchObject({ outcome: 'unavailable', reason: 'jwks_unavailable' });
    server.setMode('ok');
    h.clock.advance(11_000);
    expectThrown(await h.run(bearerEvent(signToken(createRsaKey('new-kid-2'), cognitoClaims(h)))), 'Unauthorized');
    expect(lastDecision(h)).toMatchObject({ reason: 'unknown_kid' });
  });

  it('fails with a 500-class error, not 401, on a malformed methodArn', async () => {
    const event = { ...bearerEvent(signToken(rsa, cognitoClaims(h))), methodArn: 'not-an-arn' };
    expectThrown(await h.run(event), 'AuthorizerFailure');
    expect(lastDecision(h)).toMatchObject({ outcome: 'error', reason: 'invalid_event' });
  });

  it('puts configured extra claims in the context, refusing objects', async () => {
    const withClaims = createHarness(config({ contextClaims: ['email', 'cognito:username', 'address'] }), h.clock);
    const claims = cognitoClaims(h, { email: 'a@example.com', 'cognito:username': 'alice', address: { street: 'x' } });
    const result = expectResult(await withClaims.run(bearerEvent(signToken(rsa, claims))));
    expect(result.context).toMatchObject({ claim_email: 'a@example.com', claim_cognito_username: 'alice' });
    expect(result.context).not.toHaveProperty('claim_address');
    expect(withClaims.logger.entries().some((e) => e.message === 'context claims left out')).toBe(true);
  });

  describe('verified-token cache', () => {
    it('serves a repeated token without verifying again, identically', async () => {
      const token = signToken(rsa, cognitoClaims(h));
      const first = await h.run(bearerEvent(token));
      const fetchesBefore = server.hits('/jwks.json');
      const second = await h.run(bearerEvent(token, 'POST', '/comments'));
      expect(second).toEqual(first);
      expect(server.hits('/jwks.json')).toBe(fetchesBefore);
    });

    it('never serves an expired token from the cache: past exp minus the tolerance it is verified again, and refused', async () => {
      const now = h.clock.nowSeconds();
      const token = signToken(rsa, cognitoClaims(h, { exp: now + 60 }));
      expect(expectResult(await h.run(bearerEvent(token))).principalId).toBe('cognito-user-1');
      h.clock.advance((60 - 5) * 1000); // exactly exp - tolerance: the cache entry is gone
      // Still inside the verifier's own tolerance, so the fresh verification accepts it...
      expect(expectResult(await h.run(bearerEvent(token))).principalId).toBe('cognito-user-1');
      h.clock.advance(11_000); // past exp + tolerance
      expectThrown(await h.run(bearerEvent(token)), 'Unauthorized');
      expect(lastDecision(h)).toMatchObject({ reason: 'expired' });
    });

    it('stops serving a cached token once its key source has failed past jwks.maxStaleSeconds (retryable)', async () => {
      // Prepare
      const bounded = createHarness(config({ jwks: { maxAgeSeconds: 600, maxStaleSeconds: 1800 } }));
      await bounded.authorizer.warm();
      const token = signToken(rsa, cognitoClaims(bounded, { exp: bounded.clock.nowSeconds() + 7200 }));
      expect(expectResult(await bounded.run(bearerEvent(token))).principalId).toBe('cognito-user-1');
      server.setMode('error');

      // Act: past the bound, the same (cached, unexpired) token again.
      bounded.clock.advance(1_801_000);
      const outcome = await bounded.run(bearerEvent(token));

      // Assess: the cache entry lived at most maxAgeSeconds, so the key store was asked, and it had dropped the key.
      expectThrown(outcome as Error, 'KeySourceUnavailable');
      expect(lastDecision(bounded)).toMatchObject({ outcome: 'unavailable', reason: 'jwks_unavailable' });
    });

    it('forgets tokens signed by a key the provider has dropped (revocation)', async () => {
      const doomed = createRsaKey('doomed');
      server.setKeys([rsa.jwk, ec.jwk, rsaNoAlg.jwk, doomed.jwk]);
      h.clock.advance(11_000);
      const token = signToken(doomed, cognitoClaims(h));
      expect(expectResult(await h.run(bearerEvent(token))).principalId).toBe('cognito-user-1');
      server.setKeys([rsa.jwk, ec.jwk, rsaNoAlg.jwk]);
      // After maxAge a request triggers the background refresh, which drops the key and clears the cache.
      h.clock.advance(601_000);
      await h.run(bearerEvent(signToken(rsa, cognitoClaims(h))));
      await h.authorizer.warm(); // joins the background refresh (single-flight) instead of sleeping
      expectThrown(await h.run(bearerEvent(token)), 'Unauthorized');
      expect(lastDecision(h)).toMatchObject({ reason: 'unknown_kid' });
    });
  });

  it('emits one decision line per request, carrying an EMF metric block counted by outcome and reason', async () => {
    const before = h.decisions().length;
    await h.run(bearerEvent(signToken(rsa, cognitoClaims(h))));
    await h.run(tokenEvent('Bearer a.b.c'));
    const lines = h.decisions().slice(before);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({
      outcome: 'allow',
      reason: 'ok',
      provider: 'pool',
      Decisions: 1,
      DecisionLatency: expect.any(Number),
    });
    expect(lines[1]).toMatchObject({ outcome: 'unauthorized', reason: 'malformed', provider: 'none', Decisions: 1 });
    expect(lines[0]?._aws).toEqual({
      Timestamp: h.clock.now(),
      CloudWatchMetrics: [
        {
          Namespace: 'ApiAuthorizer',
          Dimensions: [['outcome'], ['outcome', 'reason'], ['provider', 'outcome']],
          Metrics: [
            { Name: 'Decisions', Unit: 'Count' },
            { Name: 'DecisionLatency', Unit: 'Milliseconds' },
          ],
        },
      ],
    });
  });

  it('never logs the token or its signature', async () => {
    const token = signToken(rsa, cognitoClaims(h));
    const forged = tamperPayload(token, { sub: 'x' });
    await h.run(bearerEvent(token));
    await h.run(bearerEvent(forged));
    await h.run(tokenEvent(`Bearer ${token}x`));
    const [, , signature] = token.split('.');
    const logged = h.logger.lines.join('\n');
    expect(logged).not.toContain(token);
    expect(logged).not.toContain(signature!.slice(0, 16));
    expect(logged).not.toContain(forged.split('.')[1]!.slice(0, 16));
  });

  describe('the decision line names what was learned before a failure, and only that', () => {
    it.each<[string, (h: Harness) => string, Record<string, unknown>, string[]]>([
      [
        'nothing of an undecodable token',
        () => 'Bearer a.b.c',
        { reason: 'malformed', provider: 'none' },
        ['kid', 'principalId'],
      ],
      [
        'the kid of a token from an unknown issuer',
        (h) => bearer(signToken(rsa, cognitoClaims(h, { iss: 'https://evil.example.com/pool' }))),
        { reason: 'unknown_issuer', provider: 'none', kid: 'rsa-1' },
        ['principalId'],
      ],
      [
        'the kid and provider of a forged signature, not its unverified sub',
        (h) => bearer(tamperPayload(signToken(rsa, cognitoClaims(h)), { sub: 'admin' })),
        { reason: 'bad_signature', provider: 'pool', kid: 'rsa-1' },
        ['principalId'],
      ],
    ])('%s', async (_label, makeHeader, expected, absent) => {
      // Act
      expectThrown(await h.run(tokenEvent(makeHeader(h))), 'Unauthorized');

      // Assess
      const line = lastDecision(h);
      expect(line).toMatchObject({ outcome: 'unauthorized', ...expected });
      for (const key of absent) expect(line).not.toHaveProperty(key);
    });

    it('kid, provider and principalId of a verified token whose context does not fit', async () => {
      // Prepare: the smallest budget, and a subject that alone (as principalId and in userId) exceeds it.
      const tight = createHarness(config({ contextMaxBytes: 512 }), h.clock);
      const sub = 'u'.repeat(300);

      // Act
      const outcome = await tight.run(bearerEvent(signToken(rsa, cognitoClaims(h, { sub }))));

      // Assess
      expectThrown(outcome, 'Unauthorized');
      expect(lastDecision(tight)).toMatchObject({
        outcome: 'unauthorized',
        reason: 'context_too_large',
        provider: 'pool',
        kid: 'rsa-1',
        principalId: sub,
      });
    });

    it('on a cache hit, the same facts as on the first verification', async () => {
      // Prepare
      const token = signToken(rsa, cognitoClaims(h));
      await h.run(bearerEvent(token));
      const first = lastDecision(h);

      // Act
      await h.run(bearerEvent(token, 'POST', '/comments'));

      // Assess
      const facts = ({ provider, kid, principalId }: Record<string, unknown>) => ({ provider, kid, principalId });
      expect(facts(lastDecision(h))).toEqual(facts(first));
      expect(facts(first)).toEqual({ provider: 'pool', kid: 'rsa-1', principalId: 'cognito-user-1' });
    });
  });

  it('gives every decision line a reason from the closed list', async () => {
    // Prepare
    const before = h.decisions().length;

    // Act
    await h.run(bearerEvent(signToken(rsa, cognitoClaims(h))));
    await h.run(bearerEvent(signToken(rsa, oidcClaims(h)), 'POST', '/comments'));
    await h.run(bearerEvent(signToken(rsa, oidcClaims(h)), 'GET', '/unlisted'));
    await h.run(tokenEvent(''));
    await h.run({ ...bearerEvent(signToken(rsa, cognitoClaims(h))), methodArn: 'not-an-arn' });

    // Assess
    const reasons = h
      .decisions()
      .slice(before)
      .map((line) => line.reason);
    expect(reasons).toEqual(['ok', 'insufficient_scope', 'route_not_configured', 'missing', 'invalid_event']);
    for (const reason of reasons) expect(DECISION_REASONS).toContain(reason);
  });
});

function bearer(token: string): string {
  return `Bearer ${token}`;
}

function tamperPayload(token: string, patch: Claims): string {
  const [header, payload, signature] = token.split('.') as [string, string, string];
  const claims = { ...JSON.parse(Buffer.from(payload, 'base64url').toString()), ...patch };
  return `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
}

function signRs(key: TestKey, alg: string, claims: Claims): string {
  return signToken({ ...key, alg }, claims);
}
