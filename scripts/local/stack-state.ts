// .local-stack.json: what `npm run token`, `npm run explain` and client libraries need while the local stack runs.
import { writeFile } from 'node:fs/promises';
import type { Stack } from './stack';

// Mode 0600: it holds the demo passwords and, with --oidc, the local client secret (README: .local-stack.json).
export async function writeState(file: string, stack: Stack): Promise<void> {
  const state = {
    profile: stack.profile,
    url: stack.url,
    // The exact AUTH_CONFIG the authorizer runs with (generated or the user's): `npm run explain` reads it.
    authConfig: stack.authConfig,
    ...(stack.playgroundUrl ? { playgroundUrl: stack.playgroundUrl } : {}),
    cognito: {
      endpoint: stack.cognitoEndpoint,
      region: stack.region,
      userPoolId: stack.pool.poolId,
      clientId: stack.pool.clientId,
      users: stack.pool.users,
    },
    ...(stack.oidc
      ? {
          oidc: {
            tokenEndpoint: stack.oidc.tokenEndpoint,
            clientId: stack.oidc.clientId,
            clientSecret: stack.oidc.clientSecret,
            audience: stack.oidc.audience,
          },
        }
      : {}),
  };
  await writeFile(file, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
}
