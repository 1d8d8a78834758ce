// Builds one verifier per configured provider, by its kind, and picks the one whose issuer equals the token's `iss` exactly.
import type { ProviderConfig } from '../config/load-config';
import { TokenRejectedError } from '../errors';
import { describeProvider } from './registry';
import type { TokenVerifier, VerifierDeps, VerifySettings } from './verifier';
import { createVerifier } from './verify-core';

export interface VerifierSelector {
  readonly verifiers: readonly TokenVerifier[];
  /** The verifier for an (unverified) issuer; an unknown or non-string issuer is rejected. */
  select(issuer: unknown): TokenVerifier;
}

export function createVerifiers(
  providers: readonly ProviderConfig[],
  settings: VerifySettings,
  deps: VerifierDeps,
): VerifierSelector {
  const verifiers = providers.map((provider) =>
    createVerifier({ provider, ...describeProvider(provider) }, settings, deps),
  );
  // Exact-match map: no prefix matching, no normalisation; the token can only pick among configured issuers.
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
