// The zod schema of AUTH_CONFIG: every key, its default, and the checks that cannot be skipped by omission.
// zod/mini, not classic zod: the same validation at ~20 KB instead of ~450 KB in the authorizer's bundle.
import * as z from 'zod/mini';
import { DEFAULT_CLOCK_TOLERANCE_SECONDS } from '../../shared/config/clock-tolerance';
import { PERMISSION_PATTERN, PERMISSION_RULE } from '../../shared/permission';
import { authorizedRoutes, HTTP_METHODS } from '../../shared/route-manifest';
import { createProviderSchema } from '../verifiers/registry';
import { classifyTransportUrl, INSECURE_LOOPBACK_ENV } from './transport';

/** Asymmetric algorithms only: `none` and HS* can never be configured (algorithm-confusion attacks). */
export const ASYMMETRIC_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384'] as const;
export { HTTP_METHODS };

const nonEmpty = z.string().check(z.trim(), z.minLength(1, { error: 'must be a non-empty string' }));
// The schema admits loopback http so the document's shape does not depend on the environment; parseConfig then
// refuses it unless the transport policy opts in (config/check-transport.ts).
const trustedUrl = z.string().check(
  z.refine((value) => classifyTransportUrl(value) !== 'untrusted', {
    error: `must be https (http only to 127.0.0.1, localhost or [::1], and only with ${INSECURE_LOOPBACK_ENV}=true)`,
  }),
);
const algorithms = z._default(
  z
    .array(
      z.enum(ASYMMETRIC_ALGORITHMS, {
        error: `must be one of ${ASYMMETRIC_ALGORITHMS.join(', ')} (none and HS* are never accepted)`,
      }),
    )
    .check(z.minLength(1, { error: 'must list at least one algorithm' })),
  ['RS256'],
);
// A claim path such as "scope", "cognito:groups" or "realm_access.roles".
const claimPath = z
  .string()
  .check(z.regex(/^[A-Za-z0-9_:\-/]+(\.[A-Za-z0-9_:\-/]+)*$/, { error: 'must be a claim name or dotted path' }));
// The one permission rule (shared/permission.ts): a string with `"` or `\` could never be granted, so it is refused here.
const permission = z.string().check(z.regex(PERMISSION_PATTERN, { error: PERMISSION_RULE }));
const int = (min: number, max: number) => z.int().check(z.gte(min), z.lte(max));

/** What every provider kind's block is built from, so URLs, algorithms, claim paths and permissions are checked alike. */
const SCHEMA_PARTS = { nonEmpty, trustedUrl, algorithms, claimPath, permission };
export type SchemaParts = typeof SCHEMA_PARTS;

// Each provider kind declares its own block (verifiers/cognito-kind.ts, ...); the union is derived from the registry.
const provider = createProviderSchema(SCHEMA_PARTS);

const routePath = z.string().check(
  z.regex(/^\/$|^(\/([A-Za-z0-9._~-]+|\{[A-Za-z_][A-Za-z0-9_]*\}))*(\/\{[A-Za-z_][A-Za-z0-9_]*\+\})?$/, {
    error: 'must be a resource path such as /comments/{id} (a greedy {name+} only as the last segment)',
  }),
  z.minLength(1, { error: 'must be a resource path such as /comments/{id}' }),
);

// `permissions` is the product's word; `scopes`, its name before, is still accepted (exactly one of the two).
const route = z.pipe(
  z
    .strictObject({
      method: z.enum(HTTP_METHODS, { error: `must be one of ${HTTP_METHODS.join(', ')}` }),
      path: routePath,
      permissions: z.optional(z.array(permission)),
      scopes: z.optional(z.array(permission)),
    })
    .check(
      z.refine((r) => (r.permissions === undefined) !== (r.scopes === undefined), {
        error: 'must be given exactly once: `permissions` (or its older name `scopes`), [] for any valid token',
        path: ['permissions'],
      }),
    ),
  z.transform(({ method, path, permissions, scopes }) => ({ method, path, permissions: permissions ?? scopes ?? [] })),
);

const jwksSettings = z.prefault(
  z.strictObject({
    timeoutMs: z._default(int(100, 30_000), 3_000),
    cooldownSeconds: z._default(z.number().check(z.gte(0), z.lte(3_600)), 10),
    maxAgeSeconds: z._default(int(60, 86_400), 600),
    /** How long known keys outlive a failing JWKS endpoint (counted from the last successful load); >= maxAgeSeconds. */
    maxStaleSeconds: z._default(int(60, 604_800), 86_400),
  }),
  {},
);

export const authConfigSchema = z.strictObject({
  providers: z.array(provider).check(z.minLength(1, { error: 'must list at least one identity provider' })),
  clockToleranceSeconds: z._default(int(0, 300), DEFAULT_CLOCK_TOLERANCE_SECONDS),
  maxTokenAgeSeconds: z.optional(z.int().check(z.positive())),
  contextClaims: z._default(z.array(claimPath), []),
  contextMaxBytes: z._default(int(512, 8_192), 4_096),
  /** Verified tokens remembered in memory per warm Lambda (0 turns the cache off). */
  tokenCacheSize: z._default(int(0, 100_000), 1_000),
  jwks: jwksSettings,
  /** Optional: without it, the routes this stack deploys (shared/route-manifest.ts). */
  routes: z._default(
    z.array(route).check(z.minLength(1, { error: 'must list at least one route (unlisted routes are always denied)' })),
    authorizedRoutes,
  ),
});

export type AuthConfigInput = z.input<typeof authConfigSchema>;
export type ParsedAuthConfig = z.output<typeof authConfigSchema>;
export type RouteConfig = z.output<typeof route>;
export type JwksSettings = z.output<typeof jwksSettings>;
