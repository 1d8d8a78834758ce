// Signs real JWTs with node:crypto (independent of the library under test), including deliberately odd headers.
import { createHmac, sign as cryptoSign, constants, type KeyObject } from 'node:crypto';
import type { TestKey } from './keys';

export type Claims = Record<string, unknown>;

/** A JOSE segment: the base64url of a value's JSON. */
export const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Signs `payload` with `key`, using the key's alg and kid unless the header overrides them. */
export function signToken(key: TestKey, payload: Claims, header: Claims = {}): string {
  const fullHeader = { alg: key.alg, typ: 'JWT', kid: key.kid, ...header };
  return signRaw(`${b64(fullHeader)}.${b64(payload)}`, String(fullHeader.alg), key.privateKey);
}

/** Signs an already-encoded `header.payload` string with the given JWS algorithm. */
export function signRaw(signingInput: string, alg: string, privateKey: KeyObject): string {
  return `${signingInput}.${signature(signingInput, alg, privateKey).toString('base64url')}`;
}

/** An HS* token keyed with an arbitrary secret (for algorithm-confusion cases). */
export function signHmac(secret: string | Buffer, header: Claims, payload: Claims): string {
  const input = `${b64(header)}.${b64(payload)}`;
  const bits = String(header.alg).slice(2);
  return `${input}.${createHmac(`sha${bits}`, secret).update(input).digest('base64url')}`;
}

/** Assembles a token from parts, for forged and malformed cases. */
export function assemble(header: unknown, payload: unknown, signaturePart = 'c2ln'): string {
  return `${b64(header)}.${b64(payload)}.${signaturePart}`;
}

function signature(input: string, alg: string, privateKey: KeyObject): Buffer {
  const hash = `sha${alg.slice(2)}`;
  if (alg.startsWith('RS')) return cryptoSign(hash, Buffer.from(input), privateKey);
  if (alg.startsWith('PS')) {
    return cryptoSign(hash, Buffer.from(input), {
      key: privateKey,
      padding: constants.RSA_PKCS1_PSS_PADDING,
      saltLength: constants.RSA_PSS_SALTLEN_DIGEST,
    });
  }
  if (alg.startsWith('ES')) return cryptoSign(hash, Buffer.from(input), { key: privateKey, dsaEncoding: 'ieee-p1363' });
  throw new Error(`test helper cannot sign ${alg}`);
}
