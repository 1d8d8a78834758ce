// requestHandler's two APIs in-process: REST REQUEST and WebSocket $connect, real keys and a real JWKS server.
import type { APIGatewayAuthorizerResult } from 'aws-lambda';
import { decodeAuthContext } from '../../../shared/auth-context';
import { authorizedRoutes } from '../../../shared/route-manifest';
import type { Harness } from '../../helpers/authorizer-harness';
import { API_PREFIX, bearerEvent, methodArn } from '../../helpers/events';
import { evaluatePolicy, WILDCARD_MODELS } from '../../helpers/iam-evaluator';
import { CONNECT_ARN, connectEvent, requestEvent, WEBSOCKET_PREFIX } from '../../helpers/shape-events';
import { expectFailure, lastDecision, settle, tamper, useShapeWorld } from '../../helpers/shape-world';

const scene = useShapeWorld();

const request = (event: Parameters<Harness['authorizer']['authorizeRequest']>[0]) =>
  settle(scene.h.authorizer.authorizeRequest(event));

function expectPolicy(value: APIGatewayAuthorizerResult | Error): APIGatewayAuthorizerResult {
  if (value instanceof Error) throw new Error(`expected a policy, got error ${value.message}`);
  return value;
}

/** Asserts the event is refused with exactly Unauthorized (401), and the decision line's reason. */
async function expectRefused(event: Parameters<typeof request>[0], reason: string): Promise<void> {
  // Act
  const outcome = await request(event);

  // Assess
  expectFailure(outcome, 'Unauthorized');
  expect(lastDecision(scene.h)).toMatchObject({ outcome: 'unauthorized', reason });
}

/** The effect at `arn` under every reading of IAM's wildcards; fails when the readings disagree. */
function effectAt(result: APIGatewayAuthorizerResult, arn: string): string {
  const effects = WILDCARD_MODELS.map((model) => evaluatePolicy(result.policyDocument as never, arn, model));
  expect([arn, new Set(effects).size]).toEqual([arn, 1]);
  return effects[0] as string;
}

/** Concrete request paths for the manifest's routes ({id} filled with a value holding ":", as IAM's colon rule bites). */
const CONCRETE = authorizedRoutes().map((r) => ({ ...r, concrete: r.path.replace('{id}', 'urn:c:7') }));

describe('requestHandler: REST API REQUEST authorizer', () => {
  it('allows a writer with the same cache-safe policy the TOKEN handler returns, and a decodable context', async () => {
    // Prepare
    const token = scene.world.token(scene.h, ['writers']);

    // Act
    const result = expectPolicy(await request(requestEvent(`Bearer ${token}`, 'POST', '/comments')));
    const viaToken = await scene.h.authorizer.authorize(bearerEvent(token, 'POST', '/comments'));

    // Assess
    expect(result).toEqual(viaToken);
    expect(effectAt(result, methodArn('POST', '/comments'))).toBe('Allow');
    expect(decodeAuthContext({ principalId: result.principalId, ...result.context })).toMatchObject({
      principalId: 'user-writers',
      provider: 'pool',
      permissions: ['comments:read', 'comments:write'],
    });
    expect(lastDecision(scene.h)).toMatchObject({ outcome: 'allow', reason: 'ok', provider: 'pool', kid: 'shape-key' });
  });

  it('denies a reader the write routes (403 through the Deny), with a route-independent reason', async () => {
    const result = expectPolicy(
      await request(requestEvent(`Bearer ${scene.world.token(scene.h, ['readers'])}`, 'POST', '/comments')),
    );
    expect(effectAt(result, methodArn('POST', '/comments'))).toBe('Deny');
    expect(result.context?.error).toBe('insufficient_scope');
    expect(lastDecision(scene.h)).toMatchObject({ outcome: 'deny', reason: 'insufficient_scope' });
  });

  it('is cache-safe: whichever route triggered it, the policy answers every route as the manifest says', async () => {
    // Prepare: API Gateway caches the first answer by the identity source and reuses it on every route.
    const token = scene.world.token(scene.h, ['readers']);
    const results = await Promise.all(
      CONCRETE.map((r) => request(requestEvent(`Bearer ${token}`, r.method, r.concrete))),
    );

    // Assess
    for (const result of results) expect(result).toEqual(results[0]);
    const cached = expectPolicy(results[0] as APIGatewayAuthorizerResult);
    for (const r of CONCRETE) {
      const expected = r.permissions.every((p) => p === 'comments:read') ? 'Allow' : 'Deny';
      expect([r.method, r.path, effectAt(cached, methodArn(r.method, r.concrete))]).toEqual([
        r.method,
        r.path,
        expected,
      ]);
    }
    expect(effectAt(cached, methodArn('GET', '/comments/urn:c:7/secret'))).toBe('Deny');
    expect(effectAt(cached, `${API_PREFIX.replace('/prod', '/other')}/GET/comments`)).toBe('Deny');
  });

  it.each([
    ['no Authorization header', () => requestEvent(undefined), 'missing'],
    [
      'null headers',
      () => requestEvent(undefined, 'GET', '/comments', { headers: null, multiValueHeaders: null }),
      'missing',
    ],
    [
      'a tampered token',
      () => requestEvent(`Bearer ${tamper(scene.world.token(scene.h, ['writers']), { sub: 'admin' })}`),
      'bad_signature',
    ],
    ['a non-bearer scheme', () => requestEvent(`Basic ${scene.world.token(scene.h, ['writers'])}`), 'malformed'],
    ['an oversize header', () => requestEvent(`Bearer ${'a'.repeat(20_000)}.b.c`), 'too_large'],
    [
      'two different Authorization headers',
      () =>
        requestEvent(`Bearer ${scene.world.token(scene.h, ['readers'])}`, 'GET', '/comments', {
          multiValueHeaders: {
            Authorization: [
              `Bearer ${scene.world.token(scene.h, ['readers'])}`,
              `Bearer ${scene.world.token(scene.h, ['writers'])}`,
            ],
          },
        }),
      'malformed',
    ],
    [
      'headers and multiValueHeaders disagreeing',
      () =>
        requestEvent(`Bearer ${scene.world.token(scene.h, ['readers'])}`, 'GET', '/comments', {
          multiValueHeaders: { authorization: [`Bearer ${scene.world.token(scene.h, ['writers'])}`] },
        }),
      'malformed',
    ],
    [
      'an Authorization value that is not text',
      () => requestEvent(undefined, 'GET', '/comments', { headers: { Authorization: 7 as unknown as string } }),
      'malformed',
    ],
  ])('refuses %s with exactly Unauthorized', (_label, makeEvent, reason) => expectRefused(makeEvent(), reason));

  it('reads the header case-insensitively and accepts the same value repeated', async () => {
    // Prepare
    const header = `Bearer ${scene.world.token(scene.h, ['readers'])}`;
    const lower = requestEvent(undefined, 'GET', '/comments', {
      headers: { authorization: header },
      multiValueHeaders: { AUTHORIZATION: [header, header] },
    });

    // Act + Assess
    expect(expectPolicy(await request(lower)).principalId).toBe('user-readers');
  });

  it('never reads the access_token query parameter: alone it is a missing token, beside a header it is ignored', async () => {
    // Prepare
    const reader = scene.world.token(scene.h, ['readers']);
    const writer = scene.world.token(scene.h, ['writers']);
    const query = {
      queryStringParameters: { access_token: writer },
      multiValueQueryStringParameters: { access_token: [writer] },
    };

    // Act
    const alone = await request(requestEvent(undefined, 'GET', '/comments', query));
    const aloneDecision = lastDecision(scene.h);
    const beside = expectPolicy(await request(requestEvent(`Bearer ${reader}`, 'POST', '/comments', query)));

    // Assess: the writer's token in the URL granted nothing; the reader's header decided.
    expectFailure(alone, 'Unauthorized');
    expect(aloneDecision).toMatchObject({ outcome: 'unauthorized', reason: 'missing' });
    expect(beside.principalId).toBe('user-readers');
    expect(effectAt(beside, methodArn('POST', '/comments'))).toBe('Deny');
  });

  it('shares the verified-token cache with the TOKEN handler: a repeated header is not verified again', async () => {
    // Prepare
    const header = `Bearer ${scene.world.token(scene.h, ['writers'])}`;
    await scene.h.authorizer.authorize({
      type: 'TOKEN',
      authorizationToken: header,
      methodArn: methodArn('GET', '/me'),
    });
    scene.world.server.setKeys([]);
    try {
      scene.h.clock.advance(60_000);
      // Act: the key source now has no keys; only the cache can answer.
      const result = expectPolicy(await request(requestEvent(header)));

      // Assess
      expect(result.principalId).toBe('user-writers');
    } finally {
      scene.world.server.setKeys([scene.world.key.jwk]);
    }
  });
});

describe('requestHandler: WebSocket API $connect authorizer', () => {
  it('allows a valid token from access_token (RFC 6750 §2.3) with an Allow of exactly $connect', async () => {
    // Act
    const result = expectPolicy(await request(connectEvent({ accessToken: scene.world.token(scene.h, ['readers']) })));

    // Assess
    expect(result.principalId).toBe('user-readers');
    expect(result.policyDocument).toEqual({
      Version: '2012-10-17',
      Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: [CONNECT_ARN] }],
    });
    expect(decodeAuthContext({ principalId: result.principalId, ...result.context })).toMatchObject({
      principalId: 'user-readers',
      permissions: ['comments:read'],
    });
    expect(lastDecision(scene.h)).toMatchObject({ outcome: 'allow', reason: 'ok', provider: 'pool' });
  });

  it('allows a valid token from the Authorization header (non-browser clients)', async () => {
    const result = expectPolicy(
      await request(connectEvent({ authorization: `Bearer ${scene.world.token(scene.h, ['writers'])}` })),
    );
    expect(effectAt(result, CONNECT_ARN)).toBe('Allow');
  });

  it('needs no permission to connect: a token holding none still connects, and gets nothing else', async () => {
    // Act
    const result = expectPolicy(await request(connectEvent({ accessToken: scene.world.token(scene.h, []) })));

    // Assess: under every wildcard model only $connect of this API and stage is allowed.
    expect(effectAt(result, CONNECT_ARN)).toBe('Allow');
    for (const arn of [
      `${WEBSOCKET_PREFIX}/$disconnect`,
      `${WEBSOCKET_PREFIX}/$default`,
      `${WEBSOCKET_PREFIX}/sendmessage`,
      `${WEBSOCKET_PREFIX}/$connect/x`,
      CONNECT_ARN.replace('/prod/', '/other/'),
      CONNECT_ARN.replace('w1s2c3d4e5', 'o1t2h3e4r5'),
      methodArn('GET', '/comments'),
    ]) {
      expect([arn, effectAt(result, arn)]).toEqual([arn, 'Deny']);
    }
    expect(JSON.stringify(result).length).toBeLessThan(8 * 1024); // the WebSocket API's result limit
  });

  it.each([
    ['no token at all', () => connectEvent(), 'missing'],
    [
      'a tampered token',
      () => connectEvent({ accessToken: tamper(scene.world.token(scene.h, ['readers']), { sub: 'x' }) }),
      'bad_signature',
    ],
    ['an access_token that is not a JWT', () => connectEvent({ accessToken: 'not-a-jwt' }), 'malformed'],
    ['an oversize access_token', () => connectEvent({ accessToken: `${'a'.repeat(9_000)}.b.c` }), 'too_large'],
    [
      'a token both in the header and in access_token (RFC 6750 §2: one method)',
      () => {
        const token = scene.world.token(scene.h, ['readers']);
        return connectEvent({ accessToken: token, authorization: `Bearer ${token}` });
      },
      'malformed',
    ],
    [
      'two different access_token parameters',
      () => ({
        ...connectEvent({ accessToken: scene.world.token(scene.h, ['readers']) }),
        multiValueQueryStringParameters: {
          access_token: [scene.world.token(scene.h, ['readers']), scene.world.token(scene.h, ['writers'])],
        },
      }),
      'malformed',
    ],
  ])('refuses %s with exactly Unauthorized', (_label, makeEvent, reason) => expectRefused(makeEvent(), reason));

  it('reads access_token only for a CONNECT event with a connectionId', async () => {
    // Prepare: the same event, its requestContext no longer a connect.
    const token = scene.world.token(scene.h, ['readers']);
    const base = connectEvent({ accessToken: token });
    const notConnect = [
      { ...base, requestContext: { ...base.requestContext, eventType: 'MESSAGE' } },
      { ...base, requestContext: { ...base.requestContext, connectionId: '' } },
      { ...base, requestContext: { ...base.requestContext, connectionId: undefined } },
    ];

    // Act
    const outcomes = [];
    for (const event of notConnect) outcomes.push([await request(event), lastDecision(scene.h)] as const);

    // Assess: read as REST REQUEST events, whose $connect ARN is no REST method ARN: a 500, never an Allow.
    for (const [outcome, decision] of outcomes) {
      expectFailure(outcome, 'AuthorizerFailure');
      expect(decision).toMatchObject({ outcome: 'error', reason: 'invalid_event' });
    }
  });

  it('refuses a CONNECT event whose methodArn is not a $connect ARN as an authorizer failure', async () => {
    const token = scene.world.token(scene.h, ['readers']);
    for (const arn of [methodArn('GET', '/comments'), `${WEBSOCKET_PREFIX}/$default`, 'x'.repeat(2_000), undefined]) {
      const outcome = await request({ ...connectEvent({ accessToken: token }), methodArn: arn as string });
      expectFailure(outcome, 'AuthorizerFailure');
      expect(lastDecision(scene.h)).toMatchObject({ outcome: 'error', reason: 'invalid_event' });
    }
  });
});
