// Verifies a token the cache does not know: decode it, pick the provider by its issuer, let that provider verify it.
import { FailureWithFactsError, withFacts } from './failure-facts';
import { decodeToken, type DecodedToken } from './jwt/decode-token';
import type { MaybePromise } from './maybe-promise';
import type { VerifierSelector } from './verifiers/select-verifier';
import type { TokenVerifier, VerifiedToken } from './verifiers/verifier';

/**
 * Returns the verified token; synchronous when its key is already known. Throws TokenRejectedError or
 * KeySourceUnavailableError, wrapped (FailureWithFactsError) with the kid and provider once those are known.
 */
export function verifyToken(raw: string, selector: VerifierSelector): MaybePromise<VerifiedToken> {
  const token = decodeToken(raw);
  const verifier = selectVerifier(token, selector);
  return withFacts({ kid: token.header.kid, provider: verifier.name, tenant: verifier.tenant }, () =>
    verifier.verify(token),
  );
}

function selectVerifier(token: DecodedToken, selector: VerifierSelector): TokenVerifier {
  try {
    return selector.select(token.payload.iss);
  } catch (err) {
    throw new FailureWithFactsError({ kid: token.header.kid }, err);
  }
}
