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
  const matching = routes.flatMap((route) => {
    const score = scoreMatch(route, segments);
    return score ? [{ route, score }] : [];
  });
  if (matching.length === 0) return undefined;
  const best = matching.reduce((a, b) => (compareScores(b.score, a.score) > 0 ? b : a)).score;
  const onResource = matching.filter((m) => compareScores(m.score, best) === 0).map((m) => m.route);
  return onResource.find((r) => r.method === verb) ?? onResource.find((r) => r.method === 'ANY');
}

function scoreMatch(route: CompiledRoute, segments: string[]): number[] | undefined {
  const score: number[] = [];
  for (let i = 0; i < route.segments.length; i++) {
    const pattern = route.segments[i] as string;
    const value = segments[i];
    if (pattern.endsWith('+}')) {
      // A greedy parameter takes the rest of the path, one segment at least.
      if (value === undefined || value === '') return undefined;
      score.push(GREEDY);
      return score;
    }
    if (value === undefined || value === '') return undefined;
    if (pattern.startsWith('{')) score.push(PARAM);
    else if (pattern === value) score.push(LITERAL);
    else return undefined;
  }
  if (segments.length !== route.segments.length) return undefined;
  return score;
}

function compareScores(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? -1) - (b[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}
