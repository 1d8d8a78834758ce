// createPolicyBuilder: grouped Allow/Deny statements, exact permissions, size at 200 routes, and the cache-safety property.
import fc from 'fast-check';
import type { RouteConfig } from '../../../../authorizer/config/schema';
import { createPolicyBuilder, type PolicyDocument } from '../../../../authorizer/policy/build-policy';
import { matchRoute } from '../../../../authorizer/policy/match-route';
import { parseMethodArn } from '../../../../authorizer/policy/method-arn';
import { compileRouteTable } from '../../../../authorizer/policy/route-table';
import { REQUEST_VERBS } from '../../../../shared/route-manifest';
import { API_PREFIX, methodArn } from '../../../helpers/events';
import { evaluatePolicy, globMatches, WILDCARD_MODELS } from '../../../helpers/iam-evaluator';

type Method = RouteConfig['method'];

const route = (method: Method, path: string, permissions: string[] = []): RouteConfig => ({
  method,
  path,
  permissions,
});

function policyFor(routes: readonly RouteConfig[], permissions: readonly string[]): PolicyDocument {
  return createPolicyBuilder(routes).build(API_PREFIX, new Set(permissions)).document;
}

const at = (verb: string, path: string) => methodArn(verb, path);
const resources = (suffixes: string[]) => suffixes.map((s) => `${API_PREFIX}/${s}`);

describe('createPolicyBuilder', () => {
  describe('statements', () => {
    const routes = [
      route('GET', '/'),
      route('GET', '/comments', ['comments:read']),
      route('POST', '/comments', ['comments:write']),
      route('GET', '/comments/{id}', ['comments:read']),
      route('GET', '/comments/{id}/likes', ['likes:read']),
      route('ANY', '/admin/{proxy+}', ['admin']),
      route('DELETE', '/comments/{id}', ['comments:write']),
      route('ANY', '/public/{id}'),
    ];

    it('groups every resource into one Allow and one Deny statement, {param} as "*" and ANY as a "*" verb', () => {
      // Act
      const { document, deniesSome } = createPolicyBuilder(routes).build(API_PREFIX, new Set(['comments:read']));

      // Assess
      expect(document).toEqual({
        Version: '2012-10-17',
        Statement: [
          {
            Action: 'execute-api:Invoke',
            Effect: 'Allow',
            Resource: resources(['GET/', 'GET/comments', 'GET/comments/*', '*/public/*']),
          },
          {
            // Only withheld routes that an Allow's "*" could reach: GET/comments/* reaches .../likes, and
            // */public/* reaches GET/admin/public/x. POST /comments and DELETE /comments/{id} are unreachable.
            // A mid-pattern "*" is written twice ("*" and "*:*") so that it also covers ids with ":" under IAM's
            // colon rule.
            Action: 'execute-api:Invoke',
            Effect: 'Deny',
            Resource: resources(['GET/comments/*/likes', 'GET/comments/*:*/likes', '*/admin/*']),
          },
        ],
      });
      expect(deniesSome).toBe(true);
    });

    it('decides every configured route as its scopes say', () => {
      // Prepare
      const document = policyFor(routes, ['comments:read']);
      const requests: Array<[string, string, 'Allow' | 'Deny']> = [
        ['GET', '/', 'Allow'],
        ['GET', '/comments', 'Allow'],
        ['POST', '/comments', 'Deny'],
        ['GET', '/comments/1', 'Allow'],
        ['GET', '/comments/1/likes', 'Deny'],
        ['GET', '/admin/public/x', 'Deny'],
        ['DELETE', '/admin/users/7', 'Deny'],
        ['DELETE', '/comments/1', 'Deny'],
        ['PATCH', '/public/1', 'Allow'],
        ['GET', '/public/public', 'Allow'],
      ];

      // Act
      const effects = requests.map(([verb, path]) => evaluatePolicy(document, at(verb, path)));

      // Assess
      expect(effects).toEqual(requests.map(([, , effect]) => effect));
    });

    it('allows every route and denies only spill guards when every permission is held', () => {
      // Act
      const builder = createPolicyBuilder(routes);
      const { document, deniesSome } = builder.build(
        API_PREFIX,
        new Set(['comments:read', 'comments:write', 'likes:read', 'admin']),
      );

      // Assess
      expect(document.Statement.map((s) => s.Effect)).toEqual(['Allow', 'Deny']);
      // One resource per route, two for GET /comments/{id}/likes (its mid-pattern "*" in both colon forms).
      expect(document.Statement[0]?.Resource).toHaveLength(routes.length + 1);
      // Every Deny is a guard ("*/*"): no configured route is withheld from this token.
      for (const resource of document.Statement[1]?.Resource ?? []) expect(resource).toContain('*/*');
      expect(deniesSome).toBe(false);
      // Unlisted deeper paths stay denied where a guard is safe ...
      expect(evaluatePolicy(document, at('DELETE', '/comments/1/secret'))).toBe('Deny');
      expect(evaluatePolicy(document, at('GET', '/users/1/x'))).toBe('Deny'); // no Allow reaches it at all
      // ... and where a guard would hit a configured route, the builder warns instead: GET/comments/*/* would
      // deny GET /comments/{id}/likes, and */public/*/* (ANY's verb "*" spans "/") would deny GET /admin/public/x/y.
      expect(builder.warnings).toContainEqual(
        expect.objectContaining({ kind: 'unguarded_spill', route: 'GET /comments/{id}' }),
      );
      expect(builder.warnings).toContainEqual(
        expect.objectContaining({ kind: 'unguarded_spill', route: 'ANY /public/{id}' }),
      );
      for (const r of routes) {
        const path = r.path.replace('{proxy+}', 'x/y').replace(/\{[^}]+\}/g, '7');
        expect(evaluatePolicy(document, at(r.method === 'ANY' ? 'PATCH' : r.method, path))).toBe('Allow');
      }
    });

    it('denies the whole stage with a single Deny of prefix/* when no route is allowed', () => {
      // Prepare
      const guarded = [route('GET', '/comments', ['comments:read']), route('ANY', '/admin/{proxy+}', ['admin'])];

      // Act
      const { document, deniesSome } = createPolicyBuilder(guarded).build(API_PREFIX, new Set(['unrelated']));

      // Assess
      expect(document).toEqual({
        Version: '2012-10-17',
        Statement: [{ Action: 'execute-api:Invoke', Effect: 'Deny', Resource: [`${API_PREFIX}/*`] }],
      });
      expect(deniesSome).toBe(true);
      expect(evaluatePolicy(document, at('GET', '/comments'))).toBe('Deny');
    });

    it('uses the prefix it is given, such as a serverless-offline one, and allows its template ARNs', () => {
      // Prepare
      const prefix = 'arn:aws:execute-api:us-east-1:random-account-id:random-api-id/dev';
      const arn = `${prefix}/GET/comments/{id}`;

      // Act
      const { document } = createPolicyBuilder([route('GET', '/comments/{id}', ['comments:read'])]).build(
        parseMethodArn(arn).prefix,
        new Set(['comments:read']),
      );

      // Assess
      expect(document.Statement[0]?.Resource).toEqual([`${prefix}/GET/comments/*`]);
      expect(evaluatePolicy(document, arn)).toBe('Allow');
      expect(evaluatePolicy(document, at('GET', '/comments/1'))).toBe('Deny'); // another API's ARN
    });

    it('exposes the compiled routes in configuration order', () => {
      const builder = createPolicyBuilder(routes);
      expect(builder.routes.map((r) => `${r.method} ${r.path}`)).toEqual(routes.map((r) => `${r.method} ${r.path}`));
      expect(builder.routes.map((r) => r.index)).toEqual(routes.map((_, i) => i));
    });
  });

  describe('withheld routes under and over allowed ones', () => {
    it('a withheld GET /users/{id} does not take the allowed GET /users/{id}/avatar down with it', () => {
      // Prepare
      const routes = [route('GET', '/users/{id}', ['admin']), route('GET', '/users/{id}/avatar')];

      // Act
      const document = policyFor(routes, ['users:read']);

      // Assess
      expect(document.Statement).toEqual([
        {
          Action: 'execute-api:Invoke',
          Effect: 'Allow',
          Resource: resources(['GET/users/*/avatar', 'GET/users/*:*/avatar']),
        },
        // The spill guard: "*" spanning "/" in the id position would reach unlisted paths; with and without ":".
        {
          Action: 'execute-api:Invoke',
          Effect: 'Deny',
          Resource: resources([
            'GET/users/*/*/avatar',
            'GET/users/*/*:*/avatar',
            'GET/users/*:*/*/avatar',
            'GET/users/*:*/*:*/avatar',
          ]),
        },
      ]);
      expect(evaluatePolicy(document, at('GET', '/users/1/2/avatar'))).toBe('Deny');
      expect(evaluatePolicy(document, at('GET', '/users/1'))).toBe('Deny');
      expect(evaluatePolicy(document, at('GET', '/users/1/avatar'))).toBe('Allow');
      // With admin both are allowed.
      const admin = policyFor(routes, ['admin']);
      expect(evaluatePolicy(admin, at('GET', '/users/1'))).toBe('Allow');
      expect(evaluatePolicy(admin, at('GET', '/users/1/avatar'))).toBe('Allow');
    });

    it('an allowed GET /comments/{id} ("*" spans "/") gets an explicit Deny for the withheld /comments/{id}/likes', () => {
      // Prepare
      const routes = [
        route('GET', '/comments/{id}', ['comments:read']),
        route('GET', '/comments/{id}/likes', ['likes:read']),
      ];

      // Act
      const document = policyFor(routes, ['comments:read']);

      // Assess
      expect(document.Statement).toEqual([
        { Action: 'execute-api:Invoke', Effect: 'Allow', Resource: resources(['GET/comments/*']) },
        {
          Action: 'execute-api:Invoke',
          Effect: 'Deny',
          Resource: resources(['GET/comments/*/likes', 'GET/comments/*:*/likes']),
        },
      ]);
      expect(evaluatePolicy(document, at('GET', '/comments/1/likes'))).toBe('Deny');
      expect(evaluatePolicy(document, at('GET', '/comments/1'))).toBe('Allow');
    });

    it('an allowed ANY route gets a Deny for a withheld explicit verb on the same resource', () => {
      // Prepare
      const routes = [
        route('ANY', '/comments/{id}', ['comments:read']),
        route('DELETE', '/comments/{id}', ['comments:delete']),
      ];

      // Act
      const document = policyFor(routes, ['comments:read']);

      // Assess
      expect(evaluatePolicy(document, at('GET', '/comments/1'))).toBe('Allow');
      expect(evaluatePolicy(document, at('PATCH', '/comments/1'))).toBe('Allow');
      expect(evaluatePolicy(document, at('DELETE', '/comments/1'))).toBe('Deny');
    });
  });

  describe("IAM's colon rule: raw ':' in path values, judged under every wildcard model", () => {
    const nested = [
      route('GET', '/comments/{id}', ['comments:read']),
      route('GET', '/comments/{id}/likes', ['likes:read']),
    ];
    const tenants = [route('ANY', '/{proxy+}'), route('GET', '/tenants/{tenant}/billing', ['billing:read'])];

    it.each(WILDCARD_MODELS)(
      '%s: a comments:read token is denied GET /comments/urn:c:7/likes and allowed its comment',
      (model) => {
        // Act
        const document = policyFor(nested, ['comments:read']);

        // Assess: the trailing "*" of the Allow reaches across the colons; the Deny must reach as far.
        expect(evaluatePolicy(document, at('GET', '/comments/urn:c:7/likes'), model)).toBe('Deny');
        expect(evaluatePolicy(document, at('GET', '/comments/a:b/likes'), model)).toBe('Deny');
        expect(evaluatePolicy(document, at('GET', '/comments/7/likes'), model)).toBe('Deny');
        expect(evaluatePolicy(document, at('GET', '/comments/urn:c:7'), model)).toBe('Allow');
      },
    );

    it.each(WILDCARD_MODELS)(
      '%s: a likes:read token is allowed likes of an id with colons (no false deny)',
      (model) => {
        // Act
        const document = policyFor(nested, ['likes:read']);

        // Assess
        expect(evaluatePolicy(document, at('GET', '/comments/urn:c:7/likes'), model)).toBe('Allow');
        expect(evaluatePolicy(document, at('GET', '/comments/urn:c:7'), model)).toBe('Deny');
      },
    );

    it.each(WILDCARD_MODELS)('%s: ANY /{proxy+} beside GET /tenants/{tenant}/billing keeps billing denied', (model) => {
      // Act
      const open = policyFor(tenants, []);
      const billing = policyFor(tenants, ['billing:read']);

      // Assess
      expect(evaluatePolicy(open, at('GET', '/tenants/acme:eu/billing'), model)).toBe('Deny');
      expect(evaluatePolicy(open, at('GET', '/tenants/a:b:c/billing'), model)).toBe('Deny');
      expect(evaluatePolicy(open, at('POST', '/tenants/acme:eu/billing'), model)).toBe('Allow'); // ANY owns POST
      expect(evaluatePolicy(open, at('GET', '/anything/x:y/z'), model)).toBe('Allow');
      expect(evaluatePolicy(billing, at('GET', '/tenants/acme:eu/billing'), model)).toBe('Allow');
    });

    it('writes every mid-pattern "*" in both colon forms and leaves the trailing one and the ANY verb alone', () => {
      // Act
      const { routes } = compileRouteTable([route('ANY', '/t/{a}/x/{b}/y/{c}')]);

      // Assess
      expect(routes[0]?.emitted.allow).toEqual([
        '*/t/*/x/*/y/*',
        '*/t/*/x/*:*/y/*',
        '*/t/*:*/x/*/y/*',
        '*/t/*:*/x/*:*/y/*',
      ]);
    });
  });

  describe('literal routes beside wildcard ones', () => {
    it('a literal allowed sibling of a withheld {proxy+} needs no Deny, so it is not shadowed', () => {
      // Prepare
      const routes = [route('GET', '/files/public'), route('GET', '/files/{proxy+}', ['admin'])];

      // Act
      const document = policyFor(routes, []);

      // Assess
      expect(document.Statement).toEqual([
        { Action: 'execute-api:Invoke', Effect: 'Allow', Resource: resources(['GET/files/public']) },
      ]);
      expect(evaluatePolicy(document, at('GET', '/files/public'))).toBe('Allow');
      expect(evaluatePolicy(document, at('GET', '/files/1'))).toBe('Deny');
      expect(evaluatePolicy(document, at('GET', '/files/1/2'))).toBe('Deny');
      expect(evaluatePolicy(policyFor(routes, ['admin']), at('GET', '/files/1/2'))).toBe('Allow');
    });

    it('a withheld ANY route is denied verb by verb, sparing the allowed explicit verb on the same resource', () => {
      // Prepare
      const routes = [
        route('GET', '/comments', ['comments:read']),
        route('ANY', '/comments', ['admin']),
        route('GET', '/{p}'),
      ];

      // Act
      const document = policyFor(routes, ['comments:read']);

      // Assess
      expect(evaluatePolicy(document, at('GET', '/comments'))).toBe('Allow');
      for (const verb of ['POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']) {
        expect(evaluatePolicy(document, at(verb, '/comments'))).toBe('Deny');
      }
      expect(evaluatePolicy(document, at('GET', '/other'))).toBe('Allow');
    });

    it('warns at construction when a needed Deny can shadow a more specific allowed route (fail-closed)', () => {
      // Prepare: GET /{p}'s Allow reaches /a/{p}, whose Deny "GET/a/*" also matches /a/{p}/b.
      const routes = [route('GET', '/{p}'), route('GET', '/a/{p}', ['admin']), route('GET', '/a/{p}/b')];

      // Act
      const builder = createPolicyBuilder(routes);
      const document = builder.build(API_PREFIX, new Set()).document;

      // Assess
      expect(builder.warnings).toContainEqual(
        expect.objectContaining({ kind: 'deny_may_shadow', route: 'GET /a/{p}', other: 'GET /a/{p}/b' }),
      );
      expect(evaluatePolicy(document, at('GET', '/a/1'))).toBe('Deny');
      expect(evaluatePolicy(document, at('GET', '/a/1/b'))).toBe('Deny');
    });
  });

  describe('exact permission matching', () => {
    const routes = [
      route('GET', '/comments', ['comments:read']),
      route('POST', '/comments', ['comments:read', 'comments:write']),
    ];

    it.each([[['comments:readx']], [['Comments:Read']], [['*']], [['comments:rea']], [['comments:*']], [[]]])(
      'grants nothing for the permission set %j',
      (permissions) => {
        // Prepare
        const builder = createPolicyBuilder(routes);

        // Act
        const { document, deniesSome } = builder.build(API_PREFIX, new Set(permissions));

        // Assess
        expect(document.Statement.filter((s) => s.Effect === 'Allow')).toEqual([]);
        expect(evaluatePolicy(document, at('GET', '/comments'))).toBe('Deny');
        expect(evaluatePolicy(document, at('POST', '/comments'))).toBe('Deny');
        expect(builder.routes.some((r) => builder.allows(r, new Set(permissions)))).toBe(false);
        expect(deniesSome).toBe(true);
      },
    );

    it('grants a route with two scopes only when both are held', () => {
      const verdict = (permissions: string[]) =>
        evaluatePolicy(policyFor(routes, permissions), at('POST', '/comments'));
      expect(verdict(['comments:read'])).toBe('Deny');
      expect(verdict(['comments:write'])).toBe('Deny');
      expect(verdict(['comments:read', 'comments:write'])).toBe('Allow');
      expect(verdict(['comments:write', 'comments:read', 'extra'])).toBe('Allow');
    });

    it('always allows a route without scopes', () => {
      const builder = createPolicyBuilder([route('GET', '/me')]);
      const [me] = builder.routes;
      expect(me && builder.allows(me, new Set())).toBe(true);
      expect(evaluatePolicy(builder.build(API_PREFIX, new Set()).document, at('GET', '/me'))).toBe('Allow');
    });

    it('keeps giving the right answer after its memo of permission sets has been cleared', () => {
      // Prepare: more distinct relevant permission sets than the memo holds (256).
      const many = Array.from({ length: 300 }, (_, i) => route('GET', `/r${i}`, [`p${i}`]));
      const builder = createPolicyBuilder(many);

      // Act
      for (let i = 0; i < 300; i++) builder.build(API_PREFIX, new Set([`p${i}`]));
      const first = builder.build(API_PREFIX, new Set(['p0'])).document;

      // Assess
      expect(first.Statement).toEqual([
        { Action: 'execute-api:Invoke', Effect: 'Allow', Resource: resources(['GET/r0']) },
      ]);
    });
  });

  describe('size at 200 routes', () => {
    const BASES = [
      'comments',
      'users',
      'posts',
      'orders',
      'invoices',
      'products',
      'carts',
      'reviews',
      'tickets',
      'notifications',
    ];
    const VERBS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
    // 10 bases x 4 nested shapes = 40 resources, x 5 verbs = 200 routes.
    const table: RouteConfig[] = BASES.flatMap((base) =>
      [`/${base}`, `/${base}/{id}`, `/${base}/{id}/items`, `/${base}/{id}/items/{itemId}`].flatMap((path) => {
        const nested = path.includes('/items');
        return VERBS.map((method) =>
          route(method, path, [`${base}:${nested ? 'items:' : ''}${method === 'GET' ? 'read' : 'write'}`]),
        );
      }),
    );
    const concretePath = (path: string) => path.replace('{id}', '17').replace('{itemId}', '4');
    // 40 permissions exist; the token holds 20: read everywhere, items:read and write on every other base.
    const half = BASES.flatMap((base, i) => [
      `${base}:read`,
      ...(i % 2 === 0 ? [`${base}:items:read`, `${base}:write`] : []),
    ]);
    // Every route appears at most once (in Allow or in Deny), plus at most one spill guard per "*" of a
    // single-segment parameter; each resource with m mid-pattern stars is written in 2^m colon forms, each at
    // most 2m characters longer. That bounds the document for any token.
    const resourceBytes = (suffix: string) => JSON.stringify(`${API_PREFIX}/${suffix}`).length + 1;
    const colonForms = (suffix: string) => {
      const mid = suffix.slice(1, -1).split('*').length - 1;
      return 2 ** mid * (resourceBytes(suffix) + 2 * mid);
    };
    const ceiling =
      table.reduce((sum, r) => {
        const suffix = `${r.method}${r.path.replace(/\{[^}]+\}/g, '*')}`;
        const stars = [...suffix].flatMap((c, i) => (c === '*' ? [i] : []));
        const guards = stars.map((i) => colonForms(`${suffix.slice(0, i)}*/*${suffix.slice(i + 1)}`));
        return sum + colonForms(suffix) + guards.reduce((a, b) => a + b, 0);
      }, 0) + 200; // Version, two statement frames and Action/Effect keys

    it('has 200 distinct routes and a token holding half of the 40 permissions', () => {
      expect(table).toHaveLength(200);
      expect(new Set(table.map((r) => `${r.method} ${r.path}`)).size).toBe(200);
      expect(new Set(table.flatMap((r) => r.permissions)).size).toBe(40);
      expect(half).toHaveLength(20);
    });

    it('stays within two statements and under 20 KB, and still decides each of the 200 routes right', () => {
      // Prepare
      const builder = createPolicyBuilder(table);
      const permissions = new Set(half);

      // Act
      const { document } = builder.build(API_PREFIX, permissions);
      const bytes = Buffer.byteLength(JSON.stringify(document));

      // Assess
      expect(document.Statement.length).toBeLessThanOrEqual(2);
      expect(document.Statement.map((s) => s.Effect)).toEqual(['Allow', 'Deny']);
      // Measured: 80 Allow and 140 Deny resources (withheld routes plus spill guards, in both colon forms),
      // 18,169 bytes. A token holding everything gets 300 Allow and 400 guard resources, 59,941 bytes.
      expect(bytes).toBeLessThan(20 * 1024);
      expect(bytes).toBeLessThanOrEqual(ceiling);
      expect(ceiling).toBeLessThan(128 * 1024);
      const allowed = table.filter((r) => r.permissions.every((s) => permissions.has(s)));
      expect(allowed).toHaveLength(70);
      for (const r of table) {
        const effect = evaluatePolicy(document, at(r.method, concretePath(r.path)));
        expect([r.method, r.path, effect]).toEqual([r.method, r.path, allowed.includes(r) ? 'Allow' : 'Deny']);
      }
    });

    it('stays under the ceiling for a token holding every permission and for one holding none', () => {
      const builder = createPolicyBuilder(table);
      const all = builder.build(API_PREFIX, new Set(table.flatMap((r) => r.permissions))).document;
      const none = builder.build(API_PREFIX, new Set()).document;
      expect(all.Statement.map((s) => s.Effect)).toEqual(['Allow', 'Deny']);
      // 200 routes, 100 of them ({id}/items and {id}/items/{itemId}) with a mid-pattern "*" in two colon forms.
      expect(all.Statement[0]?.Resource).toHaveLength(300);
      expect(Buffer.byteLength(JSON.stringify(all))).toBeLessThan(60 * 1024);
      expect(Buffer.byteLength(JSON.stringify(all))).toBeLessThanOrEqual(ceiling);
      expect(none.Statement).toEqual([{ Action: 'execute-api:Invoke', Effect: 'Deny', Resource: [`${API_PREFIX}/*`] }]);
    });
  });

  describe('cache safety (property)', () => {
    const WORDS = ['comments', 'users', 'likes', 'a'] as const;
    const SCOPES = ['read', 'write', 'admin'] as const;
    const METHODS = ['GET', 'POST', 'DELETE', 'ANY'] as const;

    interface GeneratedRoute {
      method: (typeof METHODS)[number];
      /** A literal word, or null for a {param}. */
      segments: Array<string | null>;
      greedy: boolean;
      scopes: string[];
      /** Choices for one concrete request of this route: digits, or values with ":" (urn:c:7), never a literal word. */
      paramValues: string[];
      greedyValue: string[];
      /** Choices for a second request whose parameters are literal words, where routes compete for the request. */
      wordValues: string[];
      anyVerb: string;
    }

    // A path value may carry raw colons (API Gateway puts them into the method ARN as they are): under IAM's colon
    // rule a trailing "*" reaches across them and a mid-pattern "*" does not.
    const valueArb = fc.oneof(
      fc.integer({ min: 0, max: 99 }).map(String),
      fc.tuple(fc.constantFrom('urn', 'x', ''), fc.integer({ min: 0, max: 9 })).map(([a, n]) => `${a}:${n}`),
      fc.integer({ min: 0, max: 9 }).map((n) => `urn:c:${n}`),
    );
    const routeArb: fc.Arbitrary<GeneratedRoute> = fc.record({
      method: fc.constantFrom(...METHODS),
      segments: fc.array(fc.oneof(fc.constantFrom<string | null>(...WORDS), fc.constant(null)), {
        minLength: 1,
        maxLength: 3,
      }),
      greedy: fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
      scopes: fc.subarray([...SCOPES], { maxLength: 2 }),
      paramValues: fc.array(valueArb, { minLength: 3, maxLength: 3 }),
      greedyValue: fc.array(valueArb, { minLength: 1, maxLength: 2 }),
      wordValues: fc.array(fc.constantFrom(...WORDS), { minLength: 4, maxLength: 4 }),
      anyVerb: fc.constantFrom('GET', 'POST', 'DELETE', 'PATCH'),
    });

    const templatePath = (r: GeneratedRoute) =>
      '/' + [...r.segments.map((s, i) => s ?? `{p${i}}`), ...(r.greedy ? ['{proxy+}'] : [])].join('/');
    // API Gateway refuses two sibling {params} with different names, so a param's name is not part of a route's identity.
    const routeKey = (r: GeneratedRoute) =>
      `${r.method} ${r.segments.map((s) => s ?? '{}').join('/')}${r.greedy ? '/{+}' : ''}`;
    const concreteArn = (r: GeneratedRoute, words: boolean) => {
      const values = r.segments.map((s, i) => s ?? (words ? r.wordValues[i] : String(r.paramValues[i])));
      const greedy = r.greedy ? [words ? r.wordValues.slice(3).join('/') : r.greedyValue.join('/')] : [];
      return methodArn(r.method === 'ANY' ? r.anyVerb : r.method, '/' + [...values, ...greedy].join('/'));
    };

    /**
     * Drops the routes API Gateway would refuse to deploy next to the earlier ones: a resource has at most one
     * variable child, so {p} and {proxy+} cannot be siblings ("A sibling ({p}) of this resource already has a
     * variable path part -- only one is allowed").
     */
    const deployable = (routes: GeneratedRoute[]): GeneratedRoute[] => {
      const variableChild = new Map<string, string>();
      return routes.filter((r) => {
        const parts = [...r.segments.map((s) => s ?? '{}'), ...(r.greedy ? ['{+}'] : [])];
        const claims = parts.flatMap((part, i) =>
          part.startsWith('{') ? [[parts.slice(0, i).join('/'), part] as const] : [],
        );
        if (claims.some(([parent, kind]) => (variableChild.get(parent) ?? kind) !== kind)) return false;
        claims.forEach(([parent, kind]) => variableChild.set(parent, kind));
        return true;
      });
    };

    const caseArb = fc.record({
      routes: fc
        .uniqueArray(routeArb, { minLength: 2, maxLength: 8, selector: routeKey })
        .map(deployable)
        .filter((routes) => routes.length >= 2),
      permissions: fc.subarray([...SCOPES, 'other']),
    });

    it.each(WILDCARD_MODELS)(
      'under the %s wildcard model: the same answer whichever route built it, never an over-grant, exact without shadowing',
      (model) => {
        let runs = 0;
        let exactRuns = 0;
        let savedByDeny = 0; // requests an Allow's "*" reached but an explicit Deny stopped
        let mixedRuns = 0; // runs with both an Allow and a Deny among the decisions
        fc.assert(
          fc.property(caseArb, ({ routes: generated, permissions }) => {
            // Prepare
            const configs = generated.map((r) => route(r.method, templatePath(r), r.scopes));
            const builder = createPolicyBuilder(configs);
            const held = new Set(permissions);
            // One request per route with digit parameters, which API Gateway routes to that very route unless a
            // two-segment {proxy+} value fits a longer route, and one with literal words as parameters, which a more
            // specific route may take over.
            const arns = [
              ...new Set([
                ...generated.map((r) => concreteArn(r, false)),
                ...generated.map((r) => concreteArn(r, true)),
              ]),
            ];
            // Ground truth: the route API Gateway picks for each ARN, and whether its scopes are all held.
            const truths = arns.map((arn) => {
              const { verb, path } = parseMethodArn(arn);
              const picked = matchRoute(builder.routes, verb, path);
              // undefined: the resource exists but not with this method (POST /a with only GET /a and ANY /{p}), so
              // API Gateway answers it without ever calling the authorizer; such requests are skipped below.
              return picked === undefined ? undefined : picked.permissions.every((s) => held.has(s));
            });
            // The policy as built on the token's first call at each route (what API Gateway then caches).
            const builtAt = arns.map((arn) => builder.build(parseMethodArn(arn).prefix, held).document);
            const effectAtOwn = arns.map((arn, b) => evaluatePolicy(builtAt[b] as PolicyDocument, arn, model));
            // (1) Cache independence, document level: the policy is the same whichever route built it.
            builtAt.forEach((document) => expect(document).toEqual(builtAt[0]));
            const globs = (document: PolicyDocument, effect: 'Allow' | 'Deny') =>
              document.Statement.filter((s) => s.Effect === effect).flatMap((s) => s.Resource);
            // Shadowing: an emitted Deny's "*" hits a request whose picked route is allowed.
            const denies = globs(builtAt[0] as PolicyDocument, 'Deny');
            const shadowed = arns.some((arn, b) => truths[b] && denies.some((g) => globMatches(g, arn, model)));
            const effects = new Set<string>();
            const violations: string[] = [];

            // The first call is at a route's own request (digits); the cached result then answers every request.
            generated.forEach((routeA) => {
              const arnA = concreteArn(routeA, false);
              const cached = builtAt[arns.indexOf(arnA)] as PolicyDocument;
              arns.forEach((arnB, b) => {
                if (truths[b] === undefined) return;
                // Act: the token's first call was at A; its cached policy now answers a call at B.
                const effect = evaluatePolicy(cached, arnB, model);
                effects.add(effect);

                // Assess (1): cache independence, decision level.
                if (effect !== effectAtOwn[b]) violations.push(`(1) built at ${arnA}: ${effect} at ${arnB}`);
                // (2): never over-grant.
                if (effect === 'Allow' && !truths[b]) violations.push(`(2) over-grant at ${arnB}`);
                // (3): exact when no Deny shadows an allowed route.
                if (!shadowed && (effect === 'Allow') !== truths[b]) violations.push(`(3) ${effect} at ${arnB}`);
              });
            });
            expect(violations).toEqual([]);
            // The explicit Deny is what stops an Allow's "*" from over-granting: count the requests where it did.
            const allows = globs(builtAt[0] as PolicyDocument, 'Allow');
            arns.forEach((arn, b) => {
              if (truths[b] === false && allows.some((g) => globMatches(g, arn, model))) {
                expect(effectAtOwn[b]).toBe('Deny');
                savedByDeny++;
              }
            });
            runs++;
            if (!shadowed) exactRuns++;
            if (effects.size === 2) mixedRuns++;
          }),
          { numRuns: 300 },
        );

        // Not vacuous. Measured over many seeds: about 80% of tables are shadow-free (the exact case), about 60% of
        // runs mix Allow and Deny, and an explicit Deny stops an Allow's "*" on about 250 requests per 300 runs.
        // The bounds leave five standard deviations of room, so the test does not flake.
        expect(runs).toBe(300);
        expect(exactRuns / runs).toBeGreaterThan(0.65);
        expect(mixedRuns / runs).toBeGreaterThan(0.4);
        expect(savedByDeny).toBeGreaterThan(100);
      },
    );

    // Paths deeper than any configured route exist in an API whose routes drifted from AUTH_CONFIG: an Allow's "*"
    // must not spill into them, unless the builder warned that no guard could be emitted there.
    const deeperArbs = fc.constantFrom('/zz', '/q:r/zz', '/zz/q:r', '/a:b:c');

    it.each(WILDCARD_MODELS)(
      'under the %s wildcard model: no spill into unconfigured deeper paths without a warning',
      (model) => {
        let spillsDenied = 0;
        fc.assert(
          fc.property(caseArb, deeperArbs, ({ routes: generated, permissions }, deeper) => {
            // Prepare
            const builder = createPolicyBuilder(generated.map((r) => route(r.method, templatePath(r), r.scopes)));
            const warned = new Set(builder.warnings.filter((w) => w.kind === 'unguarded_spill').map((w) => w.route));
            const held = new Set(permissions);
            const document = builder.build(API_PREFIX, held).document;
            const violations: string[] = [];
            for (const r of generated) {
              const arn = concreteArn(r, false) + deeper;
              const { verb, path } = parseMethodArn(arn);
              if (REQUEST_VERBS.some((v) => matchRoute(builder.routes, v, path) !== undefined)) continue; // a configured resource

              // Act
              const effect = evaluatePolicy(document, arn, model);

              // Assess: an Allow here is only acceptable where an allowed route's spill was reported at cold start.
              const allowedSpillers = builder.routes.filter(
                (c) => builder.allows(c, held) && warned.has(`${c.method} ${c.path}`),
              );
              if (effect === 'Allow' && allowedSpillers.length === 0) violations.push(`spill to ${verb} ${path}`);
              if (effect === 'Deny') spillsDenied++;
            }
            expect(violations).toEqual([]);
          }),
          { numRuns: 300 },
        );
        expect(spillsDenied).toBeGreaterThan(100);
      },
    );
  });
});
