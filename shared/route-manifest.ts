// The API's routes, each declared once: method, path, the function serving it, the permissions it needs.
/*
 * Everything else is derived from this file:
 * - the `http` events of serverless.yml (scripts/serverless/stack-config.cjs, `events.<function>`);
 * - the authorizer's routes when AUTH_CONFIG carries none (authorizer/config/load-config.ts);
 * - each handler's defence-in-depth permission check, looked up by its route (shared/http/with-http.ts);
 * - the tests' route table, and the README's route list (checked by test/unit/shared/route-manifest.test.ts).
 * Adding an endpoint: an entry here, its handler, and its function (with its role) in serverless.yml.
 */

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'ANY'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];
/** The verbs a request (and so a method ARN) can carry; ANY is a route's wildcard, never a request's verb. */
export const REQUEST_VERBS = HTTP_METHODS.filter((m): m is Exclude<HttpMethod, 'ANY'> => m !== 'ANY');

export interface RouteEntry {
  readonly method: HttpMethod;
  /** API Gateway resource path: `{param}` segments, a greedy `{name+}` only last. */
  readonly path: string;
  /** The serverless.yml function that serves it. */
  readonly function: string;
  /** Permissions that must all be held; `[]` = any valid token. Absent for a public route. */
  readonly permissions?: readonly string[];
  /** No authorizer in front (sign-up and sign-in): anyone may call it. */
  readonly public?: true;
}

export const ROUTE_MANIFEST = [
  { method: 'GET', path: '/me', function: 'me', permissions: [] },
  { method: 'GET', path: '/comments', function: 'listComments', permissions: ['comments:read'] },
  { method: 'POST', path: '/comments', function: 'createComment', permissions: ['comments:write'] },
  { method: 'GET', path: '/comments/{id}', function: 'getComment', permissions: ['comments:read'] },
  { method: 'DELETE', path: '/comments/{id}', function: 'deleteComment', permissions: ['comments:write'] },
  { method: 'POST', path: '/auth/signup', function: 'signup', public: true },
  { method: 'POST', path: '/auth/signin', function: 'signin', public: true },
] as const satisfies readonly RouteEntry[];

type Manifest = (typeof ROUTE_MANIFEST)[number];
/** "GET /comments": how handlers name the route they serve. */
export type RouteKey = `${Manifest['method']} ${Manifest['path']}`;
/** Routes behind the authorizer. */
export type ProtectedRouteKey = Exclude<
  RouteKey,
  `${Extract<Manifest, { public: true }>['method']} ${Extract<Manifest, { public: true }>['path']}`
>;

/** The permissions the stack's own Cognito groups grant (the deployed pool and the local stack seed these groups). */
export const GROUP_PERMISSIONS: Record<string, string[]> = {
  readers: ['comments:read'],
  writers: ['comments:read', 'comments:write'],
  moderators: ['comments:read', 'comments:write', 'comments:moderate'],
};

export function routeKeyOf(route: Pick<RouteEntry, 'method' | 'path'>): string {
  return `${route.method} ${route.path}`;
}

/** The routes behind the authorizer, in the shape of AUTH_CONFIG's `routes`. */
export function authorizedRoutes(): Array<{ method: HttpMethod; path: string; permissions: string[] }> {
  return ROUTE_MANIFEST.flatMap((r: RouteEntry) =>
    r.public ? [] : [{ method: r.method, path: r.path, permissions: [...(r.permissions ?? [])] }],
  );
}

/** The permissions a protected route needs; throws for a route that is not in the manifest (a wiring bug). */
export function permissionsOf(key: ProtectedRouteKey): readonly string[] {
  const entry = (ROUTE_MANIFEST as readonly RouteEntry[]).find((r) => !r.public && routeKeyOf(r) === key);
  if (!entry) throw new TypeError(`route ${key} is not a protected route of shared/route-manifest.ts`);
  return entry.permissions ?? [];
}
