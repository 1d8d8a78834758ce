// Multi-tenant OIDC issuers: the `{tenant}` template, its listed tenant ids, one issuer and key source per tenant.
import { classifyTransportUrl } from '../config/transport';
import { ConfigError, TokenRejectedError } from '../errors';
import type { JwtPayload } from '../jwt/decode-token';

export const TENANT_PLACEHOLDER = '{tenant}';

/**
 * What a tenant id may be: no `/ ? # @ : %`, so substituting it can never change a URL's structure (add a path
 * segment, a query, a host or credentials), and not "." or "..", which URL parsers resolve as dot segments
 * (RFC 3986 §5.2.4) and would turn `/{tenant}/v2.0` into another path.
 */
export const TENANT_ID_PATTERN = /^(?!\.\.?$)[A-Za-z0-9._-]{1,64}$/;
export const TENANT_ID_RULE = 'must be a tenant id: 1 to 64 letters, digits, ".", "_" or "-" (not "." or "..")';

/** One listed tenant, its URLs substituted once, at config time: the only URLs ever fetched for it. */
export interface OidcTenant {
  readonly id: string;
  /** The issuer template with this id substituted: a token's `iss` must equal it exactly. */
  readonly issuer: string;
  /** The jwksUri (template) with this id substituted; absent when the keys come from this issuer's discovery. */
  readonly jwksUri?: string;
}

/** The keys of an oidc block that tenancy reads. */
export interface TenantTemplate {
  readonly issuer: string;
  readonly jwksUri?: string | undefined;
  readonly tenants?: readonly string[] | undefined;
}

/**
 * Checks where `{tenant}` appears and the `tenants` that must go with it, and substitutes every listed id.
 * Returns undefined for a single-issuer provider (no `{tenant}`). A ConfigError names `providers[index].<key>`.
 */
export function resolveTenants(block: TenantTemplate, index: number): OidcTenant[] | undefined {
  const at = (key: string) => `providers[${index}].${key}`;
  const inIssuer = placeholdersIn(block.issuer, at('issuer'));
  const inJwks = block.jwksUri === undefined ? false : placeholdersIn(block.jwksUri, at('jwksUri'));
  if (!inIssuer) {
    if (block.tenants !== undefined) {
      throw new ConfigError(at('tenants'), `applies only to an issuer containing ${TENANT_PLACEHOLDER}`);
    }
    // A per-tenant key source without a per-tenant issuer would let any tenant's key verify the one issuer.
    if (inJwks) throw new ConfigError(at('jwksUri'), `may contain ${TENANT_PLACEHOLDER} only when issuer does`);
    return undefined;
  }
  if (block.tenants === undefined) {
    throw new ConfigError(at('tenants'), `is required when issuer contains ${TENANT_PLACEHOLDER}: list the tenant ids`);
  }
  const seen = new Map<string, number>();
  return block.tenants.map((id, j) => {
    const before = seen.get(id);
    if (before !== undefined) throw new ConfigError(at(`tenants[${j}]`), `duplicates tenants[${before}] (${id})`);
    seen.set(id, j);
    const path = at(`tenants[${j}]`);
    const issuer = substitute(block.issuer, id, path);
    // A jwksUri without the placeholder is one key source shared by every tenant (Entra ID's common keys).
    return block.jwksUri === undefined ? { id, issuer } : { id, issuer, jwksUri: substitute(block.jwksUri, id, path) };
  });
}

/** A listed tenant's token: its `tid` (Entra ID), when it carries one, must name the tenant its `iss` named. */
export function checkTenantClaim(payload: JwtPayload, tenant: string): void {
  // iss already equals this tenant's issuer; a token whose tid disagrees is inconsistent, so it is refused.
  if (payload.tid !== undefined && payload.tid !== tenant) throw new TokenRejectedError('tenant_mismatch');
}

// True when `url` holds the placeholder (once at most); any other brace is refused, so a typo such as `{tennant}`
// or `{Tenant}` stops startup instead of becoming a literal issuer no token carries.
function placeholdersIn(url: string, path: string): boolean {
  const parts = url.split(TENANT_PLACEHOLDER);
  if (parts.length > 2) throw new ConfigError(path, `may contain ${TENANT_PLACEHOLDER} at most once`);
  if (/[{}]/.test(parts.join(''))) throw new ConfigError(path, `may contain no brace other than ${TENANT_PLACEHOLDER}`);
  return parts.length === 2;
}

// split/join, not String.replace: a replacement string would interpret `$` patterns. The id's characters keep the
// URL's structure; the kind of URL (https, loopback http) must also stay that of the template the transport rule
// judged, or the id made it unparsable (e.g. an out-of-range IPv4 address in a `https://{tenant}/` host).
function substitute(template: string, id: string, path: string): string {
  const url = template.split(TENANT_PLACEHOLDER).join(id);
  if (classifyTransportUrl(url) !== classifyTransportUrl(template)) {
    throw new ConfigError(path, `makes ${template} an invalid URL (${url})`);
  }
  return url;
}
