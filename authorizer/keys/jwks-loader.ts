// Loads a JWKS, checks it is a well-formed JWK Set, and turns each signing key (via jwks-rsa) into a KeyObject once.
import { createPublicKey } from 'node:crypto';
import { JwksClient, JwksError, type SigningKey } from 'jwks-rsa';
import { FetchError } from '../errors';
import type { FetchJson } from './fetch-json';
import type { KeyLoader, KeySet, VerificationKey } from './key-store';

type Jwk = Record<string, unknown>;

/**
 * jwks-rsa filters the set to public signing keys and converts JWKs; its own cache and rate limit are
 * off because KeyStore owns caching, single-flight and the cool-down. Each PEM is parsed exactly once here:
 * handing jsonwebtoken a PEM per call would re-parse it on every request (about 5x the RSA verify).
 */
export function createJwksLoader(jwksUri: string, fetchJson: FetchJson): KeyLoader {
  return async () => toKeySet(await signingKeysOf(jwksUri, await fetchJwkSet(jwksUri, fetchJson)));
}

/**
 * RFC 7517 §5: a JWK Set is a JSON object whose `keys` member is an array of JWKs. Only such an answer counts as a
 * successful read, which may withdraw keys (even all of them); anything else is a failed read, so stale-if-error
 * keeps the known keys and a broken response (an error page, a reshaped document) cannot wipe them.
 */
async function fetchJwkSet(jwksUri: string, fetchJson: FetchJson): Promise<Jwk[]> {
  const document = await fetchJson(jwksUri);
  if (!isObject(document) || !Array.isArray(document.keys) || !document.keys.every(isObject)) {
    throw new FetchError(jwksUri, 'response is not a JWK Set (an object whose "keys" is an array of objects)');
  }
  return document.keys;
}

/**
 * The set's public signing keys as jwks-rsa converts them. jwks-rsa throws when a set holds no signing key; here
 * that is a legitimate answer (the IdP withdrew them), so it becomes an empty list. The client is built per load
 * around the document already fetched, so its fetcher cannot fail and the only JwksError left is that one.
 */
async function signingKeysOf(jwksUri: string, jwks: Jwk[]): Promise<SigningKey[]> {
  if (jwks.length === 0) return [];
  const client = new JwksClient({
    jwksUri,
    cache: false,
    rateLimit: false,
    fetcher: () => Promise.resolve({ keys: jwks }),
  });
  try {
    return await client.getSigningKeys();
  } catch (err) {
    if (err instanceof JwksError) return [];
    throw err;
  }
}

function toKeySet(signingKeys: SigningKey[]): KeySet {
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
  // May be empty: a well-formed set without a usable key withdraws every key the store knew.
  return keys;
}

function isObject(value: unknown): value is Jwk {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
