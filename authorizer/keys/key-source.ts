// Where a provider's keys come from, as data a provider kind declares, and the one loader built from it.
import { STRICT_TRANSPORT, type TransportPolicy } from '../config/transport';
import type { FetchJson } from './fetch-json';
import { createJwksLoader } from './jwks-loader';
import type { KeyLoader } from './key-store';
import { createJwksUriResolver } from './oidc-discovery';

/** A configured JWKS URI, or an issuer whose discovery document names it (OpenID Connect Discovery 1.0). */
export type KeySource = { readonly jwksUri: string } | { readonly discoveryIssuer: string };

/** Names the source in errors and logs: the JWKS URI, or the issuer when the URI is still to be discovered. */
export function nameKeySource(source: KeySource): string {
  return 'jwksUri' in source ? source.jwksUri : source.discoveryIssuer;
}

/** The loader of a source's whole key set; a discovered JWKS URI obeys the same transport policy as configured ones. */
export function createKeyLoader(
  source: KeySource,
  fetchJson: FetchJson,
  transport: TransportPolicy = STRICT_TRANSPORT,
): KeyLoader {
  if ('jwksUri' in source) return createJwksLoader(source.jwksUri, fetchJson);
  // Without a configured jwksUri the JWKS location comes from discovery, fetched until it succeeds once.
  const resolveJwksUri = createJwksUriResolver(source.discoveryIssuer, fetchJson, transport);
  let loader: KeyLoader | undefined;
  return async () => {
    loader ??= createJwksLoader(await resolveJwksUri(), fetchJson);
    return loader();
  };
}
