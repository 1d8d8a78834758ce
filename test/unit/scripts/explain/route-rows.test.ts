// The route table of an explanation: which routes a --route selects (as written, or as API Gateway routes a request).
import { parseConfig } from '../../../../authorizer/config/load-config';
import { createPolicyBuilder } from '../../../../authorizer/policy/build-policy';
import { grantedRows, parseRouteRequest, refusedRows, selectRoutes } from '../../../../scripts/explain/route-rows';
import { caught } from '../../../helpers/caught';
import { testConfig } from '../../../helpers/config';

const ROUTES = [
  { method: 'GET' as const, path: '/comments', permissions: ['comments:read'] },
  { method: 'GET' as const, path: '/comments/{id}', permissions: ['comments:read'] },
  { method: 'ANY' as const, path: '/admin/{proxy+}', permissions: ['admin'] },
];
const policy = createPolicyBuilder(parseConfig(testConfig('https://idp.example.com', { routes: ROUTES })).routes);
const key = (r: { method: string; path: string }) => `${r.method} ${r.path}`;

describe('parseRouteRequest', () => {
  it('reads "METHOD /path", the method in any case', () => {
    expect(parseRouteRequest(' post  /comments ')).toEqual({ verb: 'POST', path: '/comments' });
  });

  it.each(['/comments', 'GET comments', 'TRACE /x', 'GET /a b'])('refuses %j with a TypeError', (text) => {
    expect(caught(TypeError, () => parseRouteRequest(text)).message).toMatch(/^route must be "METHOD \/path"/);
  });
});

describe('selectRoutes', () => {
  it('is every configured route without a request', () => {
    expect(selectRoutes(policy.routes).map(key)).toEqual(ROUTES.map(key));
  });

  it('finds a route as written, templates and ANY included', () => {
    expect(selectRoutes(policy.routes, { verb: 'GET', path: '/comments/{id}' }).map(key)).toEqual([
      'GET /comments/{id}',
    ]);
    expect(selectRoutes(policy.routes, { verb: 'ANY', path: '/admin/{proxy+}' }).map(key)).toEqual([
      'ANY /admin/{proxy+}',
    ]);
  });

  it('resolves a concrete request to the route API Gateway sends it to', () => {
    expect(selectRoutes(policy.routes, { verb: 'GET', path: '/comments/42' }).map(key)).toEqual(['GET /comments/{id}']);
    expect(selectRoutes(policy.routes, { verb: 'DELETE', path: '/admin/a/b' }).map(key)).toEqual([
      'ANY /admin/{proxy+}',
    ]);
  });

  it('keeps a request no route serves as itself, with no permissions', () => {
    expect(selectRoutes(policy.routes, { verb: 'ANY', path: '/nowhere' })).toEqual([
      { method: 'ANY', path: '/nowhere', permissions: [] },
    ]);
  });
});

describe('grantedRows and refusedRows', () => {
  it('decide each route from the grant and list what is missing', () => {
    // Prepare
    const held = new Set(['comments:read']);
    const routes = [...policy.routes, ...selectRoutes(policy.routes, { verb: 'PUT', path: '/x' })];

    // Act
    const rows = grantedRows(routes, policy.grantFor(held), held);

    // Assess
    expect(rows.map((r) => `${key(r)} ${r.decision} ${r.reason} [${r.missing.join(' ')}]`)).toEqual([
      'GET /comments allow ok []',
      'GET /comments/{id} allow ok []',
      'ANY /admin/{proxy+} deny insufficient_scope [admin]',
      'PUT /x deny route_not_configured []',
    ]);
  });

  it('deny every route to a refused token, with the refusal as the reason', () => {
    expect(refusedRows(policy.routes, 'expired').map((r) => `${r.decision} ${r.reason} ${r.missing}`)).toEqual([
      'deny expired comments:read',
      'deny expired comments:read',
      'deny expired admin',
    ]);
  });
});
