// Loads a JWKS through jwks-rsa and turns each signing key into a Node KeyObject once, when the set is fetched.
import { createPublicKey } from 'node:crypto';
import { JwksClient } from 'jwks-rsa';
import type { FetchJson } from './fetch-json';
import type { KeyLoader, VerificationKey } from './key-store';

/**
 * jwks-rsa filters the set to public signing keys and converts JWKs; its own cache and rate limit are
 * off because KeyStore owns caching, single-flight and the cool-down. Each PEM is parsed exactly once here:
 * handing jsonwebtoken a PEM per call would re-parse it on every request (about 5x the RSA verify).
 */
export function createJwksLoader(jwksUri: string, fetchJson: FetchJson): KeyLoader {
  const client = new JwksClient({
    jwksUri,
    cache: false,
    rateLimit: false,
    fetcher: fetchJson as (uri: string) => Promise<{ keys: unknown }>,
  });
  return async () => {
    const signingKeys = await client.getSigningKeys();
    const keys = new Map<string, VerificationKey>();
    const ambiguous = new Set<string>();
    for (const signingKey of signingKeys) {
      // A token must name its key; a JWK without kid could never be selected safely.
      if (!signingKey.kid) continue;
      // Two keys under one kid: which one a token means is unknowable, so neither is used.
      if (keys.has(signingKey.kid)) ambiguous.add(signingKey.kid);
      const alg = (signingKey as { alg?: string }).alg;
      keys.set(signingKey.kid, { key: createPublicKey(signingKey.getPublicKey()), ...(alg ? { alg } : {}) });
    }
    for (const kid of ambiguous) keys.delete(kid);
    // A set with nothing usable is treated as a failed read, so the keys already known stay in service.
    if (keys.size === 0) throw new Error(`JWKS ${jwksUri} has no usable signing key with a kid`);
    return keys;
  };
}
