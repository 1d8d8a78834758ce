// httpApiHandler in-process (the local gateway serves only the REST API): simple responses judged per route, real keys.
import type { APIGatewayProxyEventV2, APIGatewayRequestAuthorizerEventV2 } from 'aws-lambda';
import type { HttpApiResult } from '../../../authorizer/create-authorizer';
import { makeGetMe } from '../../../services/me/get-me';
import { authorizedRoutes } from '../../../shared/route-manifest';
import type { Harness } from '../../helpers/authorizer-harness';
import { createClock } from '../../helpers/clock';
import { bearerEvent } from '../../helpers/events';
import { httpApiV2Event, restEvent } from '../../helpers/http-events';
import { lambdaContext } from '../../helpers/lambda-context';
import { httpApiEvent } from '../../helpers/shape-events';
import { expectFailure, lastDecision, settle, tamper, useShapeWorld } from '../../helpers/shape-world';

const scene = useShapeWorld();

const authorize = (event: APIGatewayRequestAuthorizerEventV2) => settle(scene.h.authorizer.authorizeHttpApi(event));

function expectAnswer(value: HttpApiResult | Error): HttpApiResult {
  if (value instanceof Error) throw new Error(`expected a simple response, got error ${value.message}`);
  return value;
}

const ROUTES = authorizedRoutes();
const held = { readers: ['comments:read'], writers: ['comments:read', 'comments:write'] } as const;

/**
 * HTTP API's result cache as AWS describes it: the answer is kept by the values of the identity sources and served
 * to any request of any route that carries the same values. `sources` picks them out of the event.
 */
function cachingGateway(harness: Harness, sources: (e: APIGatewayRequestAuthorizerEventV2) => unknown[]) {
  const cache = new Map<string, HttpApiResult>();
  let invocations = 0;
  return {
    invocations: () => invocations,
    async call(event: APIGatewayRequestAuthorizerEventV2): Promise<boolean> {
      const key = JSON.stringify(sources(event));
      let answer = cache.get(key);
      if (!answer) {
        invocations += 1;
        answer = await harness.authorizer.authorizeHttpApi(event);
        cache.set(key, answer);
      }
      return answer.isAuthorized;
    },
  };
}

describe('httpApiHandler: HTTP API Lambda authorizer, simple responses', () => {
  it.each(Object.entries(held))(
    'answers each route of the manifest for %s: true exactly where every permission is held',
    async (group, permissions) => {
      // Prepare
      const header = `Bearer ${scene.world.token(scene.h, [group])}`;

      // Act
      const answers: HttpApiResult[] = [];
      for (const r of ROUTES)
        answers.push(expectAnswer(await authorize(httpApiEvent(header, `${r.method} ${r.path}`))));

      // Assess
      ROUTES.forEach((r, i) => {
        const expected = r.permissions.every((p) => (permissions as readonly string[]).includes(p));
        expect([r.method, r.path, answers[i]?.isAuthorized]).toEqual([r.method, r.path, expected]);
      });
      // The context is the token's, whatever the route: the same object every time.
      for (const answer of answers) expect(answer.context).toBe(answers[0]?.context);
    },
  );

  it('logs allow and deny decisions with the route-independent facts', async () => {
    const header = `Bearer ${scene.world.token(scene.h, ['readers'])}`;
    expect(
      expectAnswer(await authorize(httpApiEvent(header, 'GET /comments/{id}', '/comments/c-1'))).isAuthorized,
    ).toBe(true);
    expect(lastDecision(scene.h)).toMatchObject({
      outcome: 'allow',
      reason: 'ok',
      provider: 'pool',
      principalId: 'user-readers',
    });
    expect(
      expectAnswer(await authorize(httpApiEvent(header, 'DELETE /comments/{id}', '/comments/c-1'))).isAuthorized,
    ).toBe(false);
    expect(lastDecision(scene.h)).toMatchObject({ outcome: 'deny', reason: 'insufficient_scope' });
  });

  it('fails (never answers) when the header it reads is not among the identity sources HTTP API caches by', async () => {
    // Prepare: a cache keyed by the route alone would serve this reader's answer to callers without a token.
    const header = `Bearer ${scene.world.token(scene.h, ['readers'])}`;
    const event = { ...httpApiEvent(header, 'GET /comments'), identitySource: ['GET /comments'] };

    // Act
    const answer = await authorize(event);

    // Assess
    expectFailure(answer, 'AuthorizerFailure');
    expect(lastDecision(scene.h)).toMatchObject({ outcome: 'error', reason: 'invalid_event' });
  });

  it.each(['GET /unlisted', '$default', 'ANY /comments', 'get /comments', 'GET /comments/{commentId}'])(
    'answers false for a route the authorizer does not know (%s)',
    async (routeKey) => {
      // Act
      const answer = expectAnswer(
        await authorize(httpApiEvent(`Bearer ${scene.world.token(scene.h, ['writers'])}`, routeKey, '/x')),
      );

      // Assess
      expect(answer.isAuthorized).toBe(false);
      expect(lastDecision(scene.h)).toMatchObject({ outcome: 'deny', reason: 'route_not_configured' });
    },
  );

  it.each([
    ['no Authorization header', () => httpApiEvent(undefined), 'missing'],
    [
      'a tampered token',
      () => httpApiEvent(`Bearer ${tamper(scene.world.token(scene.h, ['writers']), { sub: 'admin' })}`),
      'bad_signature',
    ],
    [
      'an expired token',
      () => httpApiEvent(`Bearer ${scene.world.token(scene.h, ['writers'], { exp: scene.h.clock.nowSeconds() - 60 })}`),
      'expired',
    ],
    ['garbage', () => httpApiEvent('Bearer not.a.jwt'), 'malformed'],
    [
      'two Authorization headers (HTTP API joins them with a comma)',
      () =>
        httpApiEvent(
          `Bearer ${scene.world.token(scene.h, ['readers'])},Bearer ${scene.world.token(scene.h, ['writers'])}`,
        ),
      'malformed',
    ],
    ['an oversize header', () => httpApiEvent(`Bearer ${'a'.repeat(20_000)}.b.c`), 'too_large'],
  ])('throws exactly Unauthorized (401, as REST) for %s', async (_label, makeEvent, reason) => {
    // Act
    const outcome = await authorize(makeEvent());

    // Assess: thrown, not `isAuthorized: false`, so the 401/403 contract is the one of the REST API.
    expectFailure(outcome, 'Unauthorized');
    expect(lastDecision(scene.h)).toMatchObject({ outcome: 'unauthorized', reason });
  });

  describe('cache safety: HTTP API reuses a cached answer for every route with the same identity sources', () => {
    it("keyed by the header and $context.routeKey (serverless.yml), no route ever gets another route's answer", async () => {
      // Prepare: a reader, first on a read route (the answer a header-only cache would keep), then everywhere.
      const header = `Bearer ${scene.world.token(scene.h, ['readers'])}`;
      const gateway = cachingGateway(scene.h, (e) => [e.headers?.authorization, e.routeKey]);
      const isFirst = (r: (typeof ROUTES)[number]) => r.method === 'GET' && r.path === '/comments';
      const order = [...ROUTES.filter(isFirst), ...ROUTES.filter((r) => !isFirst(r))];

      // Act: each route twice, the second time from the cache.
      const answers = [];
      for (const r of [...order, ...order])
        answers.push(await gateway.call(httpApiEvent(header, `${r.method} ${r.path}`)));

      // Assess
      const expected = order.map((r) => r.permissions.every((p) => p === 'comments:read'));
      expect(answers).toEqual([...expected, ...expected]);
      expect(gateway.invocations()).toBe(order.length);
    });

    it('keyed by the header alone (the misconfiguration the packaging check refuses), a reader would be let write', async () => {
      // Prepare
      const header = `Bearer ${scene.world.token(scene.h, ['readers'])}`;
      const gateway = cachingGateway(scene.h, (e) => [e.headers?.authorization]);

      // Act
      const read = await gateway.call(httpApiEvent(header, 'GET /comments'));
      const write = await gateway.call(httpApiEvent(header, 'POST /comments'));

      // Assess: the hazard is real, which is why the route key must be an identity source.
      expect([read, write]).toEqual([true, true]);
      expect(expectAnswer(await authorize(httpApiEvent(header, 'POST /comments'))).isAuthorized).toBe(false);
    });
  });

  it('gives a handler behind the HTTP API the same identity as behind the REST API', async () => {
    // Prepare: on the wall clock, which the handler's expiry check reads.
    const live = await scene.world.harness(createClock(Date.now()));
    const token = scene.world.token(live, ['writers']);
    const answer = await live.authorizer.authorizeHttpApi(httpApiEvent(`Bearer ${token}`, 'GET /me'));
    const policy = await live.authorizer.authorize(bearerEvent(token, 'GET', '/me'));
    const v2: APIGatewayProxyEventV2 = httpApiV2Event();
    // HTTP API delivers the context as the authorizer returned it, at requestContext.authorizer.lambda.
    const behindHttpApi = {
      ...v2,
      routeKey: 'GET /me',
      rawPath: '/me',
      requestContext: {
        ...v2.requestContext,
        http: { ...v2.requestContext.http, path: '/me' },
        authorizer: { lambda: answer.context },
      },
    } as APIGatewayProxyEventV2;
    // REST delivers every value as a string, principalId beside the context.
    const delivered: Record<string, string> = { principalId: policy.principalId };
    for (const [key, value] of Object.entries(policy.context ?? {})) delivered[key] = String(value);
    const behindRest = restEvent({ method: 'GET', path: '/me', authorizer: delivered });
    const getMe = makeGetMe();

    // Act
    const [viaHttpApi, viaRest] = await Promise.all([
      getMe(behindHttpApi, lambdaContext()),
      getMe(behindRest, lambdaContext()),
    ]);

    // Assess
    expect(viaHttpApi.statusCode).toBe(200);
    expect(JSON.parse(viaHttpApi.body)).toEqual(JSON.parse(viaRest.body));
    expect(JSON.parse(viaHttpApi.body)).toMatchObject({ principalId: 'user-writers', provider: 'pool' });
  });
});
