// Builds one verifier per accepted issuer (per provider, or per listed tenant) and picks the one whose issuer equals `iss`.
import type { ProviderConfig } from '../config/load-config';
import { TokenRejectedError } from '../errors';
import type { KeyStore } from '../keys/key-store';
import { createKeyStores } from './key-stores';
import { describeProvider, expandProvider } from './registry';
import type { TokenVerifier, VerifierDeps, VerifySettings } from './verifier';
import { createVerifier } from './verify-core';

export interface VerifierSelector {
  /** One per accepted issuer: a multi-tenant provider contributes one per listed tenant, all under its name. */
  readonly verifiers: readonly TokenVerifier[];
  /** The verifier for an (unverified) issuer; an unknown or non-string issuer is rejected. */
  select(issuer: unknown): TokenVerifier;
}

export function createVerifiers(
  providers: readonly ProviderConfig[],
  settings: VerifySettings,
  deps: VerifierDeps,
): VerifierSelector {
  const storeFor = createKeyStores(settings, deps);
  const warmed = new Set<KeyStore>();
  const verifiers = providers.flatMap(expandProvider).map((provider) => {
    const { keySource, checks } = describeProvider(provider);
    const store = storeFor(keySource);
    const verifier = createVerifier({ provider, store, checks }, settings, deps);
    // A shared source (one JWKS for every tenant) is loaded once by single flight; only its first verifier
    // reports a prewarm failure, so one outage is one log line, not one per tenant.
    if (warmed.has(store)) return { ...verifier, warm: () => verifier.warm().then(() => undefined) };
    warmed.add(store);
    return verifier;
  });
  // Exact-match map over the precomputed issuers: no prefix matching, no normalisation, no template matching. A
  // token can only pick among configured issuers, so an unlisted tenant's `iss` is unknown and nothing is fetched.
  const byIssuer = new Map(verifiers.map((v) => [v.issuer, v]));
  return {
    verifiers,
    select(issuer) {
      const verifier = typeof issuer === 'string' ? byIssuer.get(issuer) : undefined;
      if (!verifier) throw new TokenRejectedError('unknown_issuer');
      return verifier;
    },
  };
}
