// The local gateway with a REST REQUEST authorizer: identity sources, the result cache, and the real requestHandler.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createGateway } from '../../../../scripts/gateway/gateway';
import type { GatewayRequest } from '../../../../scripts/gateway/incoming';
import type { Invocation, LambdaClient } from '../../../../scripts/gateway/lambda-client';
import type { GatewayModel } from '../../../../scripts/gateway/model/gateway-model';
import { gatewayModelOf } from '../../../../scripts/gateway/model/read-template';
import { useShapeWorld } from '../../../helpers/shape-world';

const TEMPLATE = path.resolve(__dirname, '../../../fixtures/gateway/packaged-template.json');
const scene = useShapeWorld();

interface Resource {
  Type: string;
  Properties: Record<string, unknown>;
}

/** The packaged template with its authorizer made a REQUEST one over `identitySource`. */
function requestModel(identitySource: string, ttl = 300): GatewayModel {
  const template = JSON.parse(readFileSync(TEMPLATE, 'utf8')) as { Resources: Record<string, Resource> };
  const authorizer = Object.values(template.Resources).find((r) => r.Type === 'AWS::ApiGateway::Authorizer');
  if (!authorizer) throw new Error('the fixture has no authorizer');
  authorizer.Properties.Type = 'REQUEST';
  authorizer.Properties.IdentitySource = identitySource;
  authorizer.Properties.AuthorizerResultTtlInSeconds = ttl;
  delete authorizer.Properties.IdentityValidationExpression;
  return gatewayModelOf(template);
}

/** A runtime in this process: the real authorizer's requestHandler path, and a backend answering 200. */
function runtime(model: GatewayModel): LambdaClient & { events: Array<Record<string, unknown>> } {
  const authorizerName = Object.values(model.authorizers)[0]!.lambda.functionName;
  const events: Array<Record<string, unknown>> = [];
  return {
    events,
    async invoke(name: string, event: unknown): Promise<Invocation> {
      if (name !== authorizerName) return { kind: 'ok', payload: { statusCode: 200, body: '{"ok":true}' } };
      events.push(event as Record<string, unknown>);
      try {
        return { kind: 'ok', payload: await scene.h.authorizer.authorizeRequest(event as never) };
      } catch (err) {
        return { kind: 'error', errorMessage: (err as Error).message, errorType: 'Error' };
      }
    },
    close() {},
  };
}

function request(method: string, requestPath: string, headers: Record<string, string>, query?: Record<string, string>) {
  const all = { 'Content-Type': 'application/json', ...headers };
  return {
    method,
    path: requestPath,
    headers: all,
    multiValueHeaders: Object.fromEntries(Object.entries(all).map(([k, v]) => [k, [v]])),
    query: query ?? null,
    multiValueQuery: query ? Object.fromEntries(Object.entries(query).map(([k, v]) => [k, [v]])) : null,
    body: method === 'POST' ? '{"text":"x"}' : null,
    isBase64Encoded: false,
    sourceIp: '127.0.0.1',
  } satisfies GatewayRequest;
}

describe('the local gateway with a REQUEST authorizer (requestHandler)', () => {
  it("caches the cache-safe policy by the identity sources: a reader's 200, then 403 from the cache, one invocation", async () => {
    // Prepare
    const model = requestModel('method.request.header.Authorization');
    const lambda = runtime(model);
    const gateway = createGateway({ model, lambda });
    const auth = { Authorization: `Bearer ${scene.world.token(scene.h, ['readers'])}` };

    // Act
    const read = await gateway(request('GET', '/comments/c-1', auth));
    const write = await gateway(request('POST', '/comments', auth));

    // Assess
    expect([read.statusCode, write.statusCode]).toEqual([200, 403]);
    expect(lambda.events).toHaveLength(1);
    expect(lambda.events[0]).toMatchObject({
      type: 'REQUEST',
      resource: '/comments/{id}',
      path: '/comments/c-1',
      httpMethod: 'GET',
      pathParameters: { id: 'c-1' },
      methodArn: expect.stringMatching(/\/GET\/comments\/c-1$/),
    });
    expect(lambda.events[0]).not.toHaveProperty('body');
  });

  it('answers 401 without invoking the function when an identity source is missing', async () => {
    // Prepare
    const model = requestModel('method.request.header.Authorization,method.request.querystring.client');
    const lambda = runtime(model);
    const gateway = createGateway({ model, lambda });
    const auth = { Authorization: `Bearer ${scene.world.token(scene.h, ['readers'])}` };

    // Act
    const noClient = await gateway(request('GET', '/comments', auth));
    const noHeader = await gateway(request('GET', '/comments', {}, { client: 'web' }));
    const web = await gateway(request('GET', '/comments', auth, { client: 'web' }));
    const cli = await gateway(request('GET', '/comments', auth, { client: 'cli' }));

    // Assess: another value of any identity source is another cache entry.
    expect([noClient.statusCode, noHeader.statusCode, web.statusCode, cli.statusCode]).toEqual([401, 401, 200, 200]);
    expect(lambda.events).toHaveLength(2);
  });

  it('never takes a REST token from the access_token query parameter, cached or not', async () => {
    // Prepare
    const token = scene.world.token(scene.h, ['writers']);
    const cachedModel = requestModel('method.request.header.Authorization');
    const uncachedModel = requestModel('method.request.header.Authorization', 0);
    const cachedLambda = runtime(cachedModel);
    const uncachedLambda = runtime(uncachedModel);

    // Act
    const cached = await createGateway({ model: cachedModel, lambda: cachedLambda })(
      request('GET', '/comments', {}, { access_token: token }),
    );
    const uncached = await createGateway({ model: uncachedModel, lambda: uncachedLambda })(
      request('GET', '/comments', {}, { access_token: token }),
    );

    // Assess: with the cache on API Gateway refuses before invoking; with it off the function refuses (401).
    expect([cached.statusCode, cachedLambda.events.length]).toEqual([401, 0]);
    expect([uncached.statusCode, uncachedLambda.events.length]).toEqual([401, 1]);
  });

  it('refuses at start an identity source it cannot read (a stage variable), instead of guessing its value', () => {
    // Prepare
    const model = requestModel('method.request.header.Authorization,stageVariables.tenant');

    // Act + Assess
    expect(() => createGateway({ model, lambda: runtime(model) })).toThrow(/stageVariables\.tenant is not emulated/);
  });
});
