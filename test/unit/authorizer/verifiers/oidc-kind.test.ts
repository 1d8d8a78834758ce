// The generic OIDC kind through the shared core: discovery or a configured JWKS, aud, no ID tokens, client id claims.
import { TokenRejectedError } from '../../../../authorizer/errors';
import { rejectionOf } from '../../../helpers/caught';
import { createRsaKey, type TestKey } from '../../../helpers/keys';
import { signToken, type Claims } from '../../../helpers/tokens';
import {
  createVerifierHarness,
  DISCOVERED_JWKS_URI,
  type ProviderInput,
  type VerifierHarness,
} from '../../../helpers/verifier-harness';

const ISSUER = 'https://idp.example.com/oauth2/default';
const AUDIENCE = 'api://comments';

let key: TestKey;
beforeAll(() => {
  key = createRsaKey('idp-key-1');
});

function idp(overrides: Partial<Extract<ProviderInput, { type: 'oidc' }>> = {}): ProviderInput {
  return { name: 'okta', type: 'oidc', issuer: ISSUER, audiences: [AUDIENCE], ...overrides };
}

function claims(h: VerifierHarness, extra: Claims = {}): Claims {
  const now = h.clock.nowSeconds();
  return { iss: ISSUER, sub: 'user-1', aud: AUDIENCE, iat: now, exp: now + 3600, ...extra };
}

async function rejection(h: VerifierHarness, payload: Claims, header: Claims = {}): Promise<string> {
  const err = await rejectionOf(h.verified(signToken(key, payload, header)));
  expect(err).toBeInstanceOf(TokenRejectedError);
  return (err as TokenRejectedError).code;
}

describe('oidc kind', () => {
  it('accepts an access token, with every VerifiedToken field, keys found through discovery', async () => {
    // Prepare
    const h = createVerifierHarness(idp(), [key]);
    const token = signToken(key, claims(h, { azp: 'spa', scope: 'comments:read', scp: ['comments:write'] }));

    // Act
    const verified = await h.verified(token);

    // Assess
    expect(h.fetched).toEqual([`${ISSUER}/.well-known/openid-configuration`, DISCOVERED_JWKS_URI]);
    expect(verified).toEqual({
      provider: 'okta',
      issuer: ISSUER,
      kid: 'idp-key-1',
      subject: 'user-1',
      clientId: 'spa',
      tokenUse: 'access',
      expiresAt: h.clock.nowSeconds() + 3600,
      reusableUntilMs: expect.any(Number),
      permissions: new Set(['comments:read', 'comments:write']),
      payload: expect.objectContaining({ sub: 'user-1', azp: 'spa' }),
    });
  });

  it('fetches a configured jwksUri directly, without discovery', async () => {
    // Prepare
    const h = createVerifierHarness(idp({ jwksUri: 'https://idp.example.com/keys' }), [key]);

    // Act
    await h.verified(signToken(key, claims(h)));

    // Assess
    expect(h.fetched).toEqual(['https://idp.example.com/keys']);
  });

  describe('audience (RFC 7519 §4.1.3)', () => {
    it('accepts an aud array with one configured audience among others', async () => {
      // Prepare
      const h = createVerifierHarness(idp(), [key]);

      // Act
      const verified = await h.verified(signToken(key, claims(h, { aud: ['account', AUDIENCE] })));

      // Assess
      expect(verified.subject).toBe('user-1');
    });

    it.each([
      ['a foreign audience', { aud: 'api://other' }],
      ['Keycloak\'s default "account" audience, not configured', { aud: 'account' }],
      ['a prefix of the audience', { aud: 'api://comment' }],
      ['an empty array', { aud: [] }],
      ['no aud', { aud: undefined }],
    ])('refuses %s with reason audience', async (_label, extra) => {
      // Prepare
      const h = createVerifierHarness(idp(), [key]);

      // Act
      const code = await rejection(h, claims(h, extra));

      // Assess
      expect(code).toBe('audience');
    });
  });

  describe('token type (checkTokenUse)', () => {
    it.each([
      ['at_hash', { at_hash: 'x' }],
      ['c_hash', { c_hash: 'x' }],
      ['Keycloak typ "ID"', { typ: 'ID' }],
    ])('refuses an ID token (%s) by default, with reason id_token', async (_label, extra) => {
      // Prepare
      const h = createVerifierHarness(idp(), [key]);

      // Act
      const code = await rejection(h, claims(h, extra));

      // Assess
      expect(code).toBe('id_token');
    });

    it('with tokenUse "id" accepts the ID token and refuses an at+jwt access token with reason token_use', async () => {
      // Prepare
      const h = createVerifierHarness(idp({ tokenUse: 'id' }), [key]);

      // Act
      const idToken = await h.verified(signToken(key, claims(h, { at_hash: 'x' })));
      const code = await rejection(h, claims(h), { typ: 'at+jwt' });

      // Assess
      expect(idToken.tokenUse).toBe('id');
      expect(code).toBe('token_use');
    });

    it('runs after the audience check: a foreign ID token is refused for its audience', async () => {
      // Prepare
      const h = createVerifierHarness(idp(), [key]);

      // Act
      const code = await rejection(h, claims(h, { aud: 'api://other', at_hash: 'x' }));

      // Assess
      expect(code).toBe('audience');
    });
  });

  describe('client id', () => {
    it.each<[string, Claims, string | undefined]>([
      ['azp first (OIDC Core)', { azp: 'a', client_id: 'b', cid: 'c', appid: 'd' }, 'a'],
      ['then client_id (RFC 9068)', { client_id: 'b', cid: 'c', appid: 'd' }, 'b'],
      ['then cid (Okta)', { cid: 'c', appid: 'd' }, 'c'],
      ['then appid (Entra v1)', { appid: 'd' }, 'd'],
      ['skipping empty and non-string values', { azp: '', client_id: 7, cid: ['x'], appid: 'd' }, 'd'],
      ['none at all', {}, undefined],
    ])('%s', async (_label, extra, expected) => {
      // Prepare
      const h = createVerifierHarness(idp(), [key]);

      // Act
      const verified = await h.verified(signToken(key, claims(h, extra)));

      // Assess
      expect(verified.clientId).toBe(expected);
      expect('clientId' in verified).toBe(expected !== undefined);
    });
  });

  describe('permissions', () => {
    it.each<[string, string[] | undefined, Claims, string[]]>([
      ['scope and scp by default', undefined, { scope: 'a b', scp: ['c'] }, ['a', 'b', 'c']],
      [
        'Auth0 permissions, when configured',
        ['permissions'],
        { permissions: ['x:read'], scope: 'ignored' },
        ['x:read'],
      ],
      ['a Keycloak dotted path', ['realm_access.roles'], { realm_access: { roles: ['admin'] } }, ['admin']],
    ])('from %s', async (_label, permissionClaims, extra, expected) => {
      // Prepare
      const h = createVerifierHarness(idp(permissionClaims ? { permissionClaims } : {}), [key]);

      // Act
      const verified = await h.verified(signToken(key, claims(h, extra)));

      // Assess
      expect([...verified.permissions].sort()).toEqual(expected);
    });
  });

  describe('a multi-tenant issuer, verified per listed tenant', () => {
    const TENANT = '11111111-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
    const TENANT_ISSUER = `https://login.example.com/${TENANT}/v2.0`;
    const entra = idp({ issuer: 'https://login.example.com/{tenant}/v2.0', tenants: [TENANT, 'other-tenant'] });

    it("accepts the tenant's token, with tid or without, discovering keys at the tenant's own issuer", async () => {
      // Prepare: the harness builds the first listed tenant's verifier.
      const h = createVerifierHarness(entra, [key]);

      // Act
      const withTid = await h.verified(signToken(key, claims(h, { iss: TENANT_ISSUER, tid: TENANT })));
      const withoutTid = await h.verified(signToken(key, claims(h, { iss: TENANT_ISSUER })));

      // Assess
      expect(withTid).toMatchObject({ provider: 'okta', issuer: TENANT_ISSUER, tenant: TENANT, subject: 'user-1' });
      expect(withoutTid.tenant).toBe(TENANT);
      expect(h.fetched).toEqual([`${TENANT_ISSUER}/.well-known/openid-configuration`, DISCOVERED_JWKS_URI]);
    });

    it("refuses a tid naming another tenant (tenant_mismatch), and another listed tenant's iss", async () => {
      // Prepare
      const h = createVerifierHarness(entra, [key]);

      // Act
      const mismatch = await rejection(h, claims(h, { iss: TENANT_ISSUER, tid: 'other-tenant' }));
      const otherIssuer = await rejection(h, claims(h, { iss: 'https://login.example.com/other-tenant/v2.0' }));

      // Assess: the verifier of one tenant takes no other tenant's issuer, even a listed one.
      expect(mismatch).toBe('tenant_mismatch');
      expect(otherIssuer).toBe('issuer');
    });
  });
});
