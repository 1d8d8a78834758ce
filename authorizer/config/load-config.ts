// Reads AUTH_CONFIG once, validates it with zod and resolves derived values; any problem stops startup naming the key.
import type * as z from 'zod/mini';
import { ConfigError } from '../errors';
import { formatIssuePath } from './format-issue-path';
import {
  authConfigSchema,
  type CognitoProviderConfig,
  type OidcProviderConfig,
  type ParsedAuthConfig,
  type RouteConfig,
} from './schema';

export type CognitoProvider = CognitoProviderConfig & { issuer: string; jwksUri: string };
export type OidcProvider = OidcProviderConfig;
export type ProviderConfig = CognitoProvider | OidcProvider;
export type AuthConfig = Omit<ParsedAuthConfig, 'providers'> & { providers: ProviderConfig[] };

/** Parses and validates the AUTH_CONFIG variable of `env`. Throws ConfigError naming the first bad key. */
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
  return parseConfig(json);
}

/** Validates an already-parsed configuration document. */
export function parseConfig(json: unknown): AuthConfig {
  const result = authConfigSchema.safeParse(json);
  if (!result.success) throw toConfigError(result.error.issues);
  const config = { ...result.data, providers: result.data.providers.map((p, i) => resolveProvider(p, i)) };
  checkUniqueProviders(config.providers);
  checkUniqueRoutes(config.routes);
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

function resolveProvider(provider: ParsedAuthConfig['providers'][number], index: number): ProviderConfig {
  if (provider.type === 'oidc') return provider;
  const issuer = provider.issuer ?? `https://cognito-idp.${provider.region}.amazonaws.com/${provider.userPoolId}`;
  if (!provider.issuer && !provider.userPoolId.startsWith(`${provider.region}_`)) {
    throw new ConfigError(`providers[${index}].userPoolId`, `${provider.userPoolId} does not belong to region ${provider.region}`);
  }
  return { ...provider, issuer, jwksUri: provider.jwksUri ?? `${issuer}/.well-known/jwks.json` };
}

function checkUniqueProviders(providers: ProviderConfig[]): void {
  const names = new Map<string, number>();
  const issuers = new Map<string, number>();
  providers.forEach((p, i) => {
    const sameName = names.get(p.name);
    if (sameName !== undefined) throw new ConfigError(`providers[${i}].name`, `duplicates providers[${sameName}].name`);
    names.set(p.name, i);
    // Issuer selection is an exact lookup, so two providers with one issuer would be ambiguous.
    const sameIssuer = issuers.get(p.issuer);
    if (sameIssuer !== undefined) {
      throw new ConfigError(`providers[${i}].issuer`, `duplicates the issuer of providers[${sameIssuer}]`);
    }
    issuers.set(p.issuer, i);
  });
}

function checkUniqueRoutes(routes: RouteConfig[]): void {
  const seen = new Map<string, number>();
  routes.forEach((r, i) => {
    // /a/{x} and /a/{y} are the same API Gateway resource, so compare with parameter names erased.
    const key = `${r.method} ${r.path.replace(/\{[^}]+?(\+?)\}/g, '{$1}')}`;
    const before = seen.get(key);
    if (before !== undefined) throw new ConfigError(`routes[${i}]`, `duplicates routes[${before}] (${r.method} ${r.path})`);
    seen.set(key, i);
  });
}
