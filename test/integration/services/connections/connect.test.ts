// The WebSocket $connect handler behind the real authorizer's answer: accepted with the decoded identity, or refused.
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { handler, makeConnect } from '../../../../services/connections/connect';
import { captureLogger } from '../../../helpers/capture-logger';
import { lambdaContext } from '../../../helpers/lambda-context';
import { connectEvent } from '../../../helpers/shape-events';
import { startShapeWorld, type ShapeWorld } from '../../../helpers/shape-world';
import { createClock } from '../../../helpers/clock';

let world: ShapeWorld;

beforeAll(async () => {
  world = await startShapeWorld();
});
afterAll(() => world.close());

/** The $connect integration event: the connect request, with the authorizer's context as API Gateway passes it on. */
function integrationEvent(authorizer: Record<string, unknown> | undefined): APIGatewayProxyEvent {
  const { type: _type, methodArn: _arn, ...request } = connectEvent({ accessToken: 'REDACTED' });
  return {
    ...request,
    isBase64Encoded: false,
    requestContext: { ...request.requestContext, ...(authorizer ? { authorizer } : {}) },
  } as unknown as APIGatewayProxyEvent;
}

describe('services/connections/connect', () => {
  it('accepts the connection the authorizer allowed, logging the connection and the caller, never the token', async () => {
    // Prepare
    const clock = createClock(Date.now());
    const h = await world.harness(clock);
    const token = world.token(h, ['readers']);
    const allowed = await h.authorizer.authorizeRequest(connectEvent({ accessToken: token }));
    const logger = captureLogger();
    const event = integrationEvent({ principalId: allowed.principalId, ...allowed.context, integrationLatency: 12 });

    // Act
    const response = await makeConnect({ logger, now: clock.now })(event, lambdaContext());

    // Assess
    expect(response.statusCode).toBe(200);
    const accepted = logger.entries().find((e) => e.message === 'connection accepted');
    expect(accepted).toMatchObject({
      connectionId: 'L2Zk9cUwjoECFag=',
      userId: `${world.server.origin}/eu-west-1_TestPool#user-readers`,
      operation: 'connections.connect',
    });
    expect(logger.lines.join('\n')).not.toContain(token);
  });

  it('refuses (401) a connect that reached it without an authorizer context, or with an expired one', async () => {
    // Prepare
    const clock = createClock(Date.now());
    const h = await world.harness(clock);
    const allowed = await h.authorizer.authorizeRequest(connectEvent({ accessToken: world.token(h, ['readers']) }));
    const context = { principalId: allowed.principalId, ...allowed.context };
    const connect = makeConnect({ logger: captureLogger(), now: () => clock.now() + 2 * 3600 * 1000 });

    // Act
    const missing = await connect(integrationEvent(undefined), lambdaContext());
    const expired = await connect(integrationEvent(context), lambdaContext());

    // Assess: a non-2xx answer makes API Gateway refuse the WebSocket connection.
    expect([missing.statusCode, expired.statusCode]).toEqual([401, 401]);
  });

  it('the deployed export (services/connections/connect.handler) accepts it too, on the wall clock', async () => {
    // Prepare
    const h = await world.harness(createClock(Date.now()));
    const allowed = await h.authorizer.authorizeRequest(connectEvent({ accessToken: world.token(h, ['writers']) }));

    // Act
    const response = await handler(
      integrationEvent({ principalId: allowed.principalId, ...allowed.context }),
      lambdaContext(),
    );

    // Assess
    expect(response.statusCode).toBe(200);
  });
});
