// The peer on aws-jwt-verify: ours's claims (iss, aud, exp, nbf with leeway, RS256), the floor's policy, a real JWKS fetch.
import { createPeerAuthorizer, LoopbackFetcher } from '../../../bench/peer-aws-jwt-verify';
import { createRoutePolicy } from '../../../bench/route-policy';
import { startJwksServer, type JwksServer } from '../../helpers/jwks-server';
import { createRsaKey } from '../../helpers/keys';
import { signToken } from '../../helpers/tokens';

const AUDIENCE = 'api://bench';
const ARN = 'arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/prod/GET/comments';
const key = createRsaKey('peer-key');
// The same key published without `alg`: the library would then take the token's RS384 at its word.
const undeclared = createRsaKey('peer-any', 'RS384', { declareAlg: false });
const now = () => Math.floor(Date.now() / 1000);

describe('createPeerAuthorizer', () => {
  let server: JwksServer;
  beforeEach(async () => {
    server = await startJwksServer([key.jwk, undeclared.jwk]);
  });
  afterEach(() => server.close());

  const claims = (extra: Record<string, unknown> = {}) => ({
    iss: server.issuer,
    aud: AUDIENCE,
    sub: 'user-1',
    scope: 'comments:read comments:write',
    exp: now() + 600,
    ...extra,
  });
  const peer = () => createPeerAuthorizer({ issuer: server.issuer, audience: AUDIENCE, jwksUri: server.jwksUri });

  it('fetches the JWKS on first use and answers with the sub and the floor’s route policy', async () => {
    const authorizer = peer();

    const result = await authorizer.authorize(`Bearer ${signToken(key, claims({ nbf: now() + 3 }))}`, ARN);

    expect(result).toEqual({
      principalId: 'user-1',
      policyDocument: createRoutePolicy()(ARN, 'comments:read comments:write'),
    });
    expect(server.hits('/jwks.json')).toBe(1);
  });

  it('hydrate() fetches once at init; later authorizations reuse the keys', async () => {
    const authorizer = peer();

    await authorizer.hydrate();
    await authorizer.authorize(`Bearer ${signToken(key, claims())}`, ARN);
    await authorizer.authorize(`Bearer ${signToken(key, claims({ sub: 'user-2' }))}`, ARN);

    expect(server.hits('/jwks.json')).toBe(1);
  });

  it.each([
    ['a wrong issuer', () => signToken(key, claims({ iss: 'http://127.0.0.1:1/other' }))],
    ['a wrong audience', () => signToken(key, claims({ aud: 'api://other' }))],
    ['an expired token (beyond the leeway)', () => signToken(key, claims({ exp: now() - 10 }))],
    ['a token not valid yet (beyond the leeway)', () => signToken(key, claims({ nbf: now() + 60 }))],
    ['RS384, even with a key that does not declare its alg', () => signToken(undeclared, claims())],
    ['a bad signature', () => `${signToken(key, claims()).slice(0, -4)}AAAA`],
    ['a malformed token', () => 'not-a-jwt'],
  ])('refuses %s with exactly Unauthorized', async (_name, token) => {
    await expect(peer().authorize(`Bearer ${token()}`, ARN)).rejects.toThrow(/^Unauthorized$/);
  });

  it('refuses a header that is not a bearer token', async () => {
    await expect(peer().authorize(`Basic ${signToken(key, claims())}`, ARN)).rejects.toThrow(/^Unauthorized$/);
  });
});

describe('LoopbackFetcher', () => {
  it('returns the body of a 200 and refuses any other status', async () => {
    const server = await startJwksServer([key.jwk]);
    try {
      const fetcher = new LoopbackFetcher();

      const body = await fetcher.fetch(server.jwksUri);
      server.setMode('error');

      expect(JSON.parse(Buffer.from(body).toString())).toEqual({ keys: [key.jwk] });
      await expect(fetcher.fetch(server.jwksUri)).rejects.toThrow(/status code is 503/);
    } finally {
      await server.close();
    }
  });

  it('leaves anything but loopback http to the library’s own https fetcher', async () => {
    const fetcher = new LoopbackFetcher();

    // Port 1 on loopback over https: refused locally, by the library's fetcher (it retries once, then says so).
    await expect(fetcher.fetch('https://127.0.0.1:1/jwks.json')).rejects.toThrow(/ECONNREFUSED|connect/);
  });
});
