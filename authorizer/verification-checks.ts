// The authorizer's verification steps in the order it runs them, and the step each failure reason comes from.
import type { DecisionReason } from './decision-log';
import type { RejectionReason } from './errors';

/**
 * The steps of parse → select → verify-signature → verify-core → the kind's checks → the context, in that order
 * (bearer-token.ts, decode-token.ts, select-verifier.ts, verify-signature.ts, check-claims.ts, <kind>-kind.ts,
 * token-entry.ts). Verification stops at the first failure, so every step before the failing one has passed: that
 * is how `npm run explain` reports which checks a refused token got through without re-running any of them.
 */
export const VERIFICATION_CHECKS = [
  { id: 'format', label: 'a bearer token: a compact JWS under 8 KB, canonical base64url, JSON header and payload' },
  { id: 'issuer', label: 'its iss is the issuer of a configured provider, exactly' },
  { id: 'algorithm', label: "its alg is one of the provider's algorithms, and it has no crit" },
  { id: 'key', label: "its kid names a key in the provider's JWKS (fetched from the configured source)" },
  { id: 'signature', label: "the signature verifies with that key (and the key's declared alg)" },
  { id: 'lifetime', label: 'exp present and not past, nbf and iat not ahead, age within maxTokenAgeSeconds' },
  { id: 'subject', label: 'iss verified, sub present' },
  { id: 'provider_claims', label: "the provider kind's claims (token type, audience or app client)" },
  { id: 'context', label: 'the identity fits the context budget (contextMaxBytes)' },
] as const;

export type CheckId = (typeof VERIFICATION_CHECKS)[number]['id'];
export type CheckStatus = 'passed' | 'failed' | 'not_run';

/** The failure reasons verification itself can end with: every rejection, and an unreadable key source. */
export type VerificationFailure = RejectionReason | 'jwks_unavailable';

/**
 * The step each failure comes from. A Record, so a new rejection reason does not compile until it names its step.
 * Where the code raises one reason in two steps, the later one is named: `invalid_claim` (exp/nbf not a number in
 * jsonwebtoken, iat or an exp out of range in check-claims.ts) and `issuer` (checked once the signature holds,
 * between the lifetime and the subject; it only fails if the signed iss differs from the one that chose the provider).
 */
const STEP_OF: Record<VerificationFailure, CheckId> = {
  missing: 'format',
  malformed: 'format',
  too_large: 'format',
  unknown_issuer: 'issuer',
  unsupported_alg: 'algorithm',
  crit_unsupported: 'algorithm',
  unknown_kid: 'key',
  jwks_unavailable: 'key',
  alg_mismatch: 'signature',
  bad_signature: 'signature',
  expired: 'lifetime',
  not_yet_valid: 'lifetime',
  issued_in_future: 'lifetime',
  too_old: 'lifetime',
  missing_exp: 'lifetime',
  invalid_claim: 'lifetime',
  issuer: 'subject',
  subject: 'subject',
  token_use: 'provider_claims',
  id_token: 'provider_claims',
  client_id: 'provider_claims',
  audience: 'provider_claims',
  tenant_mismatch: 'provider_claims',
  context_too_large: 'context',
};

/** The step a failure reason comes from; undefined for reasons no verification step gives (internal, a deny). */
export function checkOf(reason: DecisionReason): CheckId | undefined {
  return Object.hasOwn(STEP_OF, reason) ? STEP_OF[reason as VerificationFailure] : undefined;
}

/**
 * Each step's status for a verification that ended with `failure` (undefined: every step passed). A failure no
 * step gives (an internal error) leaves every step not run: nothing is claimed about what was checked.
 */
export function checkStatuses(failure?: DecisionReason): Array<{ id: CheckId; label: string; status: CheckStatus }> {
  const failedAt = failure === undefined ? VERIFICATION_CHECKS.length : indexOfStep(checkOf(failure));
  return VERIFICATION_CHECKS.map(({ id, label }, i) => ({
    id,
    label,
    status: i < failedAt ? 'passed' : i === failedAt ? 'failed' : 'not_run',
  }));
}

function indexOfStep(id: CheckId | undefined): number {
  return id === undefined ? -1 : VERIFICATION_CHECKS.findIndex((check) => check.id === id);
}
