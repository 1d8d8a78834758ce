// The floor accepts exactly what ours accepts for the bench's provider: RS256, iss, aud, exp and nbf with leeway.
import { createFloorAuthorizer } from '../../../bench/floor-authorizer';
import { createRoutePolicy } from '../../../bench/route-policy';
import { createRsaKey } from '../../helpers/keys';
import { signHmac, signToken } from '../../helpers/tokens';

const ISSUER = 'https://issuer.example.com';
const AUDIENCE = 'api://bench';
const ARN = 'arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/prod/GET/comments';
const key = createRsaKey('floor-key');
const now = () => Math.floor(Date.now() / 1000);
const claims = (extra: Record<string, unknown> = {}) => ({
  iss: ISSUER,
  aud: AUDIENCE,
  sub: 'user-1',
  scope: 'comments:read',
  exp: now() + 600,
  ...extra,
});

describe('createFloorAuthorizer', () => {
  const floor = createFloorAuthorizer({ issuer: ISSUER, audience: AUDIENCE, jwks: { keys: [key.jwk] } });

  it('answers a valid token with its sub and the route policy of its scopes', () => {
    const result = floor(`Bearer ${signToken(key, claims({ nbf: now() + 3 }))}`, ARN);

    expect(result.principalId).toBe('user-1');
    expect(result.policyDocument).toEqual(createRoutePolicy()(ARN, 'comments:read'));
  });

  it.each([
    ['a wrong issuer', claims({ iss: 'https://other.example.com' })],
    ['a wrong audience', claims({ aud: 'api://other' })],
    ['an expired token (beyond the leeway)', claims({ exp: now() - 10 })],
    ['a token not valid yet (beyond the leeway)', claims({ nbf: now() + 60 })],
    ['no exp', { ...claims(), exp: undefined }],
  ])('refuses %s', (_name, payload) => {
    expect(() => floor(`Bearer ${signToken(key, payload)}`, ARN)).toThrow(/^Unauthorized$/);
  });

  it('refuses a bad signature, an unknown kid, another algorithm and a malformed token', () => {
    const good = signToken(key, claims());
    const cases = [
      `${good.slice(0, -4)}${good.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`,
      signToken(key, claims(), { kid: 'unknown' }),
      signHmac('secret', { alg: 'HS256', kid: 'floor-key' }, claims()),
      'not-a-jwt',
    ];

    for (const token of cases) expect(() => floor(`Bearer ${token}`, ARN)).toThrow(/^Unauthorized$/);
  });
});
