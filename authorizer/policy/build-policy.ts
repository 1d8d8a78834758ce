// Builds the cache-safe IAM policy: it describes every configured route, so reuse on any route of the API is correct.
import type { RouteConfig } from '../config/schema';
import { patternsOverlap } from './pattern-overlap';
import { compileRoute, type CompiledRoute } from './route-pattern';

export interface PolicyStatement {
  Action: 'execute-api:Invoke';
  Effect: 'Allow' | 'Deny';
  Resource: string[];
}
export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: PolicyStatement[];
}

interface Decision {
  allow: string[];
  deny: string[];
  /** True when at least one configured route is denied to this permission set. */
  deniesSome: boolean;
}

export interface PolicyBuilder {
  readonly routes: readonly CompiledRoute[];
  /** The policy for a permission set under one API prefix; depends on nothing else, so caching it is safe. */
  build(prefix: string, permissions: ReadonlySet<string>): { document: PolicyDocument; deniesSome: boolean };
  /** Whether a route's permissions are all held. */
  allows(route: CompiledRoute, permissions: ReadonlySet<string>): boolean;
}

const MEMO_LIMIT = 256;

/**
 * API Gateway caches the result by token alone and reuses it for every method and path, so the policy must
 * be the same whatever route triggered it: Allow every route whose permissions are all held, and Deny a
 * withheld route wherever an Allow's "*" (which spans "/") could otherwise reach it. A Deny is emitted only
 * where needed, because a Deny's own "*" could in turn shadow an allowed, more specific route.
 */
export function createPolicyBuilder(routeConfigs: readonly RouteConfig[]): PolicyBuilder {
  const routes = routeConfigs.map(compileRoute);
  // reachers[d] = routes whose Allow resource can match some request of route d. Computed once per cold start.
  const reachers = routes.map((d) => routes.filter((a) => a !== d && patternsOverlap(a.glob, d.language)));
  const relevant = new Set(routes.flatMap((r) => r.scopes));
  const memo = new Map<string, Decision>();

  function allows(route: CompiledRoute, permissions: ReadonlySet<string>): boolean {
    return route.scopes.every((s) => permissions.has(s));
  }

  function decide(permissions: ReadonlySet<string>): Decision {
    const key = [...relevant].filter((p) => permissions.has(p)).sort().join(' ');
    const known = memo.get(key);
    if (known) return known;
    const allowed = routes.map((r) => allows(r, permissions));
    const allow = routes.filter((r) => allowed[r.index]).map((r) => r.resourceSuffix);
    const deny = routes
      .filter((d) => !allowed[d.index] && reachers[d.index]?.some((a) => allowed[a.index]))
      .map((d) => d.resourceSuffix);
    const decision = { allow, deny, deniesSome: allowed.includes(false) };
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(key, decision);
    return decision;
  }

  function build(prefix: string, permissions: ReadonlySet<string>) {
    const { allow, deny, deniesSome } = decide(permissions);
    const statements: PolicyStatement[] = [];
    if (allow.length > 0) statements.push(statement('Allow', allow.map((s) => `${prefix}/${s}`)));
    if (deny.length > 0) statements.push(statement('Deny', deny.map((s) => `${prefix}/${s}`)));
    // Nothing allowed: one explicit Deny of the whole stage keeps the document valid and tiny.
    if (statements.length === 0) statements.push(statement('Deny', [`${prefix}/*`]));
    return { document: { Version: '2012-10-17' as const, Statement: statements }, deniesSome };
  }

  return { routes, build, allows };
}

function statement(Effect: 'Allow' | 'Deny', Resource: string[]): PolicyStatement {
  return { Action: 'execute-api:Invoke', Effect, Resource };
}
