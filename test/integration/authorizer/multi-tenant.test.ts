// Multi-tenant issuers end to end in-process: two listed tenants and one unlisted, each with its own real key source.
import type { APIGatewayAuthorizerResult } from 'aws-lambda';
import type { AuthConfigInput } from '../../../authorizer/config/schema';
import { decodeAuthContext } from '../../../shared/auth-context';
import { createHarness, type Harness } from '../../helpers/authorizer-harness';
import { ROUTES } from '../../helpers/config';
import { bearerEvent, methodArn } from '../../helpers/events';
import { evaluatePolicy } from '../../helpers/iam-evaluator';
import { createRsaKey, type TestKey } from '../../helpers/keys';
import { startTenantIdpServer, type TenantIdpServer } from '../../helpers/tenant-idp-server';
import { signToken, type Claims } from '../../helpers/tokens';

// Entra ID tenant ids are GUIDs; C is a real tenant of the same IdP that this API does not list.
const A = '11111111-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const B = '22222222-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
const C = '33333333-cccc-4ccc-8ccc-cccccccccccc';
const AUDIENCE = 'api://comments';

let server: TenantIdpServer;
let keyA: TestKey;
let keyB: TestKey;
let keyC: TestKey;

beforeAll(() => {
  keyA = createRsaKey('key-a');
  keyB = createRsaKey('key-b');
  keyC = createRsaKey('key-c');
});

beforeEach(async () => {
  // Fresh per test, so request counts start at zero; closed by its own handle whatever the test did.
  server = await startTenantIdpServer({ [A]: [keyA.jwk], [B]: [keyB.jwk], [C]: [keyC.jwk] }, [
    keyA.jwk,
    keyB.jwk,
    keyC.jwk,
  ]);
});
afterEach(() => server.close());

type KeySourceChoice = 'per-tenant' | 'shared' | 'discovery';

function config(keys: KeySourceChoice, overrides: Partial<AuthConfigInput> = {}): AuthConfigInput {
  const jwksUri = { 'per-tenant': server.jwksTemplate, shared: server.commonJwksUri, discovery: undefined }[keys];
  return {
    providers: [
      {
        name: 'entra',
        type: 'oidc',
        issuer: server.issuerTemplate,
        tenants: [A, B],
        ...(jwksUri ? { jwksUri } : {}),
        audiences: [AUDIENCE],
        permissionClaims: ['scp', 'roles'],
      },
    ],
    routes: ROUTES,
    ...overrides,
  };
}

function claims(h: Harness, tenant: string, extra: Claims = {}): Claims {
  const now = h.clock.nowSeconds();
  return {
    iss: server.issuerOf(tenant),
    tid: tenant,
    sub: `user-of-${tenant.slice(0, 8)}`,
    aud: AUDIENCE,
    scp: 'comments:read',
    iat: now,
    exp: now + 3600,
    ...extra,
  };
}

function expectAllowed(value: APIGatewayAuthorizerResult | Error): APIGatewayAuthorizerResult {
  if (value instanceof Error) throw new Error(`expected a policy, got error ${value.message}`);
  expect(evaluatePolicy(value.policyDocument as never, methodArn('GET', '/comments'))).toBe('Allow');
  return value;
}

function expectUnauthorized(value: APIGatewayAuthorizerResult | Error): void {
  expect(value).toBeInstanceOf(Error);
  expect((value as Error).message).toBe('Unauthorized');
}

function lastDecision(h: Harness): Record<string, unknown> {
  return h.decisions().at(-1) ?? {};
}

async function warmHarness(keys: KeySourceChoice, overrides: Partial<AuthConfigInput> = {}): Promise<Harness> {
  const h = createHarness(config(keys, overrides));
  await h.authorizer.warm();
  return h;
}

describe('multi-tenant issuers, each tenant with its own key source', () => {
  it('prewarms exactly the listed tenants: each one fetch of its own JWKS, nothing for the unlisted one', async () => {
    // Act
    await warmHarness('per-tenant');

    // Assess
    expect(server.hits(new URL(server.jwksUriOf(A)).pathname)).toBe(1);
    expect(server.hits(new URL(server.jwksUriOf(B)).pathname)).toBe(1);
    expect(server.hitsFor(C)).toBe(0);
    expect(server.hitsFor('common')).toBe(0);
  });

  it('allows each listed tenant, and the context and the decision line carry the tenant', async () => {
    // Prepare
    const h = await warmHarness('per-tenant');

    for (const [tenant, key] of [
      [A, keyA],
      [B, keyB],
    ] as const) {
      // Act
      const result = expectAllowed(await h.run(bearerEvent(signToken(key, claims(h, tenant)))));

      // Assess
      const identity = decodeAuthContext({ principalId: result.principalId, ...result.context });
      expect(identity).toMatchObject({ provider: 'entra', tenant, issuer: server.issuerOf(tenant) });
      expect(identity.userId).toBe(`${server.issuerOf(tenant)}#user-of-${tenant.slice(0, 8)}`);
      expect(result.context).toMatchObject({ tenant });
      expect(lastDecision(h)).toMatchObject({
        outcome: 'allow',
        reason: 'ok',
        provider: 'entra',
        tenant,
        kid: key.kid,
      });
    }
  });

  it("refuses a token naming tenant A's issuer but signed by tenant B's key, whatever kid it claims", async () => {
    // Prepare
    const h = await warmHarness('per-tenant');
    const underOwnKid = signToken(keyB, claims(h, A));
    const underAsKid = signToken(keyB, claims(h, A), { kid: keyA.kid });

    // Act
    const ownKid = await h.run(bearerEvent(underOwnKid));
    const ownKidReason = lastDecision(h).reason;
    const asKid = await h.run(bearerEvent(underAsKid));
    const asKidReason = lastDecision(h).reason;

    // Assess: A's key source does not hold B's key; under A's kid, A's key does not verify B's signature.
    expectUnauthorized(ownKid);
    expect(ownKidReason).toBe('unknown_kid');
    expectUnauthorized(asKid);
    expect(asKidReason).toBe('bad_signature');
    expect(lastDecision(h)).toMatchObject({ provider: 'entra', tenant: A });
  });

  it("refuses a token whose tid names another tenant than its iss, though A's own key signed it", async () => {
    // Prepare
    const h = await warmHarness('per-tenant');

    // Act
    const outcome = await h.run(bearerEvent(signToken(keyA, claims(h, A, { tid: B }))));

    // Assess
    expectUnauthorized(outcome);
    expect(lastDecision(h)).toMatchObject({ outcome: 'unauthorized', reason: 'tenant_mismatch', tenant: A });
  });

  it("accepts a listed tenant's token without tid: the issuer alone binds it to its tenant", async () => {
    // Prepare
    const h = await warmHarness('per-tenant');
    const { tid: _tid, ...withoutTid } = claims(h, B);

    // Act
    const result = expectAllowed(await h.run(bearerEvent(signToken(keyB, withoutTid))));

    // Assess
    expect(result.context).toMatchObject({ tenant: B });
  });

  it("refuses the unlisted tenant's genuine token as an unknown issuer, and never fetches anything for it", async () => {
    // Prepare
    const h = await warmHarness('per-tenant');
    const token = signToken(keyC, claims(h, C));
    // The template itself, substituted with nothing, is no issuer either.
    const template = signToken(keyA, claims(h, A, { iss: server.issuerTemplate }));

    // Act
    const unlisted = await h.run(bearerEvent(token));
    const unlistedDecision = lastDecision(h);
    const templated = await h.run(bearerEvent(template));

    // Assess
    expectUnauthorized(unlisted);
    expectUnauthorized(templated);
    expect(unlistedDecision).toMatchObject({ reason: 'unknown_issuer', provider: 'none' });
    expect(unlistedDecision).not.toHaveProperty('tenant');
    expect(lastDecision(h)).toMatchObject({ reason: 'unknown_issuer' });
    expect(server.hitsFor(C)).toBe(0);
    expect(server.hits('/%7Btenant%7D/discovery/v2.0/keys') + server.hits('/{tenant}/discovery/v2.0/keys')).toBe(0);
  });

  it("keeps each tenant's keys apart: a rotation at A refetches A only, an outage at A leaves B working", async () => {
    // Prepare
    const h = await warmHarness('per-tenant');
    const rotated = createRsaKey('key-a-2');
    server.setKeys(A, [keyA.jwk, rotated.jwk]);
    h.clock.advance(11_000); // past the cool-down

    // Act: A's new kid triggers one refetch of A's source.
    expectAllowed(await h.run(bearerEvent(signToken(rotated, claims(h, A)))));
    // Then A's source goes down: A's known key still answers (stale-if-error), A's unknown kid fails retryably.
    server.setDown(A, true);
    h.clock.advance(11_000);
    expectAllowed(await h.run(bearerEvent(signToken(keyA, claims(h, A)))));
    const unknownAtA = await h.run(bearerEvent(signToken(createRsaKey('key-a-3'), claims(h, A))));
    const unknownAtADecision = lastDecision(h);
    const atB = await h.run(bearerEvent(signToken(keyB, claims(h, B))));

    // Assess
    expect(server.hits(new URL(server.jwksUriOf(A)).pathname)).toBe(3);
    expect(server.hits(new URL(server.jwksUriOf(B)).pathname)).toBe(1);
    expect((unknownAtA as Error).message).toBe('KeySourceUnavailable');
    expect(unknownAtADecision).toMatchObject({ outcome: 'unavailable', reason: 'jwks_unavailable', tenant: A });
    expect(expectAllowed(atB).context).toMatchObject({ tenant: B });
  });

  it('rate-limits refetches per tenant: a flood of unknown kids at A costs A one fetch and B none', async () => {
    // Prepare
    const h = await warmHarness('per-tenant');
    h.clock.advance(11_000);

    // Act
    for (let i = 0; i < 5; i++) {
      expectUnauthorized(await h.run(bearerEvent(signToken(createRsaKey(`flood-${i}`), claims(h, A)))));
    }

    // Assess
    expect(server.hits(new URL(server.jwksUriOf(A)).pathname)).toBe(2);
    expect(server.hits(new URL(server.jwksUriOf(B)).pathname)).toBe(1);
    expect(lastDecision(h)).toMatchObject({ reason: 'unknown_kid', tenant: A });
  });

  it("forgets cached tokens once a tenant's source withdraws their key", async () => {
    // Prepare: A's token is cached (for up to maxAgeSeconds); then A withdraws its key for a new one.
    const h = await warmHarness('per-tenant');
    const token = signToken(keyA, claims(h, A));
    expectAllowed(await h.run(bearerEvent(token)));
    const successor = createRsaKey('key-a-next');
    server.setKeys(A, [successor.jwk]);
    h.clock.advance(11_000); // past the cool-down, well inside the cached entry's lifetime

    // Act: the successor's unknown kid reloads A's keys, which drops key-a and clears the verified-token cache.
    expectAllowed(await h.run(bearerEvent(signToken(successor, claims(h, A)))));
    const outcome = await h.run(bearerEvent(token));

    // Assess: verified again, not served from the cache, and refused.
    expectUnauthorized(outcome);
    expect(lastDecision(h)).toMatchObject({ reason: 'unknown_kid', tenant: A });
  });
});

describe('multi-tenant issuers: the decision line on a token that verified but cannot be answered', () => {
  it('names the tenant when the verified identity does not fit the context budget', async () => {
    // Prepare
    const h = await warmHarness('per-tenant', { contextMaxBytes: 512 });
    const many = Array.from({ length: 60 }, (_, i) => `comments:perm-${i}`).join(' ');

    // Act
    const outcome = await h.run(bearerEvent(signToken(keyB, claims(h, B, { scp: many }))));

    // Assess
    expectUnauthorized(outcome);
    expect(lastDecision(h)).toMatchObject({ reason: 'context_too_large', provider: 'entra', tenant: B, kid: keyB.kid });
  });
});

describe('multi-tenant issuers sharing one key source (Entra ID common keys)', () => {
  it('fetches the shared source once for every tenant, and nothing per tenant', async () => {
    // Act
    const h = await warmHarness('shared');
    expectAllowed(await h.run(bearerEvent(signToken(keyA, claims(h, A)))));
    expectAllowed(await h.run(bearerEvent(signToken(keyB, claims(h, B)))));

    // Assess
    expect(server.hits(new URL(server.commonJwksUri).pathname)).toBe(1);
    expect(server.hitsFor(A) + server.hitsFor(B) + server.hitsFor(C)).toBe(0);
  });

  it('still binds each token to a listed tenant: the unlisted tenant and a tid mismatch are refused', async () => {
    // Prepare: C's key is in the common set, as every tenant's is at Entra ID.
    const h = await warmHarness('shared');

    // Act
    const unlisted = await h.run(bearerEvent(signToken(keyC, claims(h, C))));
    const unlistedReason = lastDecision(h).reason;
    const mismatch = await h.run(bearerEvent(signToken(keyA, claims(h, A, { tid: C }))));
    const allowed = await h.run(bearerEvent(signToken(keyC, claims(h, B, { tid: B }))));

    // Assess: with shared keys the signature proves the IdP issued the token; iss and tid say for which tenant.
    expectUnauthorized(unlisted);
    expect(unlistedReason).toBe('unknown_issuer');
    expectUnauthorized(mismatch);
    expect(h.decisions().at(-2)).toMatchObject({ reason: 'tenant_mismatch', tenant: A });
    expect(expectAllowed(allowed).context).toMatchObject({ tenant: B, issuer: server.issuerOf(B) });
  });

  it('logs one prewarm failure for the shared source, not one per tenant', async () => {
    // Prepare
    server.setDown('common', true);

    // Act
    const h = await warmHarness('shared');

    // Assess
    const warnings = h.logger.entries().filter((e) => e.message === 'key prewarm failed');
    expect(warnings).toEqual([expect.objectContaining({ provider: 'entra' })]);
    expect(server.hits(new URL(server.commonJwksUri).pathname)).toBe(1);
  });
});

describe('multi-tenant issuers with keys found by discovery, per tenant', () => {
  it("reads each listed tenant's discovery document at its own issuer, and never the unlisted one's", async () => {
    // Prepare
    const h = await warmHarness('discovery');

    // Act
    const atA = await h.run(bearerEvent(signToken(keyA, claims(h, A))));
    const atB = await h.run(bearerEvent(signToken(keyB, claims(h, B))));
    const crossed = await h.run(bearerEvent(signToken(keyB, claims(h, A))));
    const unlisted = await h.run(bearerEvent(signToken(keyC, claims(h, C))));

    // Assess
    expect(expectAllowed(atA).context).toMatchObject({ tenant: A });
    expect(expectAllowed(atB).context).toMatchObject({ tenant: B });
    expectUnauthorized(crossed);
    expectUnauthorized(unlisted);
    for (const tenant of [A, B]) {
      expect(server.hits(`/${tenant}/v2.0/.well-known/openid-configuration`)).toBe(1);
      expect(server.hits(new URL(server.jwksUriOf(tenant)).pathname)).toBe(1);
    }
    expect(server.hitsFor(C)).toBe(0);
  });

  it('prewarm failures name the provider for a tenant whose discovery is down; the other tenant still works', async () => {
    // Prepare
    server.setDown(B, true);

    // Act
    const h = await warmHarness('discovery');
    const atA = await h.run(bearerEvent(signToken(keyA, claims(h, A))));
    const atB = await h.run(bearerEvent(signToken(keyB, claims(h, B))));

    // Assess
    const warnings = h.logger.entries().filter((e) => e.message === 'key prewarm failed');
    expect(warnings).toHaveLength(1);
    expect(String(warnings[0]?.error)).toContain(B);
    expect(expectAllowed(atA).context).toMatchObject({ tenant: A });
    expect((atB as Error).message).toBe('KeySourceUnavailable');
    expect(lastDecision(h)).toMatchObject({ outcome: 'unavailable', tenant: B });
  });
});
