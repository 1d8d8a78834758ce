// The checks of an explanation: the authorizer's ordered steps, the provider kind's own step told in its own words.
import { checkStatuses } from '../../authorizer/verification-checks';
import type { CheckExplanation } from './explain-result';
import type { FailureReason } from './fix-hints';

/** What each kind's claim checks look at, in its order (cognito-kind.ts, oidc-kind.ts); a new kind gets the generic label. */
const KIND_CLAIMS: Readonly<Record<string, string>> = {
  cognito: 'token_use as configured, then client_id (access) or aud (id) names a configured app client',
  oidc: 'tid of a listed tenant, aud names a configured audience, then the token type (no ID token for "access")',
};

/** Every step's status for a verification ending with `failure` (none: verified), for a provider of `providerType`. */
export function explainChecks(failure: FailureReason | undefined, providerType: string | null): CheckExplanation[] {
  const kind = providerType === null ? undefined : KIND_CLAIMS[providerType];
  return checkStatuses(failure).map((check) =>
    check.id === 'provider_claims' && kind ? { ...check, label: kind } : check,
  );
}
