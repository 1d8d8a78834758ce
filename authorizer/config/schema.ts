// The zod schema of AUTH_CONFIG: every key, its default, and the checks that cannot be skipped by omission.
import { z } from 'zod';
import { isTrustedTransportUrl } from './transport';

/** Asymmetric algorithms only: `none` and HS* can never be configured (algorithm-confusion attacks). */
export const ASYMMETRIC_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384'] as const;
export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'ANY'] as const;

const nonEmpty = z.string().trim().min(1, { error: 'must be a non-empty string' });
const trustedUrl = z.string().refine(isTrustedTransportUrl, {
  error: 'must be https (http is allowed only for 127.0.0.1, localhost or [::1])',
});
const algorithms = z
  .array(
    z.enum(ASYMMETRIC_ALGORITHMS, {
      error: `must be one of ${ASYMMETRIC_ALGORITHMS.join(', ')} (none and HS* are never accepted)`,
    }),
  )
  .min(1, { error: 'must list at least one algorithm' })
  .default(['RS256']);
// A claim path such as "scope", "cognito:groups" or "realm_access.roles".
const claimPath = z.string().regex(/^[A-Za-z0-9_:\-/]+(\.[A-Za-z0-9_:\-/]+)*$/, { error: 'must be a claim name or dotted path' });
const permission = z.string().regex(/^[\x21-\x7e]+$/, { error: 'must be printable ASCII without spaces' });

const cognitoProvider = z.strictObject({
  name: nonEmpty,
  type: z.literal('cognito'),
  region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, { error: 'must be an AWS region such as eu-west-1' }),
  userPoolId: z.string().regex(/^[\w-]+_[0-9A-Za-z]+$/, { error: 'must be a user pool id such as eu-west-1_AbC123' }),
  clientIds: z.array(nonEmpty).min(1, { error: 'must list at least one app client id' }),
  tokenUse: z.enum(['access', 'id'], { error: 'must be "access" or "id"' }),
  /** Only for Cognito-compatible emulators (cognito-local); AWS pools derive it from region and pool id. */
  issuer: trustedUrl.optional(),
  jwksUri: trustedUrl.optional(),
  algorithms,
  groupPermissions: z.record(nonEmpty, z.array(permission)).default({}),
  permissionClaims: z.array(claimPath).default(['scope']),
});

const oidcProvider = z.strictObject({
  name: nonEmpty,
  type: z.literal('oidc'),
  issuer: trustedUrl,
  audiences: z.array(nonEmpty).min(1, { error: 'must list at least one audience (an OIDC provider without one is refused)' }),
  jwksUri: trustedUrl.optional(),
  algorithms,
  permissionClaims: z.array(claimPath).default(['scope', 'scp']),
});

const provider = z.discriminatedUnion('type', [cognitoProvider, oidcProvider], {
  error: 'type must be "cognito" or "oidc"',
});

const routePath = z
  .string()
  .regex(/^\/$|^(\/([A-Za-z0-9._~-]+|\{[A-Za-z_][A-Za-z0-9_]*\}))*(\/\{[A-Za-z_][A-Za-z0-9_]*\+\})?$/, {
    error: 'must be a resource path such as /comments/{id} (a greedy {name+} only as the last segment)',
  })
  .refine((p) => p !== '', { error: 'must be a resource path such as /comments/{id}' });

const route = z.strictObject({
  method: z.enum(HTTP_METHODS, { error: `must be one of ${HTTP_METHODS.join(', ')}` }),
  path: routePath,
  scopes: z.array(permission),
});

const jwksSettings = z
  .strictObject({
    timeoutMs: z.number().int().min(100).max(30_000).default(3_000),
    cooldownSeconds: z.number().min(0).max(3_600).default(10),
    maxAgeSeconds: z.number().int().min(60).max(86_400).default(600),
  })
  .prefault({});

export const authConfigSchema = z.strictObject({
  providers: z.array(provider).min(1, { error: 'must list at least one identity provider' }),
  clockToleranceSeconds: z.number().int().min(0).max(300).default(5),
  maxTokenAgeSeconds: z.number().int().positive().optional(),
  contextClaims: z.array(claimPath).default([]),
  contextMaxBytes: z.number().int().min(512).max(8_192).default(4_096),
  jwks: jwksSettings,
  routes: z.array(route).min(1, { error: 'must list at least one route (unlisted routes are always denied)' }),
});

export type AuthConfigInput = z.input<typeof authConfigSchema>;
export type ParsedAuthConfig = z.output<typeof authConfigSchema>;
export type CognitoProviderConfig = z.output<typeof cognitoProvider>;
export type OidcProviderConfig = z.output<typeof oidcProvider>;
export type RouteConfig = z.output<typeof route>;
export type JwksSettings = z.output<typeof jwksSettings>;
