// Builds the cache-safe IAM policy: it describes every configured route, so reuse on any route of the API is correct.
import type { RouteConfig } from '../config/schema';
import type { CompiledRoute } from './route-pattern';
import { compileRouteTable, type PolicyWarning, type TableRoute } from './route-table';

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
  /** Limits of IAM globs found in this route table, for the operator (logged once at cold start). */
  readonly warnings: readonly PolicyWarning[];
  /** The policy for a permission set under one API prefix; depends on nothing else, so caching it is safe. */
  build(prefix: string, permissions: ReadonlySet<string>): { document: PolicyDocument; deniesSome: boolean };
  /** Whether a route's permissions are all held. */
  allows(route: CompiledRoute, permissions: ReadonlySet<string>): boolean;
  /** Whether some configured route is withheld from this permission set. */
  deniesSome(permissions: ReadonlySet<string>): boolean;
}

const MEMO_LIMIT = 256;

/**
 * API Gateway caches the result by token alone and reuses it for every method and path, so the policy must
 * be the same whatever route triggered it: Allow every route whose permissions are all held; Deny a withheld
 * route wherever an allowed route's "*" (which spans "/") could otherwise reach it; Deny the guards that keep
 * an allowed "*" from spilling into unconfigured paths. A Deny is emitted only where needed, because a Deny's
 * own "*" could in turn shadow an allowed, more specific route.
 */
export function createPolicyBuilder(routeConfigs: readonly RouteConfig[]): PolicyBuilder {
  const { routes, warnings } = compileRouteTable(routeConfigs);
  const relevant = new Set(routes.flatMap((r) => r.scopes));
  const memo = new Map<string, Decision>();
  // Built documents per API prefix and permission set: a hot path answer is a lookup, not a rebuild.
  const documents = new Map<string, { document: PolicyDocument; deniesSome: boolean }>();

  function allows(route: CompiledRoute, permissions: ReadonlySet<string>): boolean {
    return route.scopes.every((s) => permissions.has(s));
  }

  function keyOf(permissions: ReadonlySet<string>): string {
    let key = '';
    for (const p of relevant) if (permissions.has(p)) key += `${p} `;
    return key;
  }

  function decide(permissions: ReadonlySet<string>, key = keyOf(permissions)): Decision {
    const known = memo.get(key);
    if (known) return known;
    const allowed = routes.map((r) => allows(r, permissions));
    const isAllowed = (r: TableRoute) => allowed[r.index] === true;
    const allow = routes.filter(isAllowed).flatMap((r) => r.emitted.allow);
    const needed = routes.filter((d) => !isAllowed(d) && d.reachedBy.some((a) => allowed[a]));
    const guards = routes.filter(isAllowed).flatMap((r) => r.emitted.guard);
    const deny = [...new Set([...needed.flatMap((d) => d.emitted.deny), ...guards])];
    const decision = { allow, deny, deniesSome: allowed.includes(false) };
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(key, decision);
    return decision;
  }

  function build(prefix: string, permissions: ReadonlySet<string>) {
    const key = keyOf(permissions);
    const cacheKey = `${prefix}|${key}`;
    const known = documents.get(cacheKey);
    if (known) return known;
    const built = buildDocument(prefix, decide(permissions, key));
    if (documents.size >= MEMO_LIMIT) documents.clear();
    documents.set(cacheKey, built);
    return built;
  }

  function buildDocument(prefix: string, { allow, deny, deniesSome }: Decision) {
    const statements: PolicyStatement[] = [];
    if (allow.length > 0) statements.push(statement('Allow', allow.map((s) => `${prefix}/${s}`)));
    if (allow.length > 0 && deny.length > 0) statements.push(statement('Deny', deny.map((s) => `${prefix}/${s}`)));
    // Nothing allowed: one explicit Deny of the whole stage keeps the document valid and tiny.
    if (statements.length === 0) statements.push(statement('Deny', [`${prefix}/*`]));
    return { document: { Version: '2012-10-17' as const, Statement: statements }, deniesSome };
  }

  return { routes, warnings, build, allows, deniesSome: (permissions) => decide(permissions).deniesSome };
}

function statement(Effect: 'Allow' | 'Deny', Resource: string[]): PolicyStatement {
  return { Action: 'execute-api:Invoke', Effect, Resource };
}
