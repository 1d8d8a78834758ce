// Resolves a request to the template's method as API Gateway does: resource first, then the method on it.
import { matchRoute } from '../../authorizer/policy/match-route';
import { compileRoute } from '../../authorizer/policy/route-pattern';
import type { HttpMethod } from '../../shared/route-manifest';

export interface RoutedMethod<M> {
  method: M;
  /** The resource path template, e.g. /comments/{id}. */
  resource: string;
  /** Values of the template's {params}, or null when it has none (as the proxy event carries them). */
  pathParameters: Record<string, string> | null;
}

/**
 * The same resolution the authorizer's policy is proven against (authorizer/policy/match-route.ts): per segment a
 * literal beats a {param}, which beats a {greedy+}; then the exact verb, else ANY. A request whose resource has no
 * such method matches nothing: API Gateway answers it MISSING_AUTHENTICATION_TOKEN without calling anything.
 */
export function createRouter<M extends { httpMethod: string; path: string }>(methods: readonly M[]) {
  const compiled = methods.map((m, i) =>
    compileRoute({ method: m.httpMethod as HttpMethod, path: m.path, permissions: [] }, i),
  );
  return function route(verb: string, path: string): RoutedMethod<M> | undefined {
    const found = matchRoute(compiled, verb, normalise(path));
    if (!found) return undefined;
    const method = methods[found.index] as M;
    return { method, resource: method.path, pathParameters: parametersOf(found.segments, normalise(path)) };
  };
}

// API Gateway ignores one trailing slash: /comments/ is /comments.
function normalise(path: string): string {
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}

function parametersOf(segments: readonly string[], path: string): Record<string, string> | null {
  const values = path === '/' ? [] : path.slice(1).split('/');
  const params: Record<string, string> = {};
  segments.forEach((segment, i) => {
    const name = /^\{(.+?)(\+)?\}$/.exec(segment);
    if (!name) return;
    // A greedy parameter takes the rest of the path; path parameters reach the backend URL-decoded.
    params[name[1] as string] = decode(name[2] ? values.slice(i).join('/') : (values[i] as string));
  });
  return Object.keys(params).length > 0 ? params : null;
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
