// authorizer/handler.ts's three exports as Lambda loads them: one cold start, one AUTH_CONFIG, the same keys and caches.
import type {
  APIGatewayAuthorizerResult,
  APIGatewayRequestAuthorizerEvent,
  APIGatewayRequestAuthorizerEventV2,
  APIGatewayTokenAuthorizerEvent,
} from 'aws-lambda';
import type { HttpApiResult } from '../../../authorizer/create-authorizer';
import { COGNITO_CLIENT, testConfig } from '../../helpers/config';
import { bearerEvent } from '../../helpers/events';
import { evaluatePolicy } from '../../helpers/iam-evaluator';
import { startJwksServer, type JwksServer } from '../../helpers/jwks-server';
import { createRsaKey, type TestKey } from '../../helpers/keys';
import { CONNECT_ARN, connectEvent, httpApiEvent, requestEvent } from '../../helpers/shape-events';
import { signToken } from '../../helpers/tokens';

type HandlerModule = {
  handler: (event: APIGatewayTokenAuthorizerEvent) => Promise<APIGatewayAuthorizerResult>;
  requestHandler: (event: APIGatewayRequestAuthorizerEvent) => Promise<APIGatewayAuthorizerResult>;
  httpApiHandler: (event: APIGatewayRequestAuthorizerEventV2) => Promise<HttpApiResult>;
  whenWarm: () => Promise<void>;
};

let server: JwksServer;
let key: TestKey;
let mod: HandlerModule;
let stdout: jest.SpyInstance;
const savedEnv = { ...process.env };

beforeAll(async () => {
  key = createRsaKey('handler-shapes-key');
  server = await startJwksServer([key.jwk]);
});
afterAll(() => server.close());
beforeEach(async () => {
  // The handler logs JSON lines to stdout; keep them for assertions instead of the test output.
  stdout = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  process.env.LOG_LEVEL = 'info';
  process.env.AUTH_CONFIG = JSON.stringify(testConfig(server.origin));
  jest.isolateModules(() => {
    // A fresh module per test: AUTH_CONFIG is read once, at load, as on a Lambda cold start.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    mod = require('../../../authorizer/handler') as HandlerModule;
  });
  await mod.whenWarm();
});
afterEach(() => {
  stdout.mockRestore();
  process.env = { ...savedEnv };
});

/** A reader's token on the wall clock (the module's authorizer runs on Date.now). */
function readerToken(): string {
  const now = Math.floor(Date.now() / 1000);
  return signToken(key, {
    iss: `${server.origin}/eu-west-1_TestPool`,
    sub: 'u-reader',
    token_use: 'access',
    client_id: COGNITO_CLIENT,
    'cognito:groups': ['readers'],
    iat: now,
    exp: now + 300,
  });
}

const logged = () => stdout.mock.calls.map((c) => String(c[0])).join('');

describe('authorizer/handler exports', () => {
  it('requestHandler answers a REST REQUEST event with the same policy as handler', async () => {
    // Prepare
    const token = readerToken();
    const event = requestEvent(`Bearer ${token}`, 'POST', '/comments');

    // Act
    const [viaRequest, viaToken] = [
      await mod.requestHandler(event),
      await mod.handler(bearerEvent(token, 'POST', '/comments')),
    ];

    // Assess
    expect(viaRequest).toEqual(viaToken);
    expect(evaluatePolicy(viaRequest.policyDocument as never, event.methodArn)).toBe('Deny');
  });

  it('requestHandler answers a WebSocket $connect event carrying access_token with an Allow of $connect', async () => {
    const result = await mod.requestHandler(connectEvent({ accessToken: readerToken() }));
    expect(result.principalId).toBe('u-reader');
    expect(evaluatePolicy(result.policyDocument as never, CONNECT_ARN)).toBe('Allow');
  });

  it('httpApiHandler answers isAuthorized for the routeKey, with the context the backend decodes', async () => {
    // Prepare
    const header = `Bearer ${readerToken()}`;

    // Act
    const read = await mod.httpApiHandler(httpApiEvent(header, 'GET /comments'));
    const write = await mod.httpApiHandler(httpApiEvent(header, 'POST /comments'));

    // Assess
    expect([read.isAuthorized, write.isAuthorized]).toEqual([true, false]);
    expect(read.context).toMatchObject({ principalId: 'u-reader', provider: 'pool', permissions: 'comments:read' });
  });

  it('each throws exactly Error("Unauthorized") for a missing or invalid token', async () => {
    const unauthorized = new Error('Unauthorized');
    await expect(mod.requestHandler(requestEvent(undefined))).rejects.toThrow(unauthorized);
    await expect(mod.requestHandler(connectEvent({ accessToken: 'a.b.c' }))).rejects.toThrow(unauthorized);
    await expect(mod.httpApiHandler(httpApiEvent('Bearer a.b.c'))).rejects.toThrow(unauthorized);
    await expect(mod.httpApiHandler(httpApiEvent(undefined))).rejects.toThrow(unauthorized);
  });

  it("each refuses another shape's event as an authorizer failure and logs why", async () => {
    await expect(mod.httpApiHandler(bearerEvent(readerToken()) as never)).rejects.toThrow(
      new Error('AuthorizerFailure'),
    );
    await expect(mod.requestHandler(httpApiEvent(`Bearer ${readerToken()}`) as never)).rejects.toThrow(
      new Error('AuthorizerFailure'),
    );
    await expect(mod.handler(requestEvent(`Bearer ${readerToken()}`) as never)).rejects.toThrow(
      new Error('AuthorizerFailure'),
    );
    expect(logged()).toContain('httpApiHandler takes an HTTP API payload 2.0 event; got a TOKEN event');
    expect(logged()).toContain(
      'requestHandler takes a REST or WebSocket (v1) REQUEST event; got an HTTP API payload 2.0 event',
    );
    expect(logged()).toContain('handler takes a REST TOKEN event; got a REQUEST event');
  });

  it('share one cold start: the keys fetched at load serve all three, nothing is fetched again', async () => {
    // Prepare
    const before = server.hits('/jwks.json');
    const token = readerToken();

    // Act
    await mod.handler(bearerEvent(token));
    await mod.requestHandler(connectEvent({ accessToken: readerToken() }));
    await mod.httpApiHandler(httpApiEvent(`Bearer ${readerToken()}`));

    // Assess
    expect(server.hits('/jwks.json')).toBe(before);
    expect(logged()).not.toContain(token.split('.')[2]);
  });
});
