// Gateway responses as deployed, and AWS's fallback: the type's own, else DEFAULT_4XX/5XX, else the built-in one.
import { GatewayModelError } from '../../../../../scripts/gateway/model/errors';
import type { GatewayModel } from '../../../../../scripts/gateway/model/gateway-model';
import {
  BUILT_IN_RESPONSE_TEMPLATES,
  ERROR_MESSAGES,
  quoteErrorMessage,
} from '../../../../../scripts/gateway/model/gateway-response-types';
import { gatewayResponseFor } from '../../../../../scripts/gateway/model/gateway-responses';
import { gatewayModelOf } from '../../../../../scripts/gateway/model/read-template';
import { caught } from '../../../../helpers/caught';
import { packagedTemplate, type TemplateJson } from './packaged-template';

/** Renders what a built-in response's body is: its one template with `$context.error.messageString` filled in. */
const builtInBody = (message: string | null) =>
  BUILT_IN_RESPONSE_TEMPLATES['application/json']?.replace('$context.error.messageString', quoteErrorMessage(message));

/** The fixture without the gateway responses of the given types. */
function withoutResponses(...types: string[]): GatewayModel {
  const template: TemplateJson = packagedTemplate();
  for (const [id, resource] of Object.entries(template.Resources)) {
    if (
      resource.Type === 'AWS::ApiGateway::GatewayResponse' &&
      types.includes(String(resource.Properties.ResponseType))
    ) {
      delete template.Resources[id];
    }
  }
  return gatewayModelOf(template);
}

// Static, the stage's primary origin: copying the request's Origin would let any site read these answers.
const PRIMARY_ORIGIN = {
  header: 'Access-Control-Allow-Origin',
  source: { kind: 'static', value: 'http://127.0.0.1:5180' },
};
const EXPOSED = {
  header: 'Access-Control-Expose-Headers',
  source: { kind: 'static', value: 'WWW-Authenticate,Retry-After,x-amzn-RequestId' },
};

describe('the packaged gateway responses', () => {
  it.each([
    ['UNAUTHORIZED', 401, 'Bearer realm="comments-api", error="invalid_token"'],
    ['ACCESS_DENIED', 403, 'Bearer realm="comments-api", error="insufficient_scope"'],
  ] as const)('%s answers %i with CORS headers and WWW-Authenticate', (type, status, challenge) => {
    // Act
    const response = gatewayResponseFor(gatewayModelOf(packagedTemplate()), type);

    // Assess
    expect(response).toMatchObject({ type, origin: 'defined', statusCode: status });
    expect(response.headers).toEqual([
      PRIMARY_ORIGIN,
      EXPOSED,
      { header: 'WWW-Authenticate', source: { kind: 'static', value: challenge } },
    ]);
  });

  it('answers AUTHORIZER_FAILURE with a retryable 503 and Retry-After', () => {
    // Act
    const response = gatewayResponseFor(gatewayModelOf(packagedTemplate()), 'AUTHORIZER_FAILURE');

    // Assess
    expect(response.statusCode).toBe(503);
    expect(response.headers).toContainEqual({ header: 'Retry-After', source: { kind: 'static', value: '5' } });
  });

  it('answers an unknown route (MISSING_AUTHENTICATION_TOKEN) 404 and a bad authorizer result 500', () => {
    // Prepare
    const model = gatewayModelOf(packagedTemplate());

    // Act
    const statuses = [
      gatewayResponseFor(model, 'MISSING_AUTHENTICATION_TOKEN').statusCode,
      gatewayResponseFor(model, 'AUTHORIZER_CONFIGURATION_ERROR').statusCode,
    ];

    // Assess
    expect(statuses).toEqual([404, 500]);
  });

  it('keeps the templates unrendered, for the gateway to fill in', () => {
    // Act
    const response = gatewayResponseFor(gatewayModelOf(packagedTemplate()), 'ACCESS_DENIED');

    // Assess
    expect(response.responseTemplates['application/json']).toContain('$context.authorizer.error');
  });

  it('reads DEFAULT_4XX and DEFAULT_5XX without a status code of their own', () => {
    // Act
    const { gatewayResponses } = gatewayModelOf(packagedTemplate());

    // Assess
    expect(gatewayResponses.DEFAULT_4XX).toMatchObject({ statusCode: null, headers: [PRIMARY_ORIGIN, EXPOSED] });
    expect(gatewayResponses.DEFAULT_5XX).toMatchObject({ statusCode: null, headers: [PRIMARY_ORIGIN, EXPOSED] });
  });
});

describe('gatewayResponseFor: AWS fallback', () => {
  it.each([
    ['THROTTLED', 'DEFAULT_4XX', 429],
    ['BAD_REQUEST_BODY', 'DEFAULT_4XX', 400],
    ['INTEGRATION_TIMEOUT', 'DEFAULT_5XX', 504],
    ['API_CONFIGURATION_ERROR', 'DEFAULT_5XX', 500],
  ] as const)('an undefined %s falls back to %s with its own default status %i', (type, origin, status) => {
    // Act
    const response = gatewayResponseFor(gatewayModelOf(packagedTemplate()), type);

    // Assess
    expect(response).toMatchObject({ type, origin, statusCode: status, headers: [PRIMARY_ORIGIN, EXPOSED] });
  });

  it('takes the fallback status when the DEFAULT_* sets one', () => {
    // Prepare
    const template = packagedTemplate();
    const id = Object.keys(template.Resources).find(
      (k) => template.Resources[k]?.Properties.ResponseType === 'DEFAULT_4XX',
    );
    template.Resources[id ?? '']!.Properties.StatusCode = '418';

    // Act
    const response = gatewayResponseFor(gatewayModelOf(template), 'THROTTLED');

    // Assess
    expect(response).toMatchObject({ origin: 'DEFAULT_4XX', statusCode: 418 });
  });

  it('falls back to the DEFAULT_* when the specific type is not defined', () => {
    // Prepare
    const model = withoutResponses('UNAUTHORIZED', 'AUTHORIZER_FAILURE');

    // Act
    const responses = [gatewayResponseFor(model, 'UNAUTHORIZED'), gatewayResponseFor(model, 'AUTHORIZER_FAILURE')];

    // Assess
    expect(responses.map((r) => [r.origin, r.statusCode])).toEqual([
      ['DEFAULT_4XX', 401],
      ['DEFAULT_5XX', 500],
    ]);
  });

  it.each([
    ['UNAUTHORIZED', 401, ERROR_MESSAGES.UNAUTHORIZED, '{"message":"Unauthorized"}'],
    [
      'MISSING_AUTHENTICATION_TOKEN',
      403,
      ERROR_MESSAGES.MISSING_AUTHENTICATION_TOKEN,
      '{"message":"Missing Authentication Token"}',
    ],
    [
      'ACCESS_DENIED',
      403,
      ERROR_MESSAGES.ACCESS_DENIED_EXPLICIT,
      '{"message":"User is not authorized to access this resource with an explicit deny"}',
    ],
    ['AUTHORIZER_FAILURE', 500, ERROR_MESSAGES.AUTHORIZER_FAILURE, '{"message":null}'],
    ['AUTHORIZER_CONFIGURATION_ERROR', 500, ERROR_MESSAGES.AUTHORIZER_CONFIGURATION_ERROR, '{"message":null}'],
  ] as const)('with nothing defined, %s is AWS built-in %i %s', (type, status, message, body) => {
    // Prepare
    const model = withoutResponses(type, 'DEFAULT_4XX', 'DEFAULT_5XX');

    // Act
    const response = gatewayResponseFor(model, type);

    // Assess
    expect(response).toEqual({
      type,
      origin: 'built-in',
      statusCode: status,
      headers: [],
      responseTemplates: BUILT_IN_RESPONSE_TEMPLATES,
    });
    expect(builtInBody(message)).toBe(body);
    expect(JSON.parse(builtInBody(message) ?? '')).toEqual({ message });
  });

  it('keeps the built-in body template for a response that only sets headers', () => {
    // Prepare
    const template = packagedTemplate();
    for (const resource of Object.values(template.Resources)) {
      if (resource.Properties.ResponseType === 'DEFAULT_4XX') delete resource.Properties.ResponseTemplates;
    }

    // Act
    const response = gatewayResponseFor(gatewayModelOf(template), 'THROTTLED');

    // Assess
    expect(response).toMatchObject({ origin: 'DEFAULT_4XX', headers: [PRIMARY_ORIGIN, EXPOSED] });
    expect(response.responseTemplates).toEqual(BUILT_IN_RESPONSE_TEMPLATES);
  });
});

describe('gateway response refusals', () => {
  const withResponse = (properties: Record<string, unknown>) => {
    const template = packagedTemplate();
    template.Resources.ExtraResponse = {
      Type: 'AWS::ApiGateway::GatewayResponse',
      Properties: { RestApiId: { Ref: 'ApiGatewayRestApi' }, ...properties },
    };
    return template;
  };

  it.each([
    ['an unknown response type', { ResponseType: 'TEAPOT' }, 'invalid_property'],
    ['a second UNAUTHORIZED', { ResponseType: 'UNAUTHORIZED' }, 'invalid_template'],
    ['a status code that is not one', { ResponseType: 'THROTTLED', StatusCode: 'soon' }, 'invalid_property'],
    [
      'a header key that is not gatewayresponse.header.<Name>',
      { ResponseType: 'THROTTLED', ResponseParameters: { 'method.response.header.X': "'y'" } },
      'invalid_property',
    ],
    [
      'a header value that is not a mapping expression',
      { ResponseType: 'THROTTLED', ResponseParameters: { 'gatewayresponse.header.X': 'y' } },
      'invalid_property',
    ],
  ])('refuses %s, naming the resource', (_label, properties, code) => {
    // Act
    const error = caught(GatewayModelError, () => gatewayModelOf(withResponse(properties)));

    // Assess
    expect(error.code).toBe(code);
    expect(error.logicalId).toBe('ExtraResponse');
  });

  it('parses every mapping expression a gateway response header can use', () => {
    // Prepare
    const template = withResponse({
      ResponseType: 'THROTTLED',
      ResponseParameters: {
        'gatewayresponse.header.A': 'method.request.multivalueheader.X-A',
        'gatewayresponse.header.B': 'method.request.querystring.b',
        'gatewayresponse.header.C': 'method.request.path.id',
        'gatewayresponse.header.D': 'context.requestId',
        'gatewayresponse.header.E': 'stageVariables.e',
      },
    });

    // Act
    const headers = gatewayModelOf(template).gatewayResponses.THROTTLED?.headers;

    // Assess
    expect(headers).toEqual([
      { header: 'A', source: { kind: 'request', location: 'multivalueheader', name: 'X-A' } },
      { header: 'B', source: { kind: 'request', location: 'querystring', name: 'b' } },
      { header: 'C', source: { kind: 'request', location: 'path', name: 'id' } },
      { header: 'D', source: { kind: 'context', name: 'requestId' } },
      { header: 'E', source: { kind: 'stageVariables', name: 'e' } },
    ]);
  });
});
