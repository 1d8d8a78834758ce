// Stands in for `jose` inside jwks-rsa in the bundle: the two calls jwks-rsa makes, done with node:crypto (~1 KB, not ~93 KB).
import { createPrivateKey, createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';

/**
 * jwks-rsa's retrieveSigningKeys calls importJWK({ ...jwk, ext: true }, alg), skips keys whose `type` is not
 * "public", and exports a KeyObject as SPKI PEM itself. Like jose, this refuses a JWK whose key type does not fit
 * the algorithm, so such a key never enters the key set. (Wired in by serverless.yml's esbuild `alias` and
 * jest's moduleNameMapper, so the tests run exactly what ships.)
 */
export async function importJWK(jwk: JsonWebKey & { alg?: string; ext?: boolean }, alg?: string): Promise<KeyObject> {
  const family = familyOf(alg ?? jwk.alg);
  if (family !== jwk.kty) throw new TypeError(`JWK of type ${jwk.kty} cannot be used with ${alg ?? jwk.alg}`);
  const { ext: _ext, ...key } = jwk;
  // A private JWK published by mistake becomes a private KeyObject, which jwks-rsa then skips.
  return key.d !== undefined ? createPrivateKey({ key, format: 'jwk' }) : createPublicKey({ key, format: 'jwk' });
}

export async function exportSPKI(key: KeyObject): Promise<string> {
  return key.export({ type: 'spki', format: 'pem' }) as string;
}

function familyOf(alg: string | undefined): string | undefined {
  if (!alg) return undefined;
  if (/^(RS|PS)(256|384|512)$/.test(alg)) return 'RSA';
  if (/^ES(256|384|512|256K)$/.test(alg)) return 'EC';
  if (alg === 'EdDSA') return 'OKP';
  return undefined;
}
