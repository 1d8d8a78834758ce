// Claim checks common to all providers once the signature holds: exp required, iat sane, sub present.
import { TokenRejectedError } from '../errors';
import type { JwtPayload } from '../jwt/decode-token';

/** Fixed per provider; only the current time changes between calls. */
export interface ClaimRules {
  readonly clockToleranceSeconds: number;
  readonly maxTokenAgeSeconds?: number;
}

const MAX_SUBJECT_LENGTH = 512;
const MAX_NUMERIC_DATE = 999_999_999_999;

/** Returns the subject. jsonwebtoken already refused an `exp` in the past and an `nbf` in the future. */
export function checkCommonClaims(payload: JwtPayload, rules: ClaimRules, nowSeconds: number): string {
  // RFC 7519 §4.1.4 makes exp optional; our policy requires it so that no token lives forever.
  if (typeof payload.exp !== 'number' || !Number.isFinite(payload.exp)) throw new TokenRejectedError('missing_exp');
  // A NumericDate past year 33658 is no real expiry, and the context contract carries at most 12 digits.
  if (payload.exp > MAX_NUMERIC_DATE) throw new TokenRejectedError('invalid_claim', 'exp out of range');
  const { iat } = payload;
  const tolerance = rules.clockToleranceSeconds;
  if (iat !== undefined) {
    // RFC 7519 §4.1.6: iat is a NumericDate; one in the future means a skewed or forged issuer clock.
    if (typeof iat !== 'number' || !Number.isFinite(iat)) throw new TokenRejectedError('invalid_claim', 'iat');
    if (iat > nowSeconds + tolerance) throw new TokenRejectedError('issued_in_future');
  }
  if (rules.maxTokenAgeSeconds !== undefined) {
    if (typeof iat !== 'number') throw new TokenRejectedError('invalid_claim', 'iat required by maxTokenAgeSeconds');
    if (nowSeconds - iat > rules.maxTokenAgeSeconds + tolerance) throw new TokenRejectedError('too_old');
  }
  // RFC 7519 §4.1.2: sub identifies the principal; it becomes principalId, so it must be a usable string.
  const { sub } = payload;
  if (typeof sub !== 'string' || sub.trim() === '' || sub.length > MAX_SUBJECT_LENGTH) {
    throw new TokenRejectedError('subject');
  }
  return sub;
}

/** True when the token's `aud` (a string or an array, RFC 7519 §4.1.3) names one of `accepted`, exactly. */
export function audienceMatches(aud: unknown, accepted: ReadonlySet<string>): boolean {
  if (typeof aud === 'string') return accepted.has(aud);
  return Array.isArray(aud) && aud.some((a) => typeof a === 'string' && accepted.has(a));
}
