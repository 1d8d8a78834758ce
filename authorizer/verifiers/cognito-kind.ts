// The Cognito user pool kind: issuer and JWKS derived from region and pool, token_use and client_id (access) or aud (id).
import * as z from 'zod/mini';
import type { SchemaParts } from '../config/schema';
import { ConfigError, TokenRejectedError } from '../errors';
import type { JwtPayload } from '../jwt/decode-token';
import { audienceMatches } from './check-claims';
import type { KindChecks, ProviderKind } from './provider-kind';

function createSchema({ nonEmpty, trustedUrl, algorithms, claimPath, permission }: SchemaParts) {
  return z.strictObject({
    name: nonEmpty,
    type: z.literal('cognito'),
    region: z.string().check(z.regex(/^[a-z]{2}(-[a-z]+)+-\d$/, { error: 'must be an AWS region such as eu-west-1' })),
    userPoolId: z
      .string()
      .check(z.regex(/^[\w-]+_[0-9A-Za-z]+$/, { error: 'must be a user pool id such as eu-west-1_AbC123' })),
    clientIds: z.array(nonEmpty).check(z.minLength(1, { error: 'must list at least one app client id' })),
    tokenUse: z.enum(['access', 'id'], { error: 'must be "access" or "id"' }),
    /** Only for Cognito-compatible emulators (cognito-local); AWS pools derive it from region and pool id. */
    issuer: z.optional(trustedUrl),
    jwksUri: z.optional(trustedUrl),
    algorithms,
    groupPermissions: z._default(z.record(nonEmpty, z.array(permission)), {}),
    permissionClaims: z._default(z.array(claimPath), ['scope']),
    // Named, not just unknown: a pool is one issuer, so the way to trust several pools is one provider per pool.
    tenants: z.optional(
      z.never({ error: 'applies only to type "oidc"; for several user pools, configure one provider per pool' }),
    ),
  });
}

export type CognitoProviderConfig = z.output<ReturnType<typeof createSchema>>;
export type CognitoProvider = CognitoProviderConfig & { issuer: string; jwksUri: string };

// The issuer is https://cognito-idp.{region}.amazonaws.com/{userPoolId} and the JWKS is {issuer}/.well-known/jwks.json.
function resolve(provider: CognitoProviderConfig, index: number): CognitoProvider {
  const issuer = provider.issuer ?? `https://cognito-idp.${provider.region}.amazonaws.com/${provider.userPoolId}`;
  // A pool id names its region; a mismatch would derive an issuer no token ever carries.
  if (!provider.issuer && !provider.userPoolId.startsWith(`${provider.region}_`)) {
    throw new ConfigError(
      `providers[${index}].userPoolId`,
      `${provider.userPoolId} does not belong to region ${provider.region}`,
    );
  }
  return { ...provider, issuer, jwksUri: provider.jwksUri ?? `${issuer}/.well-known/jwks.json` };
}

function createChecks(provider: CognitoProvider): KindChecks {
  const clientIds = new Set(provider.clientIds);
  return {
    tokenUse: provider.tokenUse,
    // Password sign-in gives only aws.cognito.signin.user.admin as scope: route permissions usually come from groups.
    permissions: { claims: provider.permissionClaims, groups: new Map(Object.entries(provider.groupPermissions)) },
    check: (_header, payload) => checkClient(payload, provider.tokenUse, clientIds),
  };
}

/** Returns the app client id of a token of the configured token_use, or throws. */
function checkClient(payload: JwtPayload, tokenUse: 'access' | 'id', clientIds: ReadonlySet<string>): string {
  // Cognito access tokens carry no `aud`: the app client is in `client_id`. ID tokens carry it in `aud`.
  // token_use must match, or an ID token could be replayed where an access token is expected.
  if (payload.token_use !== tokenUse) throw new TokenRejectedError('token_use');
  if (tokenUse === 'access') {
    if (typeof payload.client_id !== 'string' || !clientIds.has(payload.client_id))
      throw new TokenRejectedError('client_id');
    return payload.client_id;
  }
  if (typeof payload.aud !== 'string' || !audienceMatches(payload.aud, clientIds))
    throw new TokenRejectedError('audience');
  return payload.aud;
}

export const cognitoKind = {
  type: 'cognito',
  schema: createSchema,
  // The JWKS URI is derived from an emulator's issuer, so both are key-source URLs.
  urlKeys: ['issuer', 'jwksUri'],
  resolve,
  keySource: (provider) => ({ jwksUri: provider.jwksUri }),
  createChecks,
} as const satisfies ProviderKind<CognitoProviderConfig, CognitoProvider>;
