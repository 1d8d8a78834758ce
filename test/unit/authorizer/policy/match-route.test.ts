// matchRoute: picks the route API Gateway would (literal > {param} > {greedy+} per segment, then explicit verb > ANY).
import type { RouteConfig } from '../../../../authorizer/config/schema';
import { matchRoute } from '../../../../authorizer/policy/match-route';
import { compileRoute, type CompiledRoute } from '../../../../authorizer/policy/route-pattern';

type Route = [RouteConfig['method'], string];

function compile(routes: readonly Route[]): CompiledRoute[] {
  return routes.map(([method, path], i) => compileRoute({ method, path, permissions: [] }, i));
}

/** "METHOD path" of the matched route, or undefined. */
function matched(routes: readonly Route[], verb: string, path: string): string | undefined {
  const route = matchRoute(compile(routes), verb, path);
  return route && `${route.method} ${route.path}`;
}

describe('matchRoute', () => {
  // A table API Gateway would deploy: a resource has at most one variable child ({param} or {greedy+}).
  const table: Route[] = [
    ['GET', '/comments/mine'],
    ['GET', '/comments/{id}'],
    ['GET', '/comments/{id}/likes'],
    ['GET', '/comments/{id}/{proxy+}'],
    ['ANY', '/comments/{id}'],
    ['GET', '/'],
  ];

  it('prefers a literal segment over a {param}', () => {
    expect(matched(table, 'GET', '/comments/mine')).toBe('GET /comments/mine');
    expect(matched(table, 'GET', '/comments/42')).toBe('GET /comments/{id}');
  });

  it('prefers a literal segment over a {greedy+} at the same depth', () => {
    expect(matched(table, 'GET', '/comments/42/likes')).toBe('GET /comments/{id}/likes');
  });

  it('falls back to the {greedy+} route when no fixed-length route fits', () => {
    expect(matched(table, 'GET', '/comments/42/replies')).toBe('GET /comments/{id}/{proxy+}');
    expect(matched(table, 'GET', '/comments/42/likes/7')).toBe('GET /comments/{id}/{proxy+}');
    expect(matched(table, 'GET', '/comments/42/a/b/c')).toBe('GET /comments/{id}/{proxy+}');
  });

  it('prefers a {param} over a {greedy+} for a single segment', () => {
    // API Gateway refuses {id} and {proxy+} as siblings, so this only pins the tie-break for such a config.
    const routes: Route[] = [
      ['GET', '/files/{proxy+}'],
      ['GET', '/files/{id}'],
    ];
    expect(matched(routes, 'GET', '/files/7')).toBe('GET /files/{id}');
    expect(matched(routes, 'GET', '/files/7/8')).toBe('GET /files/{proxy+}');
  });

  it('prefers an explicit method over ANY on the same resource, and uses ANY for the other verbs', () => {
    expect(matched(table, 'GET', '/comments/42')).toBe('GET /comments/{id}');
    expect(matched(table, 'DELETE', '/comments/42')).toBe('ANY /comments/{id}');
  });

  it('decides by the resource first: ANY on a literal beats GET on a {param}', () => {
    const routes: Route[] = [
      ['GET', '/comments/{id}'],
      ['ANY', '/comments/mine'],
    ];
    expect(matched(routes, 'GET', '/comments/mine')).toBe('ANY /comments/mine');
    expect(matched(routes, 'GET', '/comments/7')).toBe('GET /comments/{id}');
  });

  it('does not fall back to a less specific resource when the chosen one lacks the method', () => {
    const routes: Route[] = [
      ['GET', '/comments/mine'],
      ['ANY', '/comments/{id}'],
    ];
    // API Gateway answers PATCH /comments/mine itself (no such method on that resource): no route, no authorizer.
    expect(matched(routes, 'PATCH', '/comments/mine')).toBeUndefined();
    expect(matched(routes, 'PATCH', '/comments/7')).toBe('ANY /comments/{id}');
  });

  it('decides segment by segment from the left: an early literal outweighs later literals', () => {
    const routes: Route[] = [
      ['GET', '/{kind}/likes'],
      ['GET', '/comments/{proxy+}'],
    ];
    expect(matched(routes, 'GET', '/comments/likes')).toBe('GET /comments/{proxy+}');
    expect(matched(routes, 'GET', '/users/likes')).toBe('GET /{kind}/likes');
  });

  it('matches the root path "/" to the root resource only', () => {
    expect(matched(table, 'GET', '/')).toBe('GET /');
    expect(matched([['ANY', '/']], 'POST', '/')).toBe('ANY /');
    // A greedy parameter needs one segment at least, so /{proxy+} does not cover the root.
    expect(matched([['GET', '/{proxy+}']], 'GET', '/')).toBeUndefined();
    expect(matched([['GET', '/{proxy+}']], 'GET', '/x/y')).toBe('GET /{proxy+}');
  });

  it.each([
    ['a verb with no route', 'POST', '/comments/mine'],
    ['a path deeper than any fixed route and no greedy route', 'GET', '/users/1/x'],
    ['a path shorter than every route', 'GET', '/users'],
    ['an unknown literal', 'GET', '/posts/1'],
    ['an empty {param} segment', 'GET', '/users//avatar'],
    ['a trailing slash', 'GET', '/users/1/'],
  ])('returns undefined for %s', (_label, verb, path) => {
    const routes: Route[] = [
      ['GET', '/users/{id}/avatar'],
      ['GET', '/users/{id}'],
      ['GET', '/comments/mine'],
    ];
    expect(matched(routes, verb, path)).toBeUndefined();
  });

  it('returns undefined for an empty route table', () => {
    expect(matchRoute([], 'GET', '/')).toBeUndefined();
  });

  it('resolves a serverless-offline template path such as /comments/{id} to the {id} route', () => {
    // serverless-offline sends the path template instead of the concrete path.
    expect(matched(table, 'GET', '/comments/{id}')).toBe('GET /comments/{id}');
    expect(matched(table, 'GET', '/comments/{id}/likes')).toBe('GET /comments/{id}/likes');
    expect(matched(table, 'GET', '/comments/{id}/{proxy+}')).toBe('GET /comments/{id}/{proxy+}');
    expect(matched(table, 'PUT', '/comments/{id}')).toBe('ANY /comments/{id}');
  });

  it('returns the route object itself, with its permissions', () => {
    // Prepare
    const routes = [
      compileRoute({ method: 'GET', path: '/users/{id}', permissions: ['admin'] }, 0),
      compileRoute({ method: 'GET', path: '/users/{id}/avatar', permissions: [] }, 1),
    ];

    // Act
    const route = matchRoute(routes, 'GET', '/users/1');

    // Assess
    expect(route).toBe(routes[0]);
    expect(route?.permissions).toEqual(['admin']);
  });

  it('does not depend on the order of the routes', () => {
    const requests: Array<[string, string]> = [
      ['GET', '/comments/mine'],
      ['GET', '/comments/42'],
      ['GET', '/comments/42/likes'],
      ['GET', '/comments/42/replies'],
      ['DELETE', '/comments/42'],
      ['GET', '/'],
      ['POST', '/'],
    ];
    const reversed = [...table].reverse();
    for (const [verb, path] of requests) {
      expect(matched(reversed, verb, path)).toBe(matched(table, verb, path));
    }
    expect(requests.map(([verb, path]) => matched(reversed, verb, path))).toEqual([
      'GET /comments/mine',
      'GET /comments/{id}',
      'GET /comments/{id}/likes',
      'GET /comments/{id}/{proxy+}',
      'ANY /comments/{id}',
      'GET /',
      undefined,
    ]);
  });
});
