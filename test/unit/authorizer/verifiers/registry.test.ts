// The provider-kind registry: one entry per kind, and the AUTH_CONFIG provider union derived from it.
import { parseConfig } from '../../../../authorizer/config/load-config';
import { ConfigError } from '../../../../authorizer/errors';
import { describeProvider, expandProvider, PROVIDER_KINDS } from '../../../../authorizer/verifiers/registry';
import { caught } from '../../../helpers/caught';
import { testConfig } from '../../../helpers/config';

const origin = 'http://127.0.0.1:4000';

describe('provider kind registry', () => {
  it('lists each kind once, by a distinct type', () => {
    // Act
    const types = PROVIDER_KINDS.map((kind) => kind.type);

    // Assess
    expect(types).toEqual(['cognito', 'oidc']);
    expect(new Set(types).size).toBe(types.length);
  });

  it('names every registered type when a provider block has another', () => {
    // Prepare
    const doc = testConfig(origin);
    const [cognito] = doc.providers;

    // Act
    const err = caught(ConfigError, () =>
      parseConfig({ ...doc, providers: [cognito, { name: 'x', type: 'saml' }] }, { allowInsecureLoopback: true }),
    );

    // Assess
    expect(err.path).toBe('providers[1].type');
    expect(err.problem).toBe(`type must be ${PROVIDER_KINDS.map((k) => `"${k.type}"`).join(' or ')}`);
  });

  it("gives each configured provider its own kind's key source", () => {
    // Prepare
    const config = parseConfig(testConfig(origin), { allowInsecureLoopback: true });

    // Act
    const [cognito, oidc] = config.providers.map((p) => describeProvider(p).keySource);

    // Assess
    expect(cognito).toEqual({ jwksUri: `${origin}/jwks.json` });
    expect(oidc).toEqual({ discoveryIssuer: `${origin}/issuer` });
  });

  it('expands a kind without tenants to the provider itself, and a multi-tenant oidc provider per tenant', () => {
    // Prepare
    const doc = testConfig(origin);
    const [cognito, oidc] = doc.providers;
    const tenanted = { ...oidc, issuer: `${origin}/{tenant}/v2.0`, tenants: ['t1', 't2'] };
    const config = parseConfig({ ...doc, providers: [cognito, tenanted] }, { allowInsecureLoopback: true });

    // Act
    const [pool, multi] = config.providers.map((p) => expandProvider(p));

    // Assess
    expect(pool).toEqual([config.providers[0]]);
    expect(multi?.map((p) => describeProvider(p).keySource)).toEqual([
      { discoveryIssuer: `${origin}/t1/v2.0` },
      { discoveryIssuer: `${origin}/t2/v2.0` },
    ]);
  });
});
