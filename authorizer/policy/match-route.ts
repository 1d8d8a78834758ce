// Resolves a request (verb and concrete path) to the configured route API Gateway would route it to.
import type { CompiledRoute } from './route-pattern';

// API Gateway picks the resource first (per segment a literal beats {param}, which beats {greedy+}), then the
// method on that resource (explicit before ANY); a resource without that method does not fall back elsewhere.
const LITERAL = 3;
const PARAM = 2;
const GREEDY = 1;

/** The most specific matching route, or undefined when the request matches no configured route. */
export function matchRoute(routes: readonly CompiledRoute[], verb: string, path: string): CompiledRoute | undefined {
  const segments = path === '/' ? [] : path.slice(1).split('/');
  let bestScore: number[] | undefined;
  let exact: CompiledRoute | undefined;
  let any: CompiledRoute | undefined;
  for (const route of routes) {
    const score = scoreMatch(route, segments);
    if (!score) continue;
    const order = bestScore ? compareScores(score, bestScore) : 1;
    if (order < 0) continue;
    if (order > 0) {
      // A more specific resource: whatever matched a less specific one no longer counts.
      bestScore = score;
      exact = undefined;
      any = undefined;
    }
    if (route.method === verb) exact = route;
    else if (route.method === 'ANY') any = route;
  }
  return exact ?? any;
}

function scoreMatch(route: CompiledRoute, segments: string[]): number[] | undefined {
  const score: number[] = [];
  for (let i = 0; i < route.segments.length; i++) {
    const pattern = route.segments[i] as string;
    const value = segments[i];
    if (value === undefined || value === '') return undefined;
    if (pattern.endsWith('+}')) {
      // A greedy parameter takes the rest of the path, one segment at least.
      score.push(GREEDY);
      return score;
    }
    if (pattern.startsWith('{')) score.push(PARAM);
    else if (pattern === value) score.push(LITERAL);
    else return undefined;
  }
  return segments.length === route.segments.length ? score : undefined;
}

function compareScores(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? -1) - (b[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}
