// Multi-tenant issuer configuration: where {tenant} may stand, what a tenant id may be, and every error naming its key.
import fc from 'fast-check';
import { parseConfig, type ParseConfigOptions } from '../../../../authorizer/config/load-config';
import type { AuthConfigInput } from '../../../../authorizer/config/schema';
import { ConfigError, TokenRejectedError } from '../../../../authorizer/errors';
import type { OidcProvider } from '../../../../authorizer/verifiers/oidc-kind';
import { checkTenantClaim, TENANT_ID_PATTERN } from '../../../../authorizer/verifiers/oidc-tenants';
import { expandProvider } from '../../../../authorizer/verifiers/registry';
import { caught } from '../../../helpers/caught';
import { ROUTES, testCognitoProvider } from '../../../helpers/config';

const ENTRA = 'https://login.microsoftonline.com/{tenant}/v2.0';
const COMMON_KEYS = 'https://login.microsoftonline.com/common/discovery/v2.0/keys';
const A = '11111111-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const B = '22222222-bbbb-4bbb-8bbb-bbbbbbbbbbbb';

type ProviderInput = AuthConfigInput['providers'][number];

function entra(patch: Record<string, unknown> = {}): ProviderInput {
  return { name: 'entra', type: 'oidc', issuer: ENTRA, tenants: [A, B], audiences: ['api://comments'], ...patch };
}

function doc(...providers: unknown[]): unknown {
  return { providers, routes: ROUTES };
}

function firstTenantIssuer(provider: unknown): string {
  const tenant = (provider as OidcProvider).tenants?.[0];
  if (!tenant) throw new Error('expected a multi-tenant provider');
  return tenant.issuer;
}

function configError(document: unknown, options: ParseConfigOptions = {}): ConfigError {
  return caught(ConfigError, () => parseConfig(document, options));
}

describe('multi-tenant oidc providers in AUTH_CONFIG', () => {
  it('precomputes every listed tenant’s issuer, and its JWKS URI when one is configured', () => {
    // Act
    const discovered = parseConfig(doc(entra())).providers[0];
    const perTenant = parseConfig(doc(entra({ jwksUri: 'https://keys.example.com/{tenant}/keys' }))).providers[0];
    const shared = parseConfig(doc(entra({ jwksUri: COMMON_KEYS }))).providers[0];

    // Assess
    expect(discovered).toMatchObject({
      issuer: ENTRA,
      tenants: [
        { id: A, issuer: `https://login.microsoftonline.com/${A}/v2.0` },
        { id: B, issuer: `https://login.microsoftonline.com/${B}/v2.0` },
      ],
    });
    expect(discovered).not.toHaveProperty('tenants.0.jwksUri');
    expect(perTenant).toMatchObject({
      tenants: [
        { id: A, jwksUri: `https://keys.example.com/${A}/keys` },
        { id: B, jwksUri: `https://keys.example.com/${B}/keys` },
      ],
    });
    expect(shared).toMatchObject({ tenants: [{ jwksUri: COMMON_KEYS }, { jwksUri: COMMON_KEYS }] });
  });

  it('expands into one provider per tenant, each under the provider’s name with its tenant and exact issuer', () => {
    // Prepare
    const [provider] = parseConfig(doc(entra({ jwksUri: COMMON_KEYS }))).providers;

    // Act
    const expanded = expandProvider(provider!) as readonly OidcProvider[];

    // Assess
    expect(expanded.map((p) => [p.name, p.tenant, p.issuer, p.jwksUri])).toEqual([
      ['entra', A, `https://login.microsoftonline.com/${A}/v2.0`, COMMON_KEYS],
      ['entra', B, `https://login.microsoftonline.com/${B}/v2.0`, COMMON_KEYS],
    ]);
    expect(expanded.every((p) => !('tenants' in p))).toBe(true);
  });

  it('leaves a single-issuer provider as it is: no tenants, no tenant, itself as its only expansion', () => {
    // Prepare
    const [provider] = parseConfig(
      doc(entra({ issuer: `https://login.microsoftonline.com/${A}/v2.0`, tenants: undefined })),
    ).providers;

    // Act
    const expanded = expandProvider(provider!);

    // Assess
    expect(provider).not.toHaveProperty('tenants');
    expect(expanded).toEqual([provider]);
    expect(expanded[0]).not.toHaveProperty('tenant');
  });

  it.each([
    ['{tenant} without tenants', entra({ tenants: undefined }), 'providers[0].tenants', /is required when issuer/],
    ['an empty tenants list', entra({ tenants: [] }), 'providers[0].tenants', /at least one tenant id/],
    [
      'tenants without {tenant} in the issuer',
      entra({ issuer: 'https://login.microsoftonline.com/common/v2.0' }),
      'providers[0].tenants',
      /applies only to an issuer containing \{tenant\}/,
    ],
    ['a duplicated tenant', entra({ tenants: [A, B, A] }), 'providers[0].tenants[2]', /duplicates tenants\[0\]/],
    [
      '{tenant} twice in the issuer',
      entra({ issuer: 'https://login.microsoftonline.com/{tenant}/{tenant}' }),
      'providers[0].issuer',
      /at most once/,
    ],
    [
      'a misspelt placeholder',
      entra({ issuer: 'https://login.microsoftonline.com/{tennant}/v2.0' }),
      'providers[0].issuer',
      /no brace other than \{tenant\}/,
    ],
    [
      'a placeholder in the wrong case',
      entra({ issuer: 'https://login.microsoftonline.com/{Tenant}/v2.0', tenants: undefined }),
      'providers[0].issuer',
      /no brace/,
    ],
    [
      'a stray brace beside {tenant}',
      entra({ issuer: 'https://login.microsoftonline.com/{tenant}/v2.0}' }),
      'providers[0].issuer',
      /no brace/,
    ],
    [
      'another placeholder in the jwksUri',
      entra({ jwksUri: 'https://keys.example.com/{region}/keys' }),
      'providers[0].jwksUri',
      /no brace/,
    ],
    [
      '{tenant} in the jwksUri of a single-issuer provider',
      entra({ issuer: 'https://idp.example.com/', tenants: undefined, jwksUri: 'https://idp.example.com/{tenant}' }),
      'providers[0].jwksUri',
      /only when issuer does/,
    ],
    [
      'a tenant that breaks a {tenant} host (an IPv4 address out of range)',
      entra({ issuer: 'https://{tenant}/', tenants: ['999.999.999.999'] }),
      'providers[0].tenants[0]',
      /invalid URL/,
    ],
  ])('stops on %s, naming the key', (_label, provider, path, problem) => {
    // Act
    const err = configError(doc(provider));

    // Assess
    expect(err.code).toBe('invalid_config');
    expect(err.path).toBe(path);
    expect(err.problem).toMatch(problem);
  });

  it.each([
    ['a slash (a new path segment)', 'a/b'],
    ['a query', 'a?b'],
    ['a fragment', 'a#b'],
    ['credentials', 'u@evil.example.com'],
    ['a port', 'a:443'],
    ['percent-encoding', 'a%2Fb'],
    ['a space', 'a b'],
    ['a dot segment', '.'],
    ['a parent segment', '..'],
    ['a brace', '{tenant}'],
    ['nothing', ''],
    ['65 characters', 'x'.repeat(65)],
  ])('refuses a tenant id with %s, naming it', (_label, id) => {
    // Act
    const err = configError(doc(entra({ tenants: [A, id] })));

    // Assess
    expect(err.path).toBe('providers[0].tenants[1]');
    expect(err.problem).toMatch(/must be a tenant id/);
  });

  it.each([
    ['a GUID', A],
    ['a domain name', 'contoso.onmicrosoft.com'],
    ['a slug', 'acme_eu-1'],
    ['64 characters', 'x'.repeat(64)],
  ])('accepts a tenant id that is %s', (_label, id) => {
    // Act
    const [provider] = parseConfig(doc(entra({ tenants: [id] }))).providers;

    // Assess
    expect(provider).toMatchObject({ tenants: [{ id, issuer: `https://login.microsoftonline.com/${id}/v2.0` }] });
  });

  // Every id the rule admits (the generator cannot express its lookahead, so it filters).
  const ids = fc.stringMatching(/^[A-Za-z0-9._-]{1,64}$/).filter((id) => TENANT_ID_PATTERN.test(id));

  it('substitutes an id in a path as one whole segment, never more (property)', () => {
    // Prepare
    const template = new URL(ENTRA.replace('{tenant}', 'x'));

    fc.assert(
      fc.property(ids, (id) => {
        // Act
        const [provider] = parseConfig(doc(entra({ tenants: [id] }))).providers;
        const issuer = new URL(firstTenantIssuer(provider));

        // Assess: same origin, the id as one whole segment between the same neighbours, no query or fragment.
        expect(issuer.origin).toBe(template.origin);
        expect(issuer.pathname.split('/')).toEqual(['', id, 'v2.0']);
        expect(issuer.search + issuer.hash + issuer.username + issuer.password).toBe('');
      }),
      { numRuns: 300 },
    );
  });

  it('substitutes an id in a host within that host, or stops naming the tenant (property)', () => {
    fc.assert(
      fc.property(ids, (id) => {
        // Act
        let issuer: URL | undefined;
        try {
          const [provider] = parseConfig(
            doc(entra({ issuer: 'https://{tenant}.example.com/', tenants: [id] })),
          ).providers;
          issuer = new URL(firstTenantIssuer(provider));
        } catch (err) {
          // Assess (an id no host can hold): a config error naming it.
          expect(err).toBeInstanceOf(ConfigError);
          expect((err as ConfigError).path).toBe('providers[0].tenants[0]');
          return;
        }
        // Assess: still https, still under example.com, nothing but a host changed.
        expect(issuer.protocol).toBe('https:');
        expect(issuer.hostname.endsWith('.example.com')).toBe(true);
        expect(issuer.port + issuer.username + issuer.password + issuer.search + issuer.hash).toBe('');
        expect(issuer.pathname).toBe('/');
      }),
      { numRuns: 300 },
    );
  });

  it('refuses another provider whose issuer is one of the tenants’ issuers', () => {
    // Prepare
    const single = { ...entra(), name: 'single', issuer: `https://login.microsoftonline.com/${B}/v2.0` };
    delete (single as { tenants?: unknown }).tenants;

    // Act
    const err = configError(doc(entra(), single));

    // Assess
    expect(err.path).toBe('providers[1].issuer');
    expect(err.problem).toContain(
      `duplicates the issuer of providers[0] (https://login.microsoftonline.com/${B}/v2.0)`,
    );
  });

  it('applies the transport rule to the template as written: loopback http only with the opt-in', () => {
    // Prepare
    const local = entra({ issuer: 'http://127.0.0.1:4000/{tenant}/v2.0' });

    // Act
    const refused = configError(doc(local));
    const [accepted] = parseConfig(doc(local), { allowInsecureLoopback: true }).providers;

    // Assess
    expect(refused.path).toBe('providers[0].issuer');
    expect(refused.problem).toContain('AUTH_ALLOW_INSECURE_LOOPBACK=true');
    expect(accepted).toMatchObject({ tenants: [{ issuer: `http://127.0.0.1:4000/${A}/v2.0` }, { id: B }] });
  });

  it('refuses tenants on a Cognito provider, naming the key and saying to use one provider per pool', () => {
    // Act
    const err = configError(doc(testCognitoProvider('http://127.0.0.1:4000', { tenants: [A] } as never)), {
      allowInsecureLoopback: true,
    });

    // Assess
    expect(err.path).toBe('providers[0].tenants');
    expect(err.problem).toMatch(/only to type "oidc".*one provider per pool/);
  });
});

describe('checkTenantClaim', () => {
  it('accepts a token without tid, or whose tid is the tenant', () => {
    // Act / Assess
    expect(() => checkTenantClaim({}, A)).not.toThrow();
    expect(() => checkTenantClaim({ tid: A }, A)).not.toThrow();
  });

  it.each([
    ['another tenant', B],
    ['the tenant in another case', A.toUpperCase()],
    ['a number', 42],
    ['null', null],
    ['an array holding the tenant', [A]],
  ])('refuses a tid that is %s as tenant_mismatch', (_label, tid) => {
    // Act
    const err = caught(TokenRejectedError, () => checkTenantClaim({ tid }, A));

    // Assess
    expect(err.code).toBe('tenant_mismatch');
  });
});
