// The generic OIDC / OAuth 2.0 kind (Auth0, Okta, Keycloak, Entra ID, oidc-provider): exact iss, aud overlap, no ID tokens.
import * as z from 'zod/mini';
import type { SchemaParts } from '../config/schema';
import { TokenRejectedError } from '../errors';
import type { JwtHeader, JwtPayload } from '../jwt/decode-token';
import { audienceMatches } from './check-claims';
import type { KindChecks, ProviderKind } from './provider-kind';
import { checkTokenUse } from './token-type';

function createSchema({ nonEmpty, trustedUrl, algorithms, claimPath }: SchemaParts) {
  return z.strictObject({
    name: nonEmpty,
    type: z.literal('oidc'),
    issuer: trustedUrl,
    audiences: z
      .array(nonEmpty)
      .check(z.minLength(1, { error: 'must list at least one audience (an OIDC provider without one is refused)' })),
    jwksUri: z.optional(trustedUrl),
    algorithms,
    permissionClaims: z._default(z.array(claimPath), ['scope', 'scp']),
    /** "access" (default) refuses evident ID tokens; "id" is the explicit opt-in for APIs that take ID tokens. */
    tokenUse: z._default(z.enum(['access', 'id'], { error: 'must be "access" or "id"' }), 'access'),
  });
}

export type OidcProvider = z.output<ReturnType<typeof createSchema>>;

function createChecks(provider: OidcProvider): KindChecks {
  const audiences = new Set(provider.audiences);
  return {
    tokenUse: provider.tokenUse,
    permissions: { claims: provider.permissionClaims },
    check: (header, payload) => checkOidcClaims(header, payload, provider, audiences),
  };
}

/** Returns the client id the token names, if any, or throws. */
function checkOidcClaims(
  header: JwtHeader,
  payload: JwtPayload,
  provider: OidcProvider,
  audiences: ReadonlySet<string>,
) {
  // RFC 7519 §4.1.3: reject unless aud names us. Keycloak's default `account` audience is accepted only if configured.
  if (!audienceMatches(payload.aud, audiences)) throw new TokenRejectedError('audience');
  checkTokenUse(provider.tokenUse, header, payload);
  return firstString(payload.azp, payload.client_id, payload.cid, payload.appid);
}

// The client id claim differs by provider: azp (OIDC core), client_id (RFC 9068), cid (Okta), appid (Entra v1).
function firstString(...values: unknown[]): string | undefined {
  return values.find((v): v is string => typeof v === 'string' && v !== '');
}

export const oidcKind = {
  type: 'oidc',
  schema: createSchema,
  // The issuer is the base of the discovery document.
  urlKeys: ['issuer', 'jwksUri'],
  // Nothing to derive: the issuer is configured exactly, the JWKS URI configured or discovered.
  resolve: (provider) => provider,
  // A configured jwksUri, else the one the issuer's discovery document names (OpenID Connect Discovery 1.0 §4).
  keySource: (provider) => (provider.jwksUri ? { jwksUri: provider.jwksUri } : { discoveryIssuer: provider.issuer }),
  createChecks,
} as const satisfies ProviderKind<OidcProvider, OidcProvider>;
