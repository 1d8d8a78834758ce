// Finds an OIDC provider's jwks_uri from its discovery document (OpenID Connect Discovery 1.0 §4), once.
import {
  classifyTransportUrl,
  INSECURE_LOOPBACK_HINT,
  isTrustedTransportUrl,
  STRICT_TRANSPORT,
  type TransportPolicy,
} from '../config/transport';
import { DiscoveryError } from '../errors';
import type { FetchJson } from './fetch-json';

/** The discovery URL: the issuer with any trailing slash removed, plus /.well-known/openid-configuration (§4.1). */
export function discoveryUrl(issuer: string): string {
  return `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
}

/**
 * Returns a function that resolves the jwks_uri, fetching discovery until one fetch succeeds. The discovered URL
 * obeys the same transport policy as configured ones (AuthConfig.transport); without it, loopback http is refused.
 */
export function createJwksUriResolver(
  issuer: string,
  fetchJson: FetchJson,
  transport: TransportPolicy = STRICT_TRANSPORT,
): () => Promise<string> {
  let resolved: string | undefined;
  return async () => {
    if (resolved) return resolved;
    const doc = (await fetchJson(discoveryUrl(issuer))) as { issuer?: unknown; jwks_uri?: unknown } | null;
    // §4.3: the issuer in the document must be identical to the one the discovery was made for.
    if (doc?.issuer !== issuer)
      throw new DiscoveryError(issuer, 'document issuer does not match the configured issuer');
    if (typeof doc.jwks_uri !== 'string') throw new DiscoveryError(issuer, 'jwks_uri is missing or not https');
    if (!isTrustedTransportUrl(doc.jwks_uri, transport)) {
      // A discovery document must not reach what the configuration could not: e.g. Lambda's Runtime API on 127.0.0.1.
      const loopback = classifyTransportUrl(doc.jwks_uri) === 'loopback_http';
      throw new DiscoveryError(
        issuer,
        loopback ? `jwks_uri ${INSECURE_LOOPBACK_HINT}` : 'jwks_uri is missing or not https',
      );
    }
    resolved = doc.jwks_uri;
    return resolved;
  };
}
