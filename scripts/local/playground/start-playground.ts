// Starts the playground for a running local stack: what its page is told, and the explain and mint calls it may make.
import { loadConfig, type AuthConfig } from '../../../authorizer/config/load-config';
import { INSECURE_LOOPBACK_ENV } from '../../../authorizer/config/transport';
import { ROUTE_MANIFEST, type RouteEntry } from '../../../shared/route-manifest';
import { explainToken } from '../../explain/explain-token';
import { fetchClientCredentialsToken } from '../client-credentials';
import type { DemoUser } from '../cognito-local';
import type { OidcProviderHandle } from '../oidc-provider';
import { playgroundOriginOf } from './playground-origin';
import { startPlaygroundServer, type PlaygroundApi, type PlaygroundServer } from './playground-server';

export interface PlaygroundStack {
  url: string;
  profile: 'cognito' | 'oidc';
  demoUsers: readonly DemoUser[];
  oidc?: Pick<OidcProviderHandle, 'tokenEndpoint' | 'clientId' | 'clientSecret'>;
  /** The AUTH_CONFIG the stack's authorizer runs with: explain uses exactly it. */
  authConfig: string;
}

/** On the port of the local stage's primary CORS origin (serverless.yml), read from the packaged template. */
export function startPlayground(stack: PlaygroundStack, template: Record<string, unknown>): Promise<PlaygroundServer> {
  return startPlaygroundServer({ port: playgroundOriginOf(template).port, api: playgroundApi(stack) });
}

export function playgroundApi(stack: PlaygroundStack): PlaygroundApi {
  const routes = (ROUTE_MANIFEST as readonly RouteEntry[])
    .filter((r) => !r.public)
    .map((r) => ({ method: r.method, path: r.path, permissions: [...(r.permissions ?? [])] }));
  // What a client-credentials token may ask for: every permission a route needs.
  const scopes = [...new Set(routes.flatMap((r) => r.permissions))].sort();
  const oidc = stack.oidc;
  return {
    config: {
      apiUrl: stack.url,
      profile: stack.profile,
      routes,
      // The local demo users, whose passwords the banner and README print too: nothing here is a real secret.
      demoUsers: stack.demoUsers,
      canMint: oidc !== undefined,
      scopes,
    },
    explain: explainWith(stack.authConfig),
    ...(oidc
      ? {
          mint: (scope: string) =>
            fetchClientCredentialsToken(oidc.tokenEndpoint, {
              clientId: oidc.clientId,
              clientSecret: oidc.clientSecret,
              ...(scope.trim() ? { scope: scope.trim() } : {}),
            }),
        }
      : {}),
  };
}

/**
 * The real verification (scripts/explain), with the authorizer's own configuration and its loopback opt-in (the
 * local providers serve keys over http://127.0.0.1). Parsed at the first call: a bad AUTH_CONFIG already stops the
 * runtime at start, naming the key; here it becomes the explain call's error.
 */
function explainWith(authConfig: string): (token: string) => Promise<unknown> {
  let config: AuthConfig | undefined;
  return async (token) => {
    config ??= loadConfig({ AUTH_CONFIG: authConfig, [INSECURE_LOOPBACK_ENV]: 'true' });
    return explainToken(token, config);
  };
}
