// The route table of an explanation: the configured routes (or the one asked about), each decided as the authorizer does.
import { decide } from '../../authorizer/decide';
import type { Grant } from '../../authorizer/policy/build-policy';
import { matchRoute } from '../../authorizer/policy/match-route';
import type { CompiledRoute } from '../../authorizer/policy/route-pattern';
import { HTTP_METHODS } from '../../shared/route-manifest';
import type { RouteExplanation } from './explain-result';
import type { FailureReason } from './fix-hints';

export interface RouteRequest {
  verb: string;
  path: string;
}

/** A route asked about that no configured route serves: the authorizer denies it to every token. */
interface UnconfiguredRoute {
  method: string;
  path: string;
  permissions: readonly string[];
}

/** A configured route, or the unconfigured one a --route names. */
export type SelectedRoute = CompiledRoute | UnconfiguredRoute;

const ROUTE_ARG = /^([A-Za-z]+) +(\/\S*)$/;

/** Parses "POST /comments" (a configured route) or "GET /comments/42" (a request); a TypeError when it is neither. */
export function parseRouteRequest(text: string): RouteRequest {
  const match = ROUTE_ARG.exec(text.trim());
  const verb = match?.[1]?.toUpperCase();
  if (!match || !verb || !(HTTP_METHODS as readonly string[]).includes(verb)) {
    throw new TypeError(
      `route must be "METHOD /path", such as "POST /comments" (method one of ${HTTP_METHODS.join(', ')})`,
    );
  }
  return { verb, path: match[2] as string };
}

/** Every configured route, or only the one a request reaches (the route as written first, then API Gateway's match). */
export function selectRoutes(routes: readonly CompiledRoute[], request?: RouteRequest): SelectedRoute[] {
  if (!request) return [...routes];
  const written = routes.find((r) => r.method === request.verb && r.path === request.path);
  const served = written ?? (request.verb === 'ANY' ? undefined : matchRoute(routes, request.verb, request.path));
  return [served ?? { method: request.verb, path: request.path, permissions: [] }];
}

/** Rows for a verified token: the decision at each route, from the grant the policy gave its permission set. */
export function grantedRows(
  routes: readonly SelectedRoute[],
  grant: Grant,
  held: ReadonlySet<string>,
): RouteExplanation[] {
  return routes.map((route) => {
    const { outcome, reason } = decide(grant, isConfigured(route) ? route : undefined);
    const missing = route.permissions.filter((p) => !held.has(p));
    return { method: route.method, path: route.path, decision: outcome, missing, reason };
  });
}

/** Rows for a refused token: no policy was built, so every route is denied and the token holds none of its permissions. */
export function refusedRows(routes: readonly SelectedRoute[], reason: FailureReason): RouteExplanation[] {
  return routes.map((route) => ({
    method: route.method,
    path: route.path,
    decision: 'deny',
    missing: [...route.permissions],
    reason,
  }));
}

function isConfigured(route: SelectedRoute): route is CompiledRoute {
  return 'resourceSuffix' in route;
}
