// The Cognito kind through the shared core: derived issuer and JWKS, token_use, client_id or aud, groups as permissions.
import { ConfigError, TokenRejectedError } from '../../../../authorizer/errors';
import { cognitoKind } from '../../../../authorizer/verifiers/cognito-kind';
import { caught, rejectionOf } from '../../../helpers/caught';
import { createRsaKey, type TestKey } from '../../../helpers/keys';
import { signToken, type Claims } from '../../../helpers/tokens';
import { createVerifierHarness, type ProviderInput, type VerifierHarness } from '../../../helpers/verifier-harness';

const POOL_ISSUER = 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_TestPool';
const CLIENT = 'app-client-1';

let key: TestKey;
beforeAll(() => {
  key = createRsaKey('pool-key-1');
});

function pool(overrides: Partial<Extract<ProviderInput, { type: 'cognito' }>> = {}): ProviderInput {
  return {
    name: 'pool',
    type: 'cognito',
    region: 'eu-west-1',
    userPoolId: 'eu-west-1_TestPool',
    clientIds: [CLIENT],
    tokenUse: 'access',
    groupPermissions: { readers: ['comments:read'], writers: ['comments:read', 'comments:write'] },
    ...overrides,
  };
}

function accessClaims(h: VerifierHarness, extra: Claims = {}): Claims {
  const now = h.clock.nowSeconds();
  return {
    iss: POOL_ISSUER,
    sub: 'user-1',
    token_use: 'access',
    client_id: CLIENT,
    iat: now,
    exp: now + 3600,
    ...extra,
  };
}

function idClaims(h: VerifierHarness, extra: Claims = {}): Claims {
  const { client_id: _dropped, ...claims } = accessClaims(h, { token_use: 'id', aud: CLIENT, ...extra });
  return claims;
}

async function rejection(h: VerifierHarness, claims: Claims): Promise<string> {
  const err = await rejectionOf(h.verified(signToken(key, claims)));
  expect(err).toBeInstanceOf(TokenRejectedError);
  return (err as TokenRejectedError).code;
}

describe('cognito kind', () => {
  it('accepts an access token of the pool, with every VerifiedToken field, keys from the derived JWKS URI', async () => {
    // Prepare
    const h = createVerifierHarness(pool(), [key]);
    const exp = h.clock.nowSeconds() + 3600.7;
    const token = signToken(
      key,
      accessClaims(h, { exp, scope: 'aws.cognito.signin.user.admin', 'cognito:groups': ['readers'] }),
    );

    // Act
    const verified = await h.verified(token);

    // Assess
    expect(h.fetched).toEqual([`${POOL_ISSUER}/.well-known/jwks.json`]);
    expect(verified).toEqual({
      provider: 'pool',
      issuer: POOL_ISSUER,
      kid: 'pool-key-1',
      subject: 'user-1',
      clientId: CLIENT,
      tokenUse: 'access',
      expiresAt: Math.floor(exp),
      reusableUntilMs: expect.any(Number),
      permissions: new Set(['aws.cognito.signin.user.admin', 'comments:read']),
      payload: expect.objectContaining({ sub: 'user-1', client_id: CLIENT }),
    });
  });

  it("answers synchronously once the pool's keys are known", async () => {
    // Prepare
    const h = createVerifierHarness(pool(), [key]);
    await h.verifier.warm();

    // Act
    const result = h.verify(signToken(key, accessClaims(h)));

    // Assess
    expect(result).not.toBeInstanceOf(Promise);
    expect(result).toMatchObject({ subject: 'user-1' });
  });

  it.each([
    [
      'an ID token where access tokens are configured',
      'token_use',
      (h: VerifierHarness) => accessClaims(h, { token_use: 'id' }),
    ],
    ['no token_use', 'token_use', (h: VerifierHarness) => accessClaims(h, { token_use: undefined })],
    ['a foreign app client', 'client_id', (h: VerifierHarness) => accessClaims(h, { client_id: 'other-client' })],
    [
      'no client_id, even with aud naming the client',
      'client_id',
      (h: VerifierHarness) => accessClaims(h, { client_id: undefined, aud: CLIENT }),
    ],
    ['a client_id that is not a string', 'client_id', (h: VerifierHarness) => accessClaims(h, { client_id: [CLIENT] })],
  ])('refuses %s (reason %s)', async (_label, reason, claimsOf) => {
    // Prepare
    const h = createVerifierHarness(pool(), [key]);

    // Act
    const code = await rejection(h, claimsOf(h));

    // Assess
    expect(code).toBe(reason);
  });

  describe('with tokenUse "id"', () => {
    it('accepts an ID token whose aud is a configured client, clientId = aud', async () => {
      // Prepare
      const h = createVerifierHarness(pool({ tokenUse: 'id' }), [key]);

      // Act
      const verified = await h.verified(signToken(key, idClaims(h)));

      // Assess
      expect(verified).toMatchObject({ clientId: CLIENT, tokenUse: 'id', subject: 'user-1' });
    });

    it.each([
      ['an access token', 'token_use', (h: VerifierHarness) => accessClaims(h)],
      ['a foreign aud', 'audience', (h: VerifierHarness) => idClaims(h, { aud: 'other-client' })],
      ['no aud', 'audience', (h: VerifierHarness) => idClaims(h, { aud: undefined })],
      // Cognito writes aud as a string; an array is no Cognito ID token.
      ['aud as an array naming the client', 'audience', (h: VerifierHarness) => idClaims(h, { aud: [CLIENT] })],
    ])('refuses %s (reason %s)', async (_label, reason, claimsOf) => {
      // Prepare
      const h = createVerifierHarness(pool({ tokenUse: 'id' }), [key]);

      // Act
      const code = await rejection(h, claimsOf(h));

      // Assess
      expect(code).toBe(reason);
    });
  });

  describe('permissions', () => {
    it.each([
      ['the union of every mapped group', ['readers', 'writers'], ['comments:read', 'comments:write']],
      ['nothing for an unmapped group', ['admins'], []],
      ['nothing for a group named like an Object.prototype member', ['__proto__', 'constructor', 'toString'], []],
      ['nothing for a non-string group', [['writers'], 7], []],
    ])('from cognito:groups: %s', async (_label, groups, expected) => {
      // Prepare
      const h = createVerifierHarness(pool(), [key]);

      // Act
      const verified = await h.verified(signToken(key, accessClaims(h, { 'cognito:groups': groups })));

      // Assess
      expect([...verified.permissions].sort()).toEqual(expected);
    });

    it('also reads the configured permission claims, and only those', async () => {
      // Prepare
      const h = createVerifierHarness(pool({ permissionClaims: ['custom:perms'] }), [key]);
      const claims = accessClaims(h, {
        scope: 'comments:moderate',
        'custom:perms': 'reports:read',
        'cognito:groups': ['readers'],
      });

      // Act
      const verified = await h.verified(signToken(key, claims));

      // Assess
      expect([...verified.permissions].sort()).toEqual(['comments:read', 'reports:read']);
    });
  });

  describe('resolve (issuer and JWKS URI)', () => {
    const parsed = {
      ...(pool() as Extract<ProviderInput, { type: 'cognito' }>),
      algorithms: ['RS256' as const],
      groupPermissions: {},
      permissionClaims: ['scope'],
    };

    it("derives both from region and pool id, or keeps an emulator's issuer and derives the JWKS URI from it", () => {
      // Act
      const aws = cognitoKind.resolve(parsed, 0);
      const emulator = cognitoKind.resolve({ ...parsed, issuer: 'http://127.0.0.1:9229/eu-west-1_TestPool' }, 0);

      // Assess
      expect(aws).toMatchObject({ issuer: POOL_ISSUER, jwksUri: `${POOL_ISSUER}/.well-known/jwks.json` });
      expect(emulator).toMatchObject({
        issuer: 'http://127.0.0.1:9229/eu-west-1_TestPool',
        jwksUri: 'http://127.0.0.1:9229/eu-west-1_TestPool/.well-known/jwks.json',
      });
      expect(cognitoKind.keySource(aws)).toEqual({ jwksUri: `${POOL_ISSUER}/.well-known/jwks.json` });
    });

    it('refuses a pool id of another region, naming the key', () => {
      // Act
      const err = caught(ConfigError, () => cognitoKind.resolve({ ...parsed, userPoolId: 'us-east-1_Other' }, 2));

      // Assess
      expect(err.code).toBe('invalid_config');
      expect(err.path).toBe('providers[2].userPoolId');
      expect(err.message).toBe(
        'AUTH_CONFIG providers[2].userPoolId: us-east-1_Other does not belong to region eu-west-1',
      );
    });
  });
});
