// Builds one verifier per configured provider and picks the one whose issuer equals the token's `iss` exactly.
import type { AuthConfig } from '../config/load-config';
import { TokenRejectedError } from '../errors';
import { createCognitoVerifier } from './cognito-verifier';
import { createOidcVerifier } from './oidc-verifier';
import type { TokenVerifier, VerifierDeps } from './verifier';

export interface VerifierSelector {
  readonly verifiers: readonly TokenVerifier[];
  /** The verifier for an (unverified) issuer; an unknown or non-string issuer is rejected. */
  select(issuer: unknown): TokenVerifier;
}

export function createVerifiers(config: AuthConfig, deps: VerifierDeps): VerifierSelector {
  const settings = {
    clockToleranceSeconds: config.clockToleranceSeconds,
    jwks: config.jwks,
    transport: config.transport,
    ...(config.maxTokenAgeSeconds !== undefined ? { maxTokenAgeSeconds: config.maxTokenAgeSeconds } : {}),
  };
  const verifiers = config.providers.map((p) =>
    p.type === 'cognito' ? createCognitoVerifier(p, settings, deps) : createOidcVerifier(p, settings, deps),
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
