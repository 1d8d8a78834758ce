// jwks-cache-off-shim: jwks-rsa's cache and rate limit stay unused; switching either on fails the key load loudly.
import { JwksClient } from 'jwks-rsa';
import refuse from '../../../../authorizer/keys/jwks-cache-off-shim.cjs';
import { createRsaKey } from '../../../helpers/keys';

const options = { jwksUri: 'https://idp.example/jwks', timeout: 1000 };

describe('jwks-cache-off-shim', () => {
  it('is what jwks-rsa loads for lru-memoizer and limiter under jest, as in the bundle', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the bare names, as jwks-rsa requires them
    expect([require('lru-memoizer'), require('limiter').RateLimiter]).toEqual([refuse, refuse.RateLimiter]);
  });

  it('lets a client with cache and rateLimit off (as jwks-loader.ts builds it) read its keys', async () => {
    // Prepare
    const key = createRsaKey('k1');
    const client = new JwksClient({
      ...options,
      cache: false,
      rateLimit: false,
      fetcher: async () => ({ keys: [key.jwk] }),
    });

    // Act
    const keys = await client.getSigningKeys();

    // Assess
    expect(keys.map((k) => k.kid)).toEqual(['k1']);
  });

  it('refuses a client with the cache or the rate limit on, naming why', () => {
    // Act / Assess: fail closed, never a client running without the wrapper it asked for.
    expect(() => new JwksClient({ ...options, cache: true, rateLimit: false })).toThrow(
      "jwks-rsa's cache and rateLimit are off here",
    );
    expect(() => new JwksClient({ ...options, cache: false, rateLimit: true })).toThrow(
      "jwks-rsa's cache and rateLimit are off here",
    );
  });
});
