// The generic OIDC / OAuth 2.0 kind (Auth0, Okta, Keycloak, Entra ID): exact or per-tenant iss, aud overlap, no ID tokens.
import * as z from 'zod/mini';
import type { SchemaParts } from '../config/schema';
import { TokenRejectedError } from '../errors';
import type { JwtHeader, JwtPayload } from '../jwt/decode-token';
import { audienceMatches } from './check-claims';
import { checkTenantClaim, resolveTenants, TENANT_ID_PATTERN, TENANT_ID_RULE, type OidcTenant } from './oidc-tenants';
import type { KindChecks, ProviderKind } from './provider-kind';
import { checkTokenUse } from './token-type';

function createSchema({ nonEmpty, trustedUrl, algorithms, claimPath }: SchemaParts) {
  return z.strictObject({
    name: nonEmpty,
    type: z.literal('oidc'),
    /** May contain `{tenant}` once (a multi-tenant issuer such as Entra ID's); then `tenants` lists who is trusted. */
    issuer: trustedUrl,
    tenants: z.optional(
      z
        .array(z.string().check(z.regex(TENANT_ID_PATTERN, { error: TENANT_ID_RULE })))
        .check(z.minLength(1, { error: 'must list at least one tenant id' })),
    ),
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

export type OidcProviderConfig = z.output<ReturnType<typeof createSchema>>;
export type OidcProvider = Omit<OidcProviderConfig, 'tenants'> & {
  /** A multi-tenant provider's listed tenants, URLs substituted; its `issuer` is then the template, never matched. */
  readonly tenants?: readonly OidcTenant[];
  /** Only on the per-tenant providers `expand` yields: the one listed tenant each accepts. */
  readonly tenant?: string;
};

// Every tenant's issuer and key source is computed here, once: later, a token can only select among them.
function resolve(parsed: OidcProviderConfig, index: number): OidcProvider {
  const { tenants: _ids, ...single } = parsed;
  const tenants = resolveTenants(parsed, index);
  return tenants ? { ...single, tenants } : single;
}

// One provider per listed tenant, each with its own exact issuer and its own key source (or the shared one).
function expand(provider: OidcProvider): readonly OidcProvider[] {
  const { tenants, ...single } = provider;
  if (!tenants) return [provider];
  return tenants.map(({ id, issuer, jwksUri }) => ({ ...single, issuer, tenant: id, ...(jwksUri ? { jwksUri } : {}) }));
}

// A configured jwksUri, else the one the issuer's discovery document names (OpenID Connect Discovery 1.0 §4).
function keySource(provider: OidcProvider) {
  // Fail closed: a template's URLs hold `{tenant}` and must never be fetched; only its expansion has key sources.
  if (provider.tenants) throw new TypeError(`provider ${provider.name} is multi-tenant: expand it first`);
  return provider.jwksUri ? { jwksUri: provider.jwksUri } : { discoveryIssuer: provider.issuer };
}

function createChecks(provider: OidcProvider): KindChecks {
  const audiences = new Set(provider.audiences);
  const { tenant } = provider;
  return {
    tokenUse: provider.tokenUse,
    permissions: { claims: provider.permissionClaims },
    check: (header, payload) => {
      if (tenant !== undefined) checkTenantClaim(payload, tenant);
      return checkOidcClaims(header, payload, provider, audiences);
    },
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
  // The issuer is configured exactly (or as a template with its tenants), the JWKS URI configured or discovered.
  resolve,
  expand,
  keySource,
  createChecks,
} as const satisfies ProviderKind<OidcProviderConfig, OidcProvider>;
