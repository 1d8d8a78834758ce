// Compiles the configured routes once per cold start: which Allows can reach which routes, Deny and guard globs, warnings.
import { REQUEST_VERBS } from '../../shared/route-manifest';
import type { RouteConfig } from '../config/schema';
import { colonSafe, colonSafeAll } from './colon-safe';
import { patternsOverlap } from './pattern-overlap';
import { compileRoute, globTokens, type CompiledRoute, type PatternToken } from './route-pattern';

/** The concrete verbs a method ARN can carry; an ANY route is reached with one of them. */
const VERBS: readonly string[] = REQUEST_VERBS;

export interface TableRoute extends CompiledRoute {
  /** Routes whose Allow resource can match a request of this route: if one is allowed and this one is not, Deny it. */
  reachedBy: number[];
  /** Resource suffixes of this route's Deny: ANY is split into the verbs no explicit sibling owns. */
  denySuffixes: string[];
  /** Deny suffixes that stop this route's "*" spilling into unconfigured deeper paths (see spillGuards). */
  guardSuffixes: string[];
  /** What the policy emits for each of those (colonSafe): the same requests under every reading of IAM's "*". */
  emitted: { allow: string[]; deny: string[]; guard: string[] };
}

export interface PolicyWarning {
  kind: 'unguarded_spill' | 'deny_may_shadow';
  route: string;
  other?: string;
  detail: string;
}

export interface RouteTable {
  routes: TableRoute[];
  warnings: PolicyWarning[];
}

export function compileRouteTable(configs: readonly RouteConfig[]): RouteTable {
  const compiled = configs.map(compileRoute);
  const warnings: PolicyWarning[] = [];
  const routes = compiled.map((route): TableRoute => {
    const denySuffixes = denySuffixesOf(route, compiled);
    const { kept, unsafe } = partitionGuards(spillGuards(route), compiled);
    for (const guard of unsafe) {
      warnings.push({
        kind: 'unguarded_spill',
        route: label(route),
        detail: `"*" in ${route.resourceSuffix} may reach unconfigured paths like ${guard}; list them in routes`,
      });
    }
    const emitted = {
      allow: colonSafe(route.resourceSuffix),
      deny: colonSafeAll(denySuffixes),
      guard: colonSafeAll(kept),
    };
    return { ...route, reachedBy: reachersOf(route, compiled), denySuffixes, guardSuffixes: kept, emitted };
  });
  warnings.push(...shadowWarnings(routes));
  return { routes, warnings };
}

function label(route: CompiledRoute): string {
  return `${route.method} ${route.path}`;
}

// A literal Allow with an explicit verb matches one request string, which API Gateway routes to that route
// itself (a literal is the most specific match), so it can never reach another route.
function reachersOf(target: CompiledRoute, all: readonly CompiledRoute[]): number[] {
  return all.filter((a) => a !== target && !isExact(a) && patternsOverlap(a.glob, target.language)).map((a) => a.index);
}

function isExact(route: CompiledRoute): boolean {
  return route.method !== 'ANY' && route.glob.every((t) => t.t === 'lit');
}

// API Gateway sends GET /x to an explicit GET /x route even when ANY /x exists, so ANY's Deny must not cover it.
function denySuffixesOf(route: CompiledRoute, all: readonly CompiledRoute[]): string[] {
  if (route.method !== 'ANY') return [route.resourceSuffix];
  const path = route.resourceSuffix.slice(route.resourceSuffix.indexOf('/'));
  const owned = new Set(all.filter((r) => r.method !== 'ANY' && sameResource(r, route)).map((r) => r.method));
  if (owned.size === 0) return [route.resourceSuffix];
  return VERBS.filter((v) => !owned.has(v)).map((v) => `${v}${path}`);
}

function sameResource(a: CompiledRoute, b: CompiledRoute): boolean {
  const erase = (p: string) => p.replace(/\{[^}]+?(\+?)\}/g, '{$1}');
  return erase(a.path) === erase(b.path);
}

/**
 * In IAM "*" also matches "/", so the Allow GET/comments/* also matches GET/comments/1/secret, a path that may
 * exist in the API but not in `routes`. For each "*" standing for one segment (or for ANY's verb), the guard
 * replaces it with "*\/*": exactly the requests where that "*" spans a "/". Denying the guards keeps unlisted
 * paths denied.
 */
function spillGuards(route: CompiledRoute): string[] {
  const suffix = route.resourceSuffix;
  const greedyAt = route.segments.at(-1)?.endsWith('+}') ? suffix.lastIndexOf('*') : -1;
  const guards: string[] = [];
  for (let i = suffix.indexOf('*'); i !== -1; i = suffix.indexOf('*', i + 1)) {
    if (i !== greedyAt) guards.push(`${suffix.slice(0, i)}*/*${suffix.slice(i + 1)}`);
  }
  return guards;
}

// A guard that could match a configured route's request would deny that route: such a guard is dropped (and
// warned about), leaving that spill possible.
function partitionGuards(guards: string[], all: readonly CompiledRoute[]): { kept: string[]; unsafe: string[] } {
  const kept: string[] = [];
  const unsafe: string[] = [];
  for (const guard of guards) {
    const tokens = globTokens(guard);
    (all.some((r) => patternsOverlap(tokens, r.language)) ? unsafe : kept).push(guard);
  }
  return { kept, unsafe };
}

// A route's Deny glob, when emitted, also covers every request of these routes: a token allowed them but not the
// denied route gets 403 there too (fail-closed). Only reported where the permissions make it possible.
function shadowWarnings(routes: readonly TableRoute[]): PolicyWarning[] {
  const warnings: PolicyWarning[] = [];
  for (const d of routes) {
    if (d.reachedBy.length === 0) continue;
    const globs: PatternToken[][] = d.denySuffixes.map(globTokens);
    for (const other of routes) {
      if (other === d || d.permissions.every((s) => other.permissions.includes(s))) continue;
      if (globs.some((g) => patternsOverlap(g, other.language))) {
        warnings.push({
          kind: 'deny_may_shadow',
          route: label(d),
          other: label(other),
          detail: `when ${label(d)} is denied its Deny also covers some ${label(other)} requests (fail-closed 403)`,
        });
      }
    }
  }
  return warnings;
}
