// What the authorizer remembers of a verified token: every route-independent fact, computed once per token.
import { encodeAuthContext, type AuthContext, type AuthIdentityInput } from '../shared/auth-context';
import type { Logger } from '../shared/logger';
import { buildIdentity } from './build-identity';
import type { TokenFacts } from './decision-log';
import { FailureWithFactsError } from './failure-facts';
import type { Grant, PolicyBuilder } from './policy/build-policy';
import type { VerifiedToken } from './verifiers/verifier';

/** A verified-token cache entry. Nothing in it depends on the route, so it answers every route of the API. */
export interface TokenEntry extends TokenFacts {
  readonly principalId: string;
  readonly provider: string;
  readonly kid: string;
  /** The policy's answer for this token's permission set: deniesSome, each route, the document per API prefix. */
  readonly grant: Grant;
  /** The complete context (its deny reason included). */
  readonly context: AuthContext;
  /** Epoch ms after which the entry must not be served (the verifier's reuse bound). */
  readonly expiresAtMs: number;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export interface TokenEntryOptions {
  policy: PolicyBuilder;
  /** Configured claims copied into the context (AUTH_CONFIG contextClaims). */
  contextClaims: readonly string[];
  contextMaxBytes: number;
  logger: Logger;
}

/** Returns the function that turns a verified token into its entry; it throws AuthContextTooLargeError (wrapped). */
export function createTokenEntries(options: TokenEntryOptions): (verified: VerifiedToken) => TokenEntry {
  const { policy, contextClaims, contextMaxBytes, logger } = options;

  return function toEntry(verified) {
    // Asked once per token: the grant answers deniesSome now, and each route and document on every request.
    const grant = policy.grantFor(verified.permissions);
    const { identity, refused } = buildIdentity(verified, contextClaims);
    const encoded = encodeContext(verified, identity, contextMaxBytes, grant.deniesSome);
    if (refused.length + encoded.dropped.length > 0) {
      logger.warn('context claims left out', { refused, overBudget: encoded.dropped, provider: verified.provider });
    }
    const entry: Mutable<TokenEntry> = {
      principalId: encoded.principalId,
      provider: verified.provider,
      kid: verified.kid,
      grant,
      context: encoded.context,
      expiresAtMs: verified.reusableUntilMs,
    };
    // Only a multi-tenant provider's entries carry a tenant (assigned: no fresh object spread per token).
    if (verified.tenant !== undefined) entry.tenant = verified.tenant;
    return entry;
  };
}

function encodeContext(verified: VerifiedToken, identity: AuthIdentityInput, maxBytes: number, deniesSome: boolean) {
  try {
    // Route-independent, so it stays true when API Gateway reuses the cached result on another route.
    return encodeAuthContext(identity, { maxBytes, ...(deniesSome ? { error: 'insufficient_scope' } : {}) });
  } catch (err) {
    // The token verified: the decision line names it (kid, provider, principalId) though its context does not fit.
    throw new FailureWithFactsError(
      { kid: verified.kid, provider: verified.provider, tenant: verified.tenant, principalId: verified.subject },
      err,
    );
  }
}
