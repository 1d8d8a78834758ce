// The verification every provider kind shares, written once: pinned algorithm, key by kid, signature and times, iss,
// exp/iat/sub, then the kind's own claim checks, and the VerifiedToken assembled from them.
import { TokenRejectedError } from '../errors';
import type { DecodedToken, JwtPayload } from '../jwt/decode-token';
import type { KeyStore } from '../keys/key-store';
import { extractPermissions } from '../permissions';
import { checkCommonClaims, type ClaimRules } from './check-claims';
import type { KindChecks, ProviderBase } from './provider-kind';
import type { TokenVerifier, VerifiedToken, VerifierDeps, VerifySettings } from './verifier';
import { verifySignature, type SignatureCheck } from './verify-signature';

export interface VerifierParts {
  provider: ProviderBase;
  /** The keys of the provider's key source (key-stores.ts: one store per source, shared where sources are one). */
  store: KeyStore;
  checks: KindChecks;
}

export function createVerifier(parts: VerifierParts, settings: VerifySettings, deps: VerifierDeps): TokenVerifier {
  const { provider, checks, store } = parts;
  // Everything but the time is fixed per provider, so a verification allocates no settings object.
  const signature: SignatureCheck = {
    store,
    algorithms: new Set(provider.algorithms),
    clockToleranceSeconds: settings.clockToleranceSeconds,
  };
  const claims: ClaimRules = settings;
  const toleranceMs = settings.clockToleranceSeconds * 1000;

  function verify(token: DecodedToken) {
    const nowSeconds = Math.floor(deps.now() / 1000);
    const payload = verifySignature(token, signature, nowSeconds);
    // A known key answers synchronously: no promise, no closure on the hot path.
    if (!(payload instanceof Promise)) return assemble(token, payload, nowSeconds);
    return payload.then((verified) => assemble(token, verified, nowSeconds));
  }

  function assemble(token: DecodedToken, payload: JwtPayload, nowSeconds: number): VerifiedToken {
    // Exact string equality, trailing slash included: the provider was chosen by this same unverified value,
    // and now that the signature holds it is checked again as a verified claim.
    if (payload.iss !== provider.issuer) throw new TokenRejectedError('issuer');
    const subject = checkCommonClaims(payload, claims, nowSeconds);
    const clientId = checks.check(token.header, payload);
    // Whole seconds: RFC 7519 allows a fractional NumericDate, the context carries integers.
    const expiresAt = Math.floor(payload.exp as number);
    const verified: VerifiedToken = {
      provider: provider.name,
      issuer: provider.issuer,
      kid: token.header.kid as string,
      subject,
      expiresAt,
      reusableUntilMs: reusableUntil(expiresAt, payload.iat),
      permissions: extractPermissions(payload, checks.permissions),
      payload,
    };
    if (clientId !== undefined) verified.clientId = clientId;
    if (checks.tokenUse !== undefined) verified.tokenUse = checks.tokenUse;
    // A listed id from the configuration, never a value read from the token.
    if (provider.tenant !== undefined) verified.tenant = provider.tenant;
    return verified;
  }

  // A reused answer must never outlive what verifying again would say: not past exp, nor past iat plus
  // maxTokenAgeSeconds, with the tolerance to spare. Nor past the keys' maxAge: a reused answer skips the key
  // store, so only by meeting it again does a token see its key's staleness bound or withdrawal.
  function reusableUntil(expiresAt: number, iat: unknown): number {
    const { maxTokenAgeSeconds } = settings;
    const ageLimitMs =
      maxTokenAgeSeconds !== undefined && typeof iat === 'number' ? (iat + maxTokenAgeSeconds) * 1000 : Infinity;
    return Math.min(expiresAt * 1000 - toleranceMs, ageLimitMs - toleranceMs, deps.now() + settings.keys.maxAgeMs);
  }

  return {
    name: provider.name,
    issuer: provider.issuer,
    ...(provider.tenant !== undefined ? { tenant: provider.tenant } : {}),
    verify,
    warm: () => store.refresh().then(() => store.failure),
  };
}
