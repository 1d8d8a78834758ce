// Finds an OIDC provider's jwks_uri from its discovery document (OpenID Connect Discovery 1.0 §4), once.
import { isTrustedTransportUrl } from '../config/transport';
import type { FetchJson } from './fetch-json';

/** The discovery document disagrees with the configuration; refusing it keeps key sources to what was configured. */
export class DiscoveryError extends Error {
  readonly code = 'discovery_invalid' as const;
  constructor(issuer: string, problem: string) {
    super(`OIDC discovery for ${issuer}: ${problem}`);
    this.name = 'DiscoveryError';
  }
}

/** The discovery URL: the issuer with any trailing slash removed, plus /.well-known/openid-configuration (§4.1). */
export function discoveryUrl(issuer: string): string {
  return `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
}

/** Returns a function that resolves the jwks_uri, fetching discovery until one fetch succeeds. */
export function createJwksUriResolver(issuer: string, fetchJson: FetchJson): () => Promise<string> {
  let resolved: string | undefined;
  return async () => {
    if (resolved) return resolved;
    const doc = (await fetchJson(discoveryUrl(issuer))) as { issuer?: unknown; jwks_uri?: unknown } | null;
    // §4.3: the issuer in the document must be identical to the one the discovery was made for.
    if (doc?.issuer !== issuer) throw new DiscoveryError(issuer, 'document issuer does not match the configured issuer');
    if (typeof doc.jwks_uri !== 'string' || !isTrustedTransportUrl(doc.jwks_uri)) {
      throw new DiscoveryError(issuer, 'jwks_uri is missing or not https');
    }
    resolved = doc.jwks_uri;
    return resolved;
  };
}
