// A real multi-tenant identity provider's key endpoints on 127.0.0.1, laid out like Entra ID, counting every request.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

type Jwk = Record<string, unknown>;

/**
 * Per tenant: `{origin}/{tenant}/v2.0` is the issuer, its discovery document at
 * `{issuer}/.well-known/openid-configuration` names `{origin}/{tenant}/discovery/v2.0/keys`, which serves the
 * tenant's own keys. `{origin}/common/discovery/v2.0/keys` serves the shared keys (Entra ID's common endpoint).
 * Anything else is a 404, so a fetch for a tenant the server does not know is still counted.
 */
export interface TenantIdpServer {
  origin: string;
  /** The issuer template of the config: `{origin}/{tenant}/v2.0`. */
  issuerTemplate: string;
  /** The per-tenant JWKS URI template: `{origin}/{tenant}/discovery/v2.0/keys`. */
  jwksTemplate: string;
  /** The shared JWKS URI: `{origin}/common/discovery/v2.0/keys`. */
  commonJwksUri: string;
  issuerOf(tenant: string): string;
  jwksUriOf(tenant: string): string;
  setKeys(tenant: string, keys: Jwk[]): void;
  setCommonKeys(keys: Jwk[]): void;
  /** Makes one tenant's (or "common"'s) endpoints answer 503 (true) or serve again (false). */
  setDown(tenant: string, down: boolean): void;
  /** Requests for one exact path. */
  hits(path: string): number;
  /** Requests for any path under `/{tenant}/`. */
  hitsFor(tenant: string): number;
  close(): Promise<void>;
}

export async function startTenantIdpServer(
  tenants: Record<string, Jwk[]>,
  common: Jwk[] = [],
): Promise<TenantIdpServer> {
  const keys = new Map<string, Jwk[]>(Object.entries(tenants));
  keys.set('common', common);
  const down = new Set<string>();
  const counts = new Map<string, number>();
  let origin = '';

  const answer = (path: string): { status: number; json: unknown } => {
    const match = /^\/([^/]+)\/(v2\.0\/\.well-known\/openid-configuration|discovery\/v2\.0\/keys)$/.exec(path);
    const tenant = match?.[1];
    const tenantKeys = tenant === undefined ? undefined : keys.get(tenant);
    if (!match || tenant === undefined || !tenantKeys) return { status: 404, json: { message: 'not found' } };
    if (down.has(tenant)) return { status: 503, json: { message: 'unavailable' } };
    if (match[2] === 'discovery/v2.0/keys') return { status: 200, json: { keys: tenantKeys } };
    return { status: 200, json: { issuer: `${origin}/${tenant}/v2.0`, jwks_uri: `${origin}${jwksPath(tenant)}` } };
  };

  const server = http.createServer((req, res) => {
    const path = req.url ?? '/';
    counts.set(path, (counts.get(path) ?? 0) + 1);
    const { status, json } = answer(path);
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    issuerTemplate: `${origin}/{tenant}/v2.0`,
    jwksTemplate: `${origin}${jwksPath('{tenant}')}`,
    commonJwksUri: `${origin}${jwksPath('common')}`,
    issuerOf: (tenant) => `${origin}/${tenant}/v2.0`,
    jwksUriOf: (tenant) => `${origin}${jwksPath(tenant)}`,
    setKeys: (tenant, next) => void keys.set(tenant, next),
    setCommonKeys: (next) => void keys.set('common', next),
    setDown: (tenant, isDown) => void (isDown ? down.add(tenant) : down.delete(tenant)),
    hits: (path) => counts.get(path) ?? 0,
    hitsFor: (tenant) => [...counts].reduce((n, [path, c]) => (path.startsWith(`/${tenant}/`) ? n + c : n), 0),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function jwksPath(tenant: string): string {
  return `/${tenant}/discovery/v2.0/keys`;
}
