// The Lambda proxy event (v1) the gateway sends a backend, from a request read by incoming.ts, against the fixture.
import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { readRequest } from '../../../../../scripts/gateway/incoming';
import { proxyEventV1, type ProxyEventInput } from '../../../../../scripts/gateway/runtime/proxy-event';
import fixture from '../../../../fixtures/rest-event.json';

/** A request as Node's HTTP server hands it over: raw headers in order, body as a stream. */
function incoming(method: string, url: string, rawHeaders: string[], body = ''): IncomingMessage {
  return Object.assign(Readable.from(body ? [Buffer.from(body)] : []), {
    method,
    url,
    rawHeaders,
    socket: { remoteAddress: '203.0.113.7' },
  }) as unknown as IncomingMessage;
}

const { integrationLatency, ...authorizer } = fixture.requestContext.authorizer;
async function inputFor(req: IncomingMessage, extra: Partial<ProxyEventInput> = {}): Promise<ProxyEventInput> {
  return {
    request: await readRequest(req),
    resource: '/comments',
    stage: 'prod',
    requestId: fixture.requestContext.requestId,
    accountId: '123456789012',
    apiId: 'a1b2c3d4e5',
    requestTimeEpoch: fixture.requestContext.requestTimeEpoch,
    authorizer,
    authorizerLatencyMs: integrationLatency,
    ...extra,
  };
}
const fixtureRequest = () => incoming('GET', '/comments', Object.entries(fixture.headers).flat());

describe('proxyEventV1', () => {
  it('builds the fixture’s event, with every header in multiValueHeaders as AWS sends them', async () => {
    // Prepare
    const input = await inputFor(fixtureRequest());

    // Act
    const event = proxyEventV1(input);

    // Assess: the fixture leaves multiValueHeaders empty; AWS lists every header there (Developer Guide example).
    expect(event).toEqual({
      ...fixture,
      multiValueHeaders: Object.fromEntries(Object.entries(fixture.headers).map(([k, v]) => [k, [v]])),
      requestContext: {
        ...fixture.requestContext,
        extendedRequestId: expect.stringMatching(/^[A-Za-z0-9+/]{15}=$/),
        resourceId: expect.stringMatching(/^[0-9a-f]{6}$/),
      },
    });
  });

  it('leaves authorizer out entirely for a public route', async () => {
    // Prepare
    const { authorizer: _none, authorizerLatencyMs: _latency, ...input } = await inputFor(fixtureRequest());

    // Act
    const event = proxyEventV1(input);

    // Assess
    expect('authorizer' in event.requestContext).toBe(false);
    expect(JSON.parse(JSON.stringify(event)).requestContext).not.toHaveProperty('authorizer');
  });

  it('puts the template in resource, the concrete path in path and the stage in context.path', async () => {
    // Prepare
    const input = await inputFor(incoming('DELETE', '/comments/urn:c:7?x=1', ['Host', 'localhost:3000']), {
      resource: '/comments/{id}',
      pathParameters: { id: 'urn:c:7' },
    });

    // Act
    const event = proxyEventV1(input);

    // Assess
    expect(event).toMatchObject({
      resource: '/comments/{id}',
      path: '/comments/urn:c:7',
      httpMethod: 'DELETE',
      pathParameters: { id: 'urn:c:7' },
      queryStringParameters: { x: '1' },
      multiValueQueryStringParameters: { x: ['1'] },
      stageVariables: null,
    });
    expect(event.requestContext).toMatchObject({
      resourcePath: '/comments/{id}',
      path: '/prod/comments/urn:c:7',
      httpMethod: 'DELETE',
      domainName: 'localhost',
      domainPrefix: 'localhost',
    });
    expect(event.requestContext.identity.userAgent).toBeNull();
  });

  it('holds its own copies of the request’s maps, so later changes to either side cannot leak', async () => {
    // Prepare
    const pathParameters = { id: '1' };
    const input = await inputFor(fixtureRequest(), { pathParameters });

    // Act
    const event = proxyEventV1(input);
    pathParameters.id = '2';
    input.request.headers.Authorization = 'Bearer other';

    // Assess
    expect(event.pathParameters).toEqual({ id: '1' });
    expect(event.headers.Authorization).toBe('Bearer REDACTED');
  });

  it('gives null pathParameters for a template without variables', async () => {
    // Prepare
    const input = await inputFor(fixtureRequest(), { pathParameters: {} });

    // Act / Assess
    expect(proxyEventV1(input).pathParameters).toBeNull();
  });

  it('passes the body and its encoding on as incoming.ts read them', async () => {
    // Prepare
    const json = await inputFor(
      incoming('POST', '/comments', ['Host', 'h', 'Content-Type', 'application/json'], '{"text":"héllo"}'),
    );

    // Act
    const event = proxyEventV1(json);

    // Assess
    expect([event.body, event.isBase64Encoded]).toEqual(['{"text":"héllo"}', false]);
  });

  it('writes requestTime in Common Log Format from the injected epoch', async () => {
    // Prepare
    const input = await inputFor(fixtureRequest(), { requestTimeEpoch: Date.UTC(2027, 0, 5, 3, 4, 5, 678) });

    // Act
    const event = proxyEventV1(input);

    // Assess
    expect(event.requestContext.requestTime).toBe('05/Jan/2027:03:04:05 +0000');
    expect(event.requestContext.requestTimeEpoch).toBe(Date.UTC(2027, 0, 5, 3, 4, 5, 678));
  });
});
