// buildIdentity: the verified token's facts and configured claims, as the context contract's identity.
import { buildIdentity } from '../../../authorizer/build-identity';
import type { VerifiedToken } from '../../../authorizer/verifiers/verifier';

const token: VerifiedToken = {
  provider: 'pool',
  issuer: 'https://issuer.example',
  kid: 'k1',
  subject: 'user-1',
  expiresAt: 1_900_000_000,
  reusableUntilMs: 1_900_000_000_000,
  permissions: new Set(['b:write', 'a:read']),
  payload: { sub: 'user-1', email: 'a@example.com', 'cognito:groups': ['x', 'y'], address: { city: 'c' } },
};

describe('buildIdentity', () => {
  it('copies the configured flat claims under context-safe names and refuses objects', () => {
    // Act
    const { identity, refused } = buildIdentity(token, ['email', 'cognito:groups', 'address', 'absent']);

    // Assess
    expect(identity).toEqual({
      principalId: 'user-1',
      provider: 'pool',
      issuer: 'https://issuer.example',
      permissions: ['a:read', 'b:write'],
      expiresAt: 1_900_000_000,
      claims: { email: 'a@example.com', cognito_groups: 'x y' },
    });
    expect(refused).toEqual(['address']);
  });

  it('carries clientId, tokenUse and tenant only when the token has them', () => {
    // Act
    const full = buildIdentity({ ...token, clientId: 'c', tokenUse: 'access', tenant: 't1' }, []).identity;
    const bare = buildIdentity(token, []).identity;

    // Assess
    expect(full).toMatchObject({ clientId: 'c', tokenUse: 'access', tenant: 't1', claims: {} });
    for (const key of ['clientId', 'tokenUse', 'tenant']) expect(bare).not.toHaveProperty(key);
  });

  it('keeps a claim configured as "__proto__" an own property, never the prototype', () => {
    // Act
    const { identity } = buildIdentity({ ...token, payload: JSON.parse('{"__proto__":"p"}') }, ['__proto__']);

    // Assess
    expect(Object.getPrototypeOf(identity.claims)).toBe(Object.prototype);
    expect(Object.keys(identity.claims)).toEqual(['__proto__']);
  });
});
