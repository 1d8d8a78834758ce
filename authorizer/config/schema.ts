// The zod schema of AUTH_CONFIG: every key, its default, and the checks that cannot be skipped by omission.
// zod/mini, not classic zod: the same validation at ~20 KB instead of ~450 KB in the authorizer's bundle.
import * as z from 'zod/mini';
import { classifyTransportUrl, INSECURE_LOOPBACK_ENV } from './transport';

/** Asymmetric algorithms only: `none` and HS* can never be configured (algorithm-confusion attacks). */
export const ASYMMETRIC_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384'] as const;
export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'ANY'] as const;

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
const claimPath = z.string().check(z.regex(/^[A-Za-z0-9_:\-/]+(\.[A-Za-z0-9_:\-/]+)*$/, { error: 'must be a claim name or dotted path' }));
const permission = z.string().check(z.regex(/^[\x21-\x7e]+$/, { error: 'must be printable ASCII without spaces' }));
const int = (min: number, max: number) => z.int().check(z.gte(min), z.lte(max));

const cognitoProvider = z.strictObject({
  name: nonEmpty,
  type: z.literal('cognito'),
  region: z.string().check(z.regex(/^[a-z]{2}(-[a-z]+)+-\d$/, { error: 'must be an AWS region such as eu-west-1' })),
  userPoolId: z.string().check(z.regex(/^[\w-]+_[0-9A-Za-z]+$/, { error: 'must be a user pool id such as eu-west-1_AbC123' })),
  clientIds: z.array(nonEmpty).check(z.minLength(1, { error: 'must list at least one app client id' })),
  tokenUse: z.enum(['access', 'id'], { error: 'must be "access" or "id"' }),
  /** Only for Cognito-compatible emulators (cognito-local); AWS pools derive it from region and pool id. */
  issuer: z.optional(trustedUrl),
  jwksUri: z.optional(trustedUrl),
  algorithms,
  groupPermissions: z._default(z.record(nonEmpty, z.array(permission)), {}),
  permissionClaims: z._default(z.array(claimPath), ['scope']),
});

const oidcProvider = z.strictObject({
  name: nonEmpty,
  type: z.literal('oidc'),
  issuer: trustedUrl,
  audiences: z.array(nonEmpty).check(z.minLength(1, { error: 'must list at least one audience (an OIDC provider without one is refused)' })),
  jwksUri: z.optional(trustedUrl),
  algorithms,
  permissionClaims: z._default(z.array(claimPath), ['scope', 'scp']),
  /** "access" (default) refuses evident ID tokens; "id" is the explicit opt-in for APIs that take ID tokens. */
  tokenUse: z._default(z.enum(['access', 'id'], { error: 'must be "access" or "id"' }), 'access'),
});

const provider = z.discriminatedUnion('type', [cognitoProvider, oidcProvider], { error: 'type must be "cognito" or "oidc"' });

const routePath = z.string().check(
  z.regex(/^\/$|^(\/([A-Za-z0-9._~-]+|\{[A-Za-z_][A-Za-z0-9_]*\}))*(\/\{[A-Za-z_][A-Za-z0-9_]*\+\})?$/, {
    error: 'must be a resource path such as /comments/{id} (a greedy {name+} only as the last segment)',
  }),
  z.minLength(1, { error: 'must be a resource path such as /comments/{id}' }),
);

const route = z.strictObject({
  method: z.enum(HTTP_METHODS, { error: `must be one of ${HTTP_METHODS.join(', ')}` }),
  path: routePath,
  scopes: z.array(permission),
});

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
  clockToleranceSeconds: z._default(int(0, 300), 5),
  maxTokenAgeSeconds: z.optional(z.int().check(z.positive())),
  contextClaims: z._default(z.array(claimPath), []),
  contextMaxBytes: z._default(int(512, 8_192), 4_096),
  /** Verified tokens remembered in memory per warm Lambda (0 turns the cache off). */
  tokenCacheSize: z._default(int(0, 100_000), 1_000),
  jwks: jwksSettings,
  routes: z.array(route).check(z.minLength(1, { error: 'must list at least one route (unlisted routes are always denied)' })),
});

export type AuthConfigInput = z.input<typeof authConfigSchema>;
export type ParsedAuthConfig = z.output<typeof authConfigSchema>;
export type CognitoProviderConfig = z.output<typeof cognitoProvider>;
export type OidcProviderConfig = z.output<typeof oidcProvider>;
export type RouteConfig = z.output<typeof route>;
export type JwksSettings = z.output<typeof jwksSettings>;
