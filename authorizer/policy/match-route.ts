// Resolves a request (verb and concrete path) to the configured route API Gateway would route it to.
import type { CompiledRoute } from './route-pattern';

// Per segment, API Gateway prefers a literal over {param} over {greedy+}; then an explicit method over ANY.
const LITERAL = 3;
const PARAM = 2;
const GREEDY = 1;

/** The most specific matching route, or undefined when the request matches no configured route. */
export function matchRoute(routes: readonly CompiledRoute[], verb: string, path: string): CompiledRoute | undefined {
  const segments = path === '/' ? [] : path.slice(1).split('/');
  let best: CompiledRoute | undefined;
  let bestScore: number[] = [];
  for (const route of routes) {
    if (route.method !== verb && route.method !== 'ANY') continue;
    const score = scoreMatch(route, segments);
    if (score && compareScores(score, bestScore) > 0) {
      best = route;
      bestScore = score;
    }
  }
  return best;
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
      return [...score, route.method === 'ANY' ? 0 : 1];
    }
    if (value === undefined || value === '') return undefined;
    if (pattern.startsWith('{')) score.push(PARAM);
    else if (pattern === value) score.push(LITERAL);
    else return undefined;
  }
  if (segments.length !== route.segments.length) return undefined;
  return [...score, route.method === 'ANY' ? 0 : 1];
}

function compareScores(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? -1) - (b[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}
