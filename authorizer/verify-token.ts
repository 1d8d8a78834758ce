// The full verification of a token not yet in the cache: decode, pick the provider, verify, build the context entry.
import { encodeAuthContext } from '../shared/auth-context';
import type { Logger } from '../shared/logger';
import { buildIdentity } from './build-identity';
import type { AuthConfig } from './config/load-config';
import type { Decision } from './decision-log';
import { decodeToken } from './jwt/decode-token';
import type { PolicyBuilder } from './policy/build-policy';
import type { VerifiedEntry } from './verified-token-cache';
import type { VerifierSelector } from './verifiers/select-verifier';
import type { VerifiedToken } from './verifiers/verifier';
import { andThen, type MaybePromise } from './maybe-promise';

export interface VerifyTokenDeps {
  config: AuthConfig;
  selector: VerifierSelector;
  policy: PolicyBuilder;
  logger: Logger;
  /** Milliseconds since the epoch. */
  now: () => number;
}

/** Returns the cacheable result of a valid token; throws TokenRejectedError / KeySourceUnavailableError. */
export function createTokenVerification(deps: VerifyTokenDeps) {
  const { config, selector, policy, logger, now } = deps;
  const toleranceMs = config.clockToleranceSeconds * 1000;
  // A cached token skips the key store, so without a cap it would outlive its key's staleness bound and a
  // withdrawal; after jwks.maxAgeSeconds it is verified again, and that verification meets the key store.
  const cacheAgeMs = config.jwks.maxAgeSeconds * 1000;

  return function verifyToken(raw: string, facts: Partial<Decision>): MaybePromise<VerifiedEntry> {
    const token = decodeToken(raw);
    facts.kid = token.header.kid;
    const verifier = selector.select(token.payload.iss);
    facts.provider = verifier.name;
    return andThen(verifier.verify(token), (verified) => toEntry(verified, token.header.kid as string, facts));
  };

  function toEntry(verified: VerifiedToken, kid: string, facts: Partial<Decision>): VerifiedEntry {
    facts.principalId = verified.subject;
    const { identity, refused } = buildIdentity(verified, config.contextClaims);
    // Route-independent, so it stays true when API Gateway reuses the cached result on another route.
    const deniesSome = policy.deniesSome(verified.permissions);
    const encoded = encodeAuthContext(identity, {
      maxBytes: config.contextMaxBytes,
      ...(deniesSome ? { error: 'insufficient_scope' } : {}),
    });
    if (refused.length + encoded.dropped.length > 0) {
      logger.warn('context claims left out', { refused, overBudget: encoded.dropped, provider: verified.provider });
    }
    const iat = verified.payload.iat;
    const ageLimitMs =
      config.maxTokenAgeSeconds !== undefined && typeof iat === 'number' ? (iat + config.maxTokenAgeSeconds) * 1000 : Infinity;
    return {
      principalId: encoded.principalId,
      provider: verified.provider,
      kid,
      permissions: verified.permissions,
      context: encoded.context,
      // Served from the cache only while the verifier itself would still accept it, with the tolerance to spare.
      expiresAtMs: Math.min(verified.expiresAt * 1000 - toleranceMs, ageLimitMs - toleranceMs, now() + cacheAgeMs),
    };
  }
}
