// The checks every provider kind shares: pinned algorithm, key lookup by kid, jsonwebtoken's signature and time checks.
// jsonwebtoken's own verify and error classes, each from its module: the package index also loads sign.js and the
// lodash helpers only signing uses (about 6 KB of bundle and their load time on every cold start).
import type { Algorithm } from 'jsonwebtoken';
import NotBeforeError from 'jsonwebtoken/lib/NotBeforeError';
import TokenExpiredError from 'jsonwebtoken/lib/TokenExpiredError';
import verify from 'jsonwebtoken/verify';
import { TokenRejectedError, type RejectionReason } from '../errors';
import type { DecodedToken, JwtPayload } from '../jwt/decode-token';
import type { KeyStore, VerificationKey } from '../keys/key-store';
import type { MaybePromise } from '../maybe-promise';

/** Fixed per provider; only the current time changes between calls. */
export interface SignatureCheck {
  readonly store: KeyStore;
  /** The provider's asymmetric allow-list; the token's header can only pick within it. */
  readonly algorithms: ReadonlySet<string>;
  readonly clockToleranceSeconds: number;
}

const MAX_KID_LENGTH = 256;

/**
 * Verifies the signature, `exp` and `nbf`; returns the verified payload. Throws TokenRejectedError.
 * Synchronous when the key is already known: no promise, no microtask on the hot path.
 */
export function verifySignature(
  token: DecodedToken,
  check: SignatureCheck,
  nowSeconds: number,
): MaybePromise<JwtPayload> {
  const { alg, kid, crit } = token.header;
  if (typeof alg !== 'string' || !check.algorithms.has(alg)) throw new TokenRejectedError('unsupported_alg');
  // RFC 7515 §4.1.11: a recipient must reject a token whose `crit` lists extensions it does not implement;
  // we implement none, so any `crit` is refused.
  if (crit !== undefined) throw new TokenRejectedError('crit_unsupported');
  // `kid` is an opaque lookup key into the configured JWKS, never a path or URL; jku/x5u/jwk/x5c are never read.
  if (typeof kid !== 'string' || kid === '' || kid.length > MAX_KID_LENGTH) {
    throw new TokenRejectedError('unknown_kid', 'kid missing or not a string');
  }
  const known = check.store.peek(kid);
  if (known) return verifyWith(known, token, alg, check, nowSeconds);
  return check.store.resolve(kid).then((found) => verifyWith(found, token, alg, check, nowSeconds));
}

function verifyWith(
  found: VerificationKey,
  token: DecodedToken,
  alg: string,
  check: SignatureCheck,
  nowSeconds: number,
): JwtPayload {
  // A JWK that declares its alg binds the key to it: RS256 keys must not verify PS256 or RS512 tokens.
  if (found.alg !== undefined && found.alg !== alg) throw new TokenRejectedError('alg_mismatch');
  try {
    // One algorithm, the header's, already pinned above; jsonwebtoken also refuses a key of the wrong type or curve.
    return verify(token.raw, found.key, {
      algorithms: [alg as Algorithm],
      clockTimestamp: nowSeconds,
      clockTolerance: check.clockToleranceSeconds,
    }) as JwtPayload;
  } catch (err) {
    throw new TokenRejectedError(reasonOf(err));
  }
}

function reasonOf(err: unknown): RejectionReason {
  if (err instanceof TokenExpiredError) return 'expired';
  if (err instanceof NotBeforeError) return 'not_yet_valid';
  const message = err instanceof Error ? err.message : '';
  if (message.includes('signature')) return 'bad_signature';
  if (/invalid (exp|nbf) value/.test(message)) return 'invalid_claim';
  if (/algorithm|asymmetric|key/i.test(message)) return 'alg_mismatch';
  return 'malformed';
}
