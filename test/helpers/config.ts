// Valid AUTH_CONFIG documents for tests, built around a local JWKS server.
import type { AuthConfigInput } from '../../authorizer/config/schema';
import { authorizedRoutes } from '../../shared/route-manifest';

/** The routes this stack deploys, from the route manifest (the one place they are declared). */
export const ROUTES: AuthConfigInput['routes'] = authorizedRoutes();

export const COGNITO_CLIENT = 'local-client-1';
export const OIDC_AUDIENCE = 'api://comments';

/** One Cognito provider (issuer override, as for an emulator) and one OIDC provider, both on `origin`. */
export function testConfig(origin: string, overrides: Partial<AuthConfigInput> = {}): AuthConfigInput {
  return {
    providers: [
      testCognitoProvider(origin, {
        groupPermissions: { readers: ['comments:read'], writers: ['comments:read', 'comments:write'] },
      }),
      { name: 'okta', type: 'oidc', issuer: `${origin}/issuer`, audiences: [OIDC_AUDIENCE] },
    ],
    routes: ROUTES,
    ...overrides,
  };
}

type ProviderInput = AuthConfigInput['providers'][number];

/** The tests' Cognito-style provider (issuer override, as for an emulator) with keys at {origin}/jwks.json. */
export function testCognitoProvider(
  origin: string,
  overrides: Partial<Extract<ProviderInput, { type: 'cognito' }>> = {},
): ProviderInput {
  return {
    name: 'pool',
    type: 'cognito',
    region: 'eu-west-1',
    userPoolId: 'eu-west-1_TestPool',
    issuer: `${origin}/eu-west-1_TestPool`,
    jwksUri: `${origin}/jwks.json`,
    clientIds: [COGNITO_CLIENT],
    tokenUse: 'access',
    ...overrides,
  };
}
