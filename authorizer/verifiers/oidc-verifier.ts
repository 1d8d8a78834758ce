// Verifier for any OIDC/OAuth 2.0 provider (Auth0, Okta, Keycloak, Entra ID, oidc-provider): exact iss, aud overlap.
import type { OidcProvider } from '../config/load-config';
import { TokenRejectedError } from '../errors';
import type { DecodedToken, JwtHeader, JwtPayload } from '../jwt/decode-token';
import { andThen, type MaybePromise } from '../maybe-promise';
import { createJwksLoader } from '../keys/jwks-loader';
import type { KeyLoader } from '../keys/key-store';
import { createJwksUriResolver } from '../keys/oidc-discovery';
import { extractPermissions, type PermissionSources } from '../permissions';
import { audienceMatches } from './check-claims';
import { checkTokenUse } from './token-type';
import { createCommonChecks } from './verify-common';
import type { TokenVerifier, VerifiedToken, VerifierDeps, VerifierSettings } from './verifier';

export function createOidcVerifier(provider: OidcProvider, settings: VerifierSettings, deps: VerifierDeps): TokenVerifier {
  const common = createCommonChecks(
    {
      issuer: provider.issuer,
      algorithms: provider.algorithms,
      source: provider.jwksUri ?? provider.issuer,
      load: createLoader(provider, settings, deps),
    },
    settings,
    deps,
  );
  const audiences = new Set(provider.audiences);
  const sources: PermissionSources = { claims: provider.permissionClaims };

  function verify(token: DecodedToken): MaybePromise<VerifiedToken> {
    return andThen(common.verify(token), ({ payload, subject }) => finish(token.header, payload, subject));
  }

  function finish(header: JwtHeader, payload: JwtPayload, subject: string): VerifiedToken {
    // RFC 7519 §4.1.3: reject unless aud names us. Keycloak's default `account` audience is accepted only if configured.
    if (!audienceMatches(payload.aud, audiences)) throw new TokenRejectedError('audience');
    checkTokenUse(provider.tokenUse, header, payload);
    const clientId = firstString(payload.azp, payload.client_id, payload.cid, payload.appid);
    return {
      provider: provider.name,
      issuer: provider.issuer,
      subject,
      ...(clientId !== undefined ? { clientId } : {}),
      tokenUse: provider.tokenUse,
      // Whole seconds: RFC 7519 allows a fractional NumericDate, the context carries integers.
      expiresAt: Math.floor(payload.exp as number),
      permissions: extractPermissions(payload, sources),
      payload,
    };
  }

  return { name: provider.name, issuer: provider.issuer, verify, warm: common.warm };
}

// Without a configured jwksUri the JWKS location comes from discovery, fetched until it succeeds once.
function createLoader(provider: OidcProvider, settings: VerifierSettings, deps: VerifierDeps): KeyLoader {
  if (provider.jwksUri) return createJwksLoader(provider.jwksUri, deps.fetchJson);
  const resolveJwksUri = createJwksUriResolver(provider.issuer, deps.fetchJson, settings.transport);
  let loader: KeyLoader | undefined;
  return async () => {
    loader ??= createJwksLoader(await resolveJwksUri(), deps.fetchJson);
    return loader();
  };
}

// The client id claim differs by provider: azp (OIDC core), client_id (RFC 9068), cid (Okta), appid (Entra v1).
function firstString(...values: unknown[]): string | undefined {
  return values.find((v): v is string => typeof v === 'string' && v !== '');
}
