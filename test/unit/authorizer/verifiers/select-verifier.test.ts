// Verifier selection: one verifier per accepted issuer (tenants expanded), exact lookup, key stores shared by source only.
import { parseConfig } from '../../../../authorizer/config/load-config';
import type { AuthConfigInput } from '../../../../authorizer/config/schema';
import { FetchError, TokenRejectedError } from '../../../../authorizer/errors';
import { decodeToken } from '../../../../authorizer/jwt/decode-token';
import { describeProvider } from '../../../../authorizer/verifiers/registry';
import { createVerifiers, type VerifierSelector } from '../../../../authorizer/verifiers/select-verifier';
import { resolveVerifySettings } from '../../../../authorizer/verifiers/verifier';
import { caught, rejectionOf } from '../../../helpers/caught';
import { createClock } from '../../../helpers/clock';
import { ROUTES } from '../../../helpers/config';
import { createRsaKey, type TestKey } from '../../../helpers/keys';
import { signToken } from '../../../helpers/tokens';

const A = 'tenant-a';
const B = 'tenant-b';
const ISSUER = 'https://login.example.com/{tenant}/v2.0';
const issuerOf = (tenant: string) => ISSUER.replace('{tenant}', tenant);
const keysOf = (tenant: string) => `https://keys.example.com/${tenant}/keys`;
const COMMON = 'https://keys.example.com/common/keys';

let keyA: TestKey;
let keyB: TestKey;
beforeAll(() => {
  keyA = createRsaKey('key-a');
  keyB = createRsaKey('key-b');
});

interface Built {
  selector: VerifierSelector;
  fetched: string[];
  clock: ReturnType<typeof createClock>;
}

/** Builds the selector over in-memory key sources: each tenant's URL, the common URL, and failing URLs. */
function build(providers: AuthConfigInput['providers'], failing: readonly string[] = []): Built {
  const config = parseConfig({ providers, routes: ROUTES });
  const clock = createClock();
  const fetched: string[] = [];
  const sources = new Map([
    [keysOf(A), [keyA.jwk]],
    [keysOf(B), [keyB.jwk]],
    [COMMON, [keyA.jwk, keyB.jwk]],
  ]);
  const fetchJson = async (url: string): Promise<unknown> => {
    fetched.push(url);
    if (failing.includes(url)) throw new FetchError(url, 'HTTP 503');
    return { keys: sources.get(url) ?? [] };
  };
  const selector = createVerifiers(config.providers, resolveVerifySettings(config), { now: clock.now, fetchJson });
  return { selector, fetched, clock };
}

function entra(jwksUri: string, patch: Record<string, unknown> = {}): AuthConfigInput['providers'][number] {
  return { name: 'entra', type: 'oidc', issuer: ISSUER, tenants: [A, B], jwksUri, audiences: ['api'], ...patch };
}

function tokenFor(b: Built, key: TestKey, tenant: string, extra: Record<string, unknown> = {}) {
  const now = b.clock.nowSeconds();
  return decodeToken(
    signToken(key, { iss: issuerOf(tenant), tid: tenant, sub: 'u', aud: 'api', iat: now, exp: now + 600, ...extra }),
  );
}

describe('createVerifiers with a multi-tenant provider', () => {
  it('builds one verifier per listed tenant, each named after the provider and holding its tenant', () => {
    // Act
    const { selector } = build([entra('https://keys.example.com/{tenant}/keys')]);

    // Assess
    expect(selector.verifiers.map((v) => [v.name, v.tenant, v.issuer])).toEqual([
      ['entra', A, issuerOf(A)],
      ['entra', B, issuerOf(B)],
    ]);
  });

  it('selects by exact issuer only: an unlisted tenant, the template, a near miss or a non-string are unknown', () => {
    // Prepare
    const { selector, fetched } = build([entra('https://keys.example.com/{tenant}/keys')]);

    // Act
    const selected = [A, B].map((t) => selector.select(issuerOf(t)).tenant);
    const refused = [issuerOf('tenant-c'), ISSUER, `${issuerOf(A)}/`, issuerOf(A.toUpperCase()), 42, undefined].map(
      (iss) => caught(TokenRejectedError, () => selector.select(iss)).code,
    );

    // Assess
    expect(selected).toEqual([A, B]);
    expect(refused).toEqual(Array(6).fill('unknown_issuer'));
    expect(fetched).toEqual([]);
  });

  it("fetches only the selected tenant's own source, and B's key never verifies A's token", async () => {
    // Prepare
    const b = build([entra('https://keys.example.com/{tenant}/keys')]);
    const verifierA = b.selector.select(issuerOf(A));

    // Act
    const verified = await verifierA.verify(tokenFor(b, keyA, A));
    const crossed = await rejectionOf(Promise.resolve().then(() => verifierA.verify(tokenFor(b, keyB, A))));

    // Assess
    expect(verified).toMatchObject({ provider: 'entra', tenant: A, issuer: issuerOf(A) });
    expect((crossed as TokenRejectedError).code).toBe('unknown_kid');
    expect(b.fetched).toEqual([keysOf(A)]);
  });

  it('refuses a tid that disagrees with the tenant its issuer named', async () => {
    // Prepare
    const b = build([entra(COMMON)]);

    // Act
    const err = await rejectionOf(
      Promise.resolve().then(() => b.selector.select(issuerOf(A)).verify(tokenFor(b, keyA, A, { tid: B }))),
    );

    // Assess
    expect(err).toBeInstanceOf(TokenRejectedError);
    expect((err as TokenRejectedError).code).toBe('tenant_mismatch');
  });

  it('shares one key store when every tenant has the same source: one fetch for all, in warm and in use', async () => {
    // Prepare
    const b = build([entra(COMMON)]);

    // Act
    const failures = await Promise.all(b.selector.verifiers.map((v) => v.warm()));
    const atA = await b.selector.select(issuerOf(A)).verify(tokenFor(b, keyA, A));
    const atB = await b.selector.select(issuerOf(B)).verify(tokenFor(b, keyB, B));

    // Assess
    expect(failures).toEqual([undefined, undefined]);
    expect([atA.tenant, atB.tenant]).toEqual([A, B]);
    expect(b.fetched).toEqual([COMMON]);
  });

  it('reports a shared source’s prewarm failure once, and a per-tenant source’s for its own tenant only', async () => {
    // Prepare
    const shared = build([entra(COMMON)], [COMMON]);
    const perTenant = build([entra('https://keys.example.com/{tenant}/keys')], [keysOf(B)]);

    // Act
    const sharedFailures = await Promise.all(shared.selector.verifiers.map((v) => v.warm()));
    const perTenantFailures = await Promise.all(perTenant.selector.verifiers.map((v) => v.warm()));

    // Assess
    expect(sharedFailures).toEqual([expect.any(FetchError), undefined]);
    expect(shared.fetched).toEqual([COMMON]);
    expect(perTenantFailures).toEqual([undefined, expect.any(FetchError)]);
    expect(perTenant.fetched.sort()).toEqual([keysOf(A), keysOf(B)]);
  });

  it('discovers keys per tenant at its own issuer', async () => {
    // Prepare
    const b = build([entra('', { jwksUri: undefined })]);

    // Act
    await Promise.all(b.selector.verifiers.map((v) => v.warm()));

    // Assess: each discovery document is asked for once, at the tenant's substituted issuer.
    expect(b.fetched).toEqual([
      `${issuerOf(A)}/.well-known/openid-configuration`,
      `${issuerOf(B)}/.well-known/openid-configuration`,
    ]);
  });

  it('shares a store between two single-issuer providers with one JWKS URI, and keeps their issuers apart', async () => {
    // Prepare
    const single = (name: string, tenant: string) => ({
      name,
      type: 'oidc' as const,
      issuer: issuerOf(tenant),
      jwksUri: COMMON,
      audiences: ['api'],
    });
    const b = build([single('a', A), single('b', B)]);

    // Act
    const atA = await b.selector.select(issuerOf(A)).verify(tokenFor(b, keyA, A));
    const atB = await b.selector.select(issuerOf(B)).verify(tokenFor(b, keyB, B));

    // Assess
    expect([atA.provider, atB.provider]).toEqual(['a', 'b']);
    expect(atA).not.toHaveProperty('tenant');
    expect(b.fetched).toEqual([COMMON]);
  });

  it('never derives a key source from an unexpanded template (fail closed)', () => {
    // Prepare
    const [template] = parseConfig({ providers: [entra(COMMON)], routes: ROUTES }).providers;

    // Act
    const err = caught(TypeError, () => describeProvider(template!));

    // Assess
    expect(err.message).toMatch(/multi-tenant: expand it first/);
  });
});
