// AUTH_CONFIG documents for the local stack's two profiles (cognito-local or oidc-provider); routes come from the manifest.
import type { AuthConfigInput } from '../../authorizer/config/schema';
import { GROUP_PERMISSIONS } from '../../shared/route-manifest';
import type { SeededPool } from './cognito-local';

export function cognitoAuthConfig(pool: SeededPool): AuthConfigInput {
  return {
    providers: [
      {
        name: 'cognito-local',
        type: 'cognito',
        region: 'eu-west-1',
        userPoolId: pool.poolId,
        // cognito-local's issuer is http://127.0.0.1:{port}/{poolId}, not the AWS one derived from the region.
        issuer: pool.issuer,
        jwksUri: `${pool.issuer}/.well-known/jwks.json`,
        clientIds: [pool.clientId],
        tokenUse: 'access',
        groupPermissions: GROUP_PERMISSIONS,
      },
    ],
  };
}

export function oidcAuthConfig(oidc: { issuer: string; audience: string }): AuthConfigInput {
  return {
    providers: [
      {
        name: 'local-oidc',
        type: 'oidc',
        issuer: oidc.issuer,
        audiences: [oidc.audience],
        permissionClaims: ['scope'],
      },
    ],
  };
}
