// Real RSA and EC key pairs for tests, with their public JWKs as a provider would publish them.
import { generateKeyPairSync, type KeyObject } from 'node:crypto';

export interface TestKey {
  kid: string;
  alg: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** The public JWK, with kid, alg and use as a JWKS lists it. */
  jwk: Record<string, unknown>;
}

export function createRsaKey(kid: string, alg = 'RS256', options: { declareAlg?: boolean } = {}): TestKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return toTestKey(kid, alg, privateKey, publicKey, options.declareAlg ?? true);
}

export function createEcKey(kid: string, alg: 'ES256' | 'ES384' = 'ES256'): TestKey {
  const namedCurve = alg === 'ES256' ? 'P-256' : 'P-384';
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve });
  return toTestKey(kid, alg, privateKey, publicKey, true);
}

function toTestKey(
  kid: string,
  alg: string,
  privateKey: KeyObject,
  publicKey: KeyObject,
  declareAlg: boolean,
): TestKey {
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid, use: 'sig', ...(declareAlg ? { alg } : {}) };
  return { kid, alg, privateKey, publicKey, jwk };
}
