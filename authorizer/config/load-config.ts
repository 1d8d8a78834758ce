// Reads AUTH_CONFIG once, validates it with zod and resolves derived values; any problem stops startup naming the key.
import type * as z from 'zod/mini';
import { ConfigError } from '../errors';
import { expandProvider, resolveProvider, type ProviderConfig } from '../verifiers/registry';
import { checkTransport } from './check-transport';
import { formatIssuePath } from './format-issue-path';
import { authConfigSchema, type JwksSettings, type ParsedAuthConfig, type RouteConfig } from './schema';
import { readTransportPolicy, type TransportPolicy } from './transport';

export type { ProviderConfig };
export type AuthConfig = Omit<ParsedAuthConfig, 'providers'> & {
  providers: ProviderConfig[];
  /** Not part of the JSON document: set by the deployment (the environment), so a document cannot opt itself in. */
  transport: TransportPolicy;
};

export interface ParseConfigOptions {
  /** Accept plain http to 127.0.0.1, localhost or [::1]; false (fail closed) unless given. */
  allowInsecureLoopback?: boolean;
}

/**
 * Parses and validates the AUTH_CONFIG variable of `env`. Throws ConfigError naming the first bad key.
 * AUTH_ALLOW_INSECURE_LOOPBACK is read here and only here, once, and travels in the result as `transport`.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): AuthConfig {
  const raw = env.AUTH_CONFIG;
  if (raw === undefined || raw.trim() === '') {
    throw new ConfigError('', 'the environment variable AUTH_CONFIG is not set');
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (err) {
    throw new ConfigError('', `is not valid JSON (${(err as Error).message})`);
  }
  return parseConfig(json, readTransportPolicy(env));
}

/** Validates an already-parsed configuration document; loopback http only with `allowInsecureLoopback: true`. */
export function parseConfig(json: unknown, options: ParseConfigOptions = {}): AuthConfig {
  const result = authConfigSchema.safeParse(json);
  if (!result.success) throw toConfigError(result.error.issues);
  const transport: TransportPolicy = { allowInsecureLoopback: options.allowInsecureLoopback === true };
  checkTransport(result.data.providers, transport);
  const providers = result.data.providers.map((p, i) => resolveProvider(p, i));
  const config = { ...result.data, providers, transport };
  checkUniqueProviders(config.providers);
  checkUniqueRoutes(config.routes);
  checkStaleBound(config.jwks);
  return config;
}

function toConfigError(issues: ReadonlyArray<z.core.$ZodIssue>): ConfigError {
  const described = issues.map((issue) => {
    const path = [...issue.path];
    // For an unknown key the useful path is the key itself, not the object that holds it.
    if (issue.code === 'unrecognized_keys') {
      return { path: formatIssuePath([...path, issue.keys[0] ?? '?']), problem: 'is not a known key' };
    }
    return { path: formatIssuePath(path), problem: issue.message };
  });
  const [first, ...rest] = described;
  const more = rest.map((d) => `${d.path}: ${d.problem}`).join('; ');
  return new ConfigError(first?.path ?? '', more ? `${first?.problem} (also ${more})` : (first?.problem ?? 'invalid'));
}

function checkUniqueProviders(providers: ProviderConfig[]): void {
  const names = new Map<string, number>();
  const issuers = new Map<string, number>();
  providers.forEach((p, i) => {
    const sameName = names.get(p.name);
    if (sameName !== undefined) throw new ConfigError(`providers[${i}].name`, `duplicates providers[${sameName}].name`);
    names.set(p.name, i);
    // Issuer selection is an exact lookup, so two providers with one issuer would be ambiguous. A multi-tenant
    // provider accepts each listed tenant's issuer, and none of them may be another provider's.
    for (const { issuer } of expandProvider(p)) {
      const sameIssuer = issuers.get(issuer);
      if (sameIssuer !== undefined) {
        throw new ConfigError(
          `providers[${i}].issuer`,
          `duplicates the issuer of providers[${sameIssuer}] (${issuer})`,
        );
      }
      issuers.set(issuer, i);
    }
  });
}

// Known keys are dropped once no load has succeeded for maxStaleSeconds. A bound below maxAgeSeconds would drop
// them before the background refresh ever ran, and one below cooldownSeconds before a refetch is allowed: good
// tokens would then fail for no reason other than the configuration.
function checkStaleBound(jwks: JwksSettings): void {
  if (jwks.maxStaleSeconds < jwks.maxAgeSeconds) {
    throw new ConfigError('jwks.maxStaleSeconds', `must be at least jwks.maxAgeSeconds (${jwks.maxAgeSeconds})`);
  }
  if (jwks.maxStaleSeconds < jwks.cooldownSeconds) {
    throw new ConfigError('jwks.maxStaleSeconds', `must be at least jwks.cooldownSeconds (${jwks.cooldownSeconds})`);
  }
}

function checkUniqueRoutes(routes: RouteConfig[]): void {
  const seen = new Map<string, number>();
  routes.forEach((r, i) => {
    // /a/{x} and /a/{y} are the same API Gateway resource, so compare with parameter names erased.
    const key = `${r.method} ${r.path.replace(/\{[^}]+?(\+?)\}/g, '{$1}')}`;
    const before = seen.get(key);
    if (before !== undefined)
      throw new ConfigError(`routes[${i}]`, `duplicates routes[${before}] (${r.method} ${r.path})`);
    seen.set(key, i);
  });
}
