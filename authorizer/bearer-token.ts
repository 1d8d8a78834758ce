// Extracts the JWT from the Authorization header value; every check here runs before anything is decoded.
import { TokenRejectedError } from './errors';

/** Bounds the work an attacker can cause before signature verification; real tokens are far smaller. */
export const MAX_TOKEN_LENGTH = 8_192;

// RFC 6750 §2.1 credentials: "Bearer" 1*SP b64token, scheme case-insensitive (RFC 7235 §2.1).
const SCHEME = /^bearer +/i;
// A JWS compact serialization: three base64url segments, the signature non-empty (so `alg: none` never passes).
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/** Returns the token of a `Bearer <jwt>` header value, or throws TokenRejectedError. */
export function parseBearerToken(header: unknown): string {
  // serverless-offline passes "" when the identity validation regex fails, so empty is a normal input here.
  if (typeof header !== 'string' || header.trim() === '') throw new TokenRejectedError('missing');
  if (header.length > MAX_TOKEN_LENGTH + 64) throw new TokenRejectedError('too_large');
  const value = header.trim();
  const scheme = SCHEME.exec(value);
  if (!scheme) throw new TokenRejectedError('malformed', 'the scheme is not Bearer');
  const token = value.slice(scheme[0].length);
  if (token.length > MAX_TOKEN_LENGTH) throw new TokenRejectedError('too_large');
  if (!COMPACT_JWS.test(token)) throw new TokenRejectedError('malformed', 'not a compact JWS');
  if (!token.split('.').every(isCanonicalBase64url))
    throw new TokenRejectedError('malformed', 'non-canonical base64url');
  return token;
}

// Alphabet positions of base64url characters whose unused low bits are zero, for the last character of a segment.
const LAST_OF_2 = new Set('AQgw'); // 2 characters left over: the last carries 4 unused bits
const LAST_OF_3 = new Set('AEIMQUYcgkosw048'); // 3 left over: 2 unused bits

/**
 * RFC 7515 §2 base64url without padding has exactly one spelling per byte string. Lenient decoders ignore stray
 * low bits and a dangling character, which would let one signature be written many ways: each spelling would be a
 * "different" token to revocation lists and to API Gateway's cache. Only the canonical spelling is accepted.
 */
function isCanonicalBase64url(segment: string): boolean {
  const rest = segment.length % 4;
  if (rest === 0) return true;
  if (rest === 1) return false;
  return (rest === 2 ? LAST_OF_2 : LAST_OF_3).has(segment[segment.length - 1] as string);
}
