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
  /** By route index: whether the permission set holds all of that route's permissions. */
  allowed: readonly boolean[];
  allow: string[];
  deny: string[];
  /** True when at least one configured route is denied to this permission set. */
  deniesSome: boolean;
}

/** What the policy says about one permission set, whatever the route: computed once, shared by every token holding it. */
export interface Grant {
  /** True when at least one configured route is denied to this permission set. */
  readonly deniesSome: boolean;
  /** Whether the permission set holds all of the route's permissions. */
  allows(route: CompiledRoute): boolean;
  /** The policy under one API prefix; it depends on nothing else, so caching it is safe. */
  documentFor(prefix: string): PolicyDocument;
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
  /** Everything the policy says about a permission set, asked once per token and kept with it. */
  grantFor(permissions: ReadonlySet<string>): Grant;
}

const MEMO_LIMIT = 256;
// A warm Lambda sees the prefix of one API stage, or of a few: a grant keeps that many documents, so the memory
// held stays near one document per permission set (at 200 routes a document is about 20 KB).
const PREFIX_LIMIT = 4;

/**
 * API Gateway caches the result by token alone and reuses it for every method and path, so the policy must
 * be the same whatever route triggered it: Allow every route whose permissions are all held; Deny a withheld
 * route wherever an allowed route's "*" (which spans "/") could otherwise reach it; Deny the guards that keep
 * an allowed "*" from spilling into unconfigured paths. A Deny is emitted only where needed, because a Deny's
 * own "*" could in turn shadow an allowed, more specific route.
 */
export function createPolicyBuilder(routeConfigs: readonly RouteConfig[]): PolicyBuilder {
  const { routes, warnings } = compileRouteTable(routeConfigs);
  const relevant = new Set(routes.flatMap((r) => r.permissions));
  // Grants by relevant permission set, each with its built documents per API prefix: an answer is a lookup.
  const grants = new Map<string, Grant>();

  function allows(route: CompiledRoute, permissions: ReadonlySet<string>): boolean {
    return route.permissions.every((s) => permissions.has(s));
  }

  function keyOf(permissions: ReadonlySet<string>): string {
    let key = '';
    for (const p of relevant) if (permissions.has(p)) key += `${p} `;
    return key;
  }

  function grantFor(permissions: ReadonlySet<string>): Grant {
    const key = keyOf(permissions);
    const known = grants.get(key);
    if (known) return known;
    const grant = toGrant(decide(permissions));
    if (grants.size >= MEMO_LIMIT) grants.clear();
    grants.set(key, grant);
    return grant;
  }

  function decide(permissions: ReadonlySet<string>): Decision {
    const allowed = routes.map((r) => allows(r, permissions));
    const isAllowed = (r: TableRoute) => allowed[r.index] === true;
    const allow = routes.filter(isAllowed).flatMap((r) => r.emitted.allow);
    const needed = routes.filter((d) => !isAllowed(d) && d.reachedBy.some((a) => allowed[a]));
    const guards = routes.filter(isAllowed).flatMap((r) => r.emitted.guard);
    const deny = [...new Set([...needed.flatMap((d) => d.emitted.deny), ...guards])];
    return { allowed, allow, deny, deniesSome: allowed.includes(false) };
  }

  function toGrant(decision: Decision): Grant {
    const documents = new Map<string, PolicyDocument>();
    return {
      deniesSome: decision.deniesSome,
      allows: (route) => decision.allowed[route.index] === true,
      documentFor(prefix) {
        const known = documents.get(prefix);
        if (known) return known;
        const document = buildDocument(prefix, decision);
        if (documents.size >= PREFIX_LIMIT) documents.clear();
        documents.set(prefix, document);
        return document;
      },
    };
  }

  function build(prefix: string, permissions: ReadonlySet<string>) {
    const grant = grantFor(permissions);
    return { document: grant.documentFor(prefix), deniesSome: grant.deniesSome };
  }

  function buildDocument(prefix: string, { allow, deny }: Decision): PolicyDocument {
    const statements: PolicyStatement[] = [];
    if (allow.length > 0)
      statements.push(
        statement(
          'Allow',
          allow.map((s) => `${prefix}/${s}`),
        ),
      );
    if (allow.length > 0 && deny.length > 0)
      statements.push(
        statement(
          'Deny',
          deny.map((s) => `${prefix}/${s}`),
        ),
      );
    // Nothing allowed: one explicit Deny of the whole stage keeps the document valid and tiny.
    if (statements.length === 0) statements.push(statement('Deny', [`${prefix}/*`]));
    return { Version: '2012-10-17', Statement: statements };
  }

  return { routes, warnings, build, allows, grantFor, deniesSome: (permissions) => grantFor(permissions).deniesSome };
}

function statement(Effect: 'Allow' | 'Deny', Resource: string[]): PolicyStatement {
  return { Action: 'execute-api:Invoke', Effect, Resource };
}
