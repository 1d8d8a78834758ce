// Rendering a gateway response read by the model: header mappings from the request or literals, and the body template.
import { readResources } from '../../../../../scripts/gateway/model/cfn-values';
import type { GatewayModel, SpecificGatewayResponseType } from '../../../../../scripts/gateway/model/gateway-model';
import { gatewayResponseFor, readGatewayResponses } from '../../../../../scripts/gateway/model/gateway-responses';
import {
  renderGatewayResponse,
  type GatewayError,
  type ResponseRequest,
} from '../../../../../scripts/gateway/runtime/render-response';

/** The response the model resolves for `type` from GatewayResponse properties, as a packaged template holds them. */
function resolved(type: SpecificGatewayResponseType, responses: Record<string, object>) {
  const Resources = Object.fromEntries(
    Object.entries(responses).map(([responseType, properties]) => [
      `GatewayResponse${responseType}`,
      {
        Type: 'AWS::ApiGateway::GatewayResponse',
        Properties: { ResponseType: responseType, RestApiId: { Ref: 'ApiGatewayRestApi' }, ...properties },
      },
    ]),
  );
  const gatewayResponses = readGatewayResponses(readResources({ Resources }), 'ApiGatewayRestApi');
  return gatewayResponseFor({ gatewayResponses } as unknown as GatewayModel, type);
}

const request: ResponseRequest = {
  headers: { Origin: 'https://app.example.com', 'X-Multi': 'last', Authorization: 'Bearer t' },
  multiValueHeaders: { Origin: ['https://app.example.com'], 'X-Multi': ['first', 'last'], Authorization: ['Bearer t'] },
  query: { q: 'b' },
  multiValueQuery: { q: ['a', 'b'] },
  pathParameters: { id: '42' },
  stageVariables: { env: 'local' },
  requestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
  context: { stage: 'prod', 'identity.sourceIp': '203.0.113.7' },
};
const unauthorized: GatewayError = { responseType: 'UNAUTHORIZED', message: 'Unauthorized' };

describe('renderGatewayResponse: headers', () => {
  it('keeps the inner double quotes of a literal written in the template', () => {
    // Prepare: the CloudFormation value, outer single quotes and all.
    const response = resolved('UNAUTHORIZED', {
      UNAUTHORIZED: {
        ResponseParameters: {
          'gatewayresponse.header.WWW-Authenticate': `'Bearer realm="comments", error="invalid_token"'`,
        },
      },
    });

    // Act
    const rendered = renderGatewayResponse(response, unauthorized, request);

    // Assess
    expect(rendered.statusCode).toBe(401);
    expect(rendered.headers['WWW-Authenticate']).toBe('Bearer realm="comments", error="invalid_token"');
  });

  it('resolves method.request.header.X case-insensitively and omits the header when the request lacks it', () => {
    // Prepare: a DEFAULT_4XX for CORS, reaching the authorizer's 401 by fallback.
    const response = resolved('UNAUTHORIZED', {
      DEFAULT_4XX: {
        ResponseParameters: {
          'gatewayresponse.header.Access-Control-Allow-Origin': 'method.request.header.origin',
          'gatewayresponse.header.Vary': "'Origin'",
          'gatewayresponse.header.X-Missing': 'method.request.header.X-Not-Sent',
          'gatewayresponse.header.X-Last': 'method.request.header.x-multi',
          'gatewayresponse.header.X-All': 'method.request.multivalueheader.X-Multi',
        },
      },
    });

    // Act
    const rendered = renderGatewayResponse(response, unauthorized, request);

    // Assess
    expect(rendered.headers).toEqual({
      'Access-Control-Allow-Origin': 'https://app.example.com',
      Vary: 'Origin',
      'X-Last': 'last',
      'X-All': 'first,last',
      'Content-Type': 'application/json',
      'x-amzn-RequestId': request.requestId,
    });
  });

  it('maps query string, path, stage variable and context sources', () => {
    // Prepare
    const response = resolved('ACCESS_DENIED', {
      ACCESS_DENIED: {
        ResponseParameters: {
          'gatewayresponse.header.X-Q': 'method.request.querystring.q',
          'gatewayresponse.header.X-Qs': 'method.request.multivaluequerystring.q',
          'gatewayresponse.header.X-Id': 'method.request.path.id',
          'gatewayresponse.header.X-Env': 'stageVariables.env',
          'gatewayresponse.header.X-Stage': 'context.stage',
          'gatewayresponse.header.X-Request': 'context.requestId',
          'gatewayresponse.header.X-None': 'context.nothing',
        },
      },
    });

    // Act
    const { headers } = renderGatewayResponse(response, { ...unauthorized, responseType: 'ACCESS_DENIED' }, request);

    // Assess
    expect(headers).toMatchObject({ 'X-Q': 'b', 'X-Qs': 'a,b', 'X-Id': '42', 'X-Env': 'local', 'X-Stage': 'prod' });
    expect(headers['X-Request']).toBe(request.requestId);
    expect(headers).not.toHaveProperty('X-None');
  });

  it('keeps a Content-Type the mapping sets, whatever its case', () => {
    // Prepare
    const response = resolved('UNAUTHORIZED', {
      UNAUTHORIZED: { ResponseParameters: { 'gatewayresponse.header.content-type': "'text/plain'" } },
    });

    // Act
    const { headers } = renderGatewayResponse(response, unauthorized, request);

    // Assess
    expect(headers['content-type']).toBe('text/plain');
    expect(headers).not.toHaveProperty('Content-Type');
  });
});

describe('renderGatewayResponse: body', () => {
  it('renders AWS’s built-in body for a type the template does not customize', () => {
    // Prepare / Act
    const rendered = renderGatewayResponse(resolved('UNAUTHORIZED', {}), unauthorized, request);

    // Assess
    expect(rendered).toMatchObject({ statusCode: 401, body: '{"message":"Unauthorized"}' });
  });

  it('renders {"message":null} for the authorizer 500s, whose message is null, at the status the template sets', () => {
    // Prepare
    const response = resolved('AUTHORIZER_FAILURE', {
      AUTHORIZER_FAILURE: { StatusCode: '503', ResponseParameters: { 'gatewayresponse.header.Retry-After': "'5'" } },
    });

    // Act
    const rendered = renderGatewayResponse(response, { responseType: 'AUTHORIZER_FAILURE', message: null }, request);

    // Assess
    expect(rendered.statusCode).toBe(503);
    expect(rendered.headers['Retry-After']).toBe('5');
    expect(JSON.parse(rendered.body)).toEqual({ message: null });
  });

  it('substitutes messageString as a JSON literal, message raw, requestId, responseType and context variables', () => {
    // Prepare
    const template =
      '{"m":$context.error.messageString,"raw":"$context.error.message","id":"$context.requestId",' +
      '"type":"${context.error.responseType}","stage":"$context.stage","ip":"$context.identity.sourceIp",' +
      '"env":"$stageVariables.env","unknown":"$context.nope","end":"$context.requestId."}';
    const response = resolved('UNAUTHORIZED', {
      UNAUTHORIZED: { ResponseTemplates: { 'application/json': template } },
    });
    const error: GatewayError = { responseType: 'UNAUTHORIZED', message: 'say "hi"\n' };

    // Act
    const { body } = renderGatewayResponse(response, error, request);

    // Assess
    expect(body.startsWith('{"m":"say \\"hi\\"\\n","raw":"say "hi"\n"')).toBe(true);
    expect(body).toContain('"type":"UNAUTHORIZED","stage":"prod","ip":"203.0.113.7","env":"local","unknown":""');
    expect(body.endsWith(`"end":"${request.requestId}."}`)).toBe(true);
  });

  it('fills $context.authorizer.<key> from the Deny result on a 403, empty for an absent key', () => {
    // Prepare
    const template =
      '{"error":"$context.authorizer.error","who":"$context.authorizer.principalId","x":"$context.authorizer.x"}';
    const response = resolved('ACCESS_DENIED', {
      ACCESS_DENIED: { ResponseTemplates: { 'application/json': template } },
    });
    const error: GatewayError = {
      responseType: 'ACCESS_DENIED',
      message: 'User is not authorized to access this resource with an explicit deny',
      authorizer: { error: 'insufficient_scope', principalId: 'user-1' },
    };

    // Act
    const { statusCode, body } = renderGatewayResponse(response, error, request);

    // Assess
    expect(statusCode).toBe(403);
    expect(JSON.parse(body)).toEqual({ error: 'insufficient_scope', who: 'user-1', x: '' });
  });

  it('leaves $context.authorizer.<key> empty on a 401, even if a context were passed', () => {
    // Prepare
    const response = resolved('UNAUTHORIZED', {
      UNAUTHORIZED: { ResponseTemplates: { 'application/json': '{"error":"$context.authorizer.error"}' } },
    });
    const error: GatewayError = { ...unauthorized, authorizer: { error: 'leaked' } };

    // Act
    const { body } = renderGatewayResponse(response, error, request);

    // Assess
    expect(body).toBe('{"error":""}');
  });
});
