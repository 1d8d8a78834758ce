// Reads the AWS::ApiGateway::GatewayResponse resources and answers, per type, what API Gateway sends.
import {
  readRef,
  listResourcesOfType,
  readStatusCode,
  readStringMap,
  type CfnResource,
  type CfnResources,
} from './cfn-values';
import { GatewayModelError } from './errors';
import type {
  GatewayModel,
  GatewayResponseModel,
  HeaderMapping,
  HeaderValueSource,
  ResolvedGatewayResponse,
} from './gateway-model';
import {
  BUILT_IN_RESPONSE_TEMPLATES,
  DEFAULT_STATUS_CODES,
  selectFallbackType,
  isGatewayResponseType,
  type GatewayResponseType,
  type SpecificGatewayResponseType,
} from './gateway-response-types';

const HEADER_KEY = /^gatewayresponse\.header\.([!#$%&'*+.^_`|~0-9A-Za-z-]+)$/;
const REQUEST_SOURCE = /^method\.request\.(header|multivalueheader|querystring|multivaluequerystring|path)\.(.+)$/;
const OTHER_SOURCE = /^(context|stageVariables)\.(.+)$/;

export function readGatewayResponses(
  resources: CfnResources,
  restApiId: string,
): Partial<Record<GatewayResponseType, GatewayResponseModel>> {
  const responses: Partial<Record<GatewayResponseType, GatewayResponseModel>> = {};
  for (const resource of listResourcesOfType(resources, 'AWS::ApiGateway::GatewayResponse')) {
    const response = readGatewayResponse(resource, restApiId);
    if (responses[response.type]) {
      throw new GatewayModelError('invalid_template', resource.logicalId, `a second ${response.type} gateway response`);
    }
    responses[response.type] = response;
  }
  return responses;
}

function readGatewayResponse(resource: CfnResource, restApiId: string): GatewayResponseModel {
  const id = resource.logicalId;
  const { ResponseType: type, StatusCode, RestApiId } = resource.properties;
  if (readRef(RestApiId) !== restApiId) {
    throw new GatewayModelError('unresolved_reference', id, `RestApiId is not a Ref to ${restApiId}`);
  }
  if (!isGatewayResponseType(type)) {
    throw new GatewayModelError('invalid_property', id, `ResponseType ${String(type)} is not a gateway response type`);
  }
  const statusCode = StatusCode !== undefined ? readStatusCode(StatusCode, id, 'StatusCode') : findDefaultStatus(type);
  return {
    type,
    logicalId: id,
    statusCode,
    headers: parseHeaderMappings(readStringMap(resource.properties.ResponseParameters, id, 'ResponseParameters'), id),
    responseTemplates: readStringMap(resource.properties.ResponseTemplates, id, 'ResponseTemplates'),
  };
}

function findDefaultStatus(type: GatewayResponseType): number | null {
  return type === 'DEFAULT_4XX' || type === 'DEFAULT_5XX' ? null : DEFAULT_STATUS_CODES[type];
}

function parseHeaderMappings(parameters: Readonly<Record<string, string>>, id: string): HeaderMapping[] {
  return Object.entries(parameters).map(([key, value]) => {
    const header = HEADER_KEY.exec(key)?.[1];
    if (header === undefined) {
      throw new GatewayModelError(
        'invalid_property',
        id,
        `ResponseParameters key ${key} is not gatewayresponse.header.<Name>`,
      );
    }
    return { header, source: parseHeaderSource(value, id, key) };
  });
}

function parseHeaderSource(value: string, id: string, key: string): HeaderValueSource {
  if (value.length >= 2 && value.startsWith("'") && value.endsWith("'"))
    return { kind: 'static', value: value.slice(1, -1) };
  const request = REQUEST_SOURCE.exec(value);
  if (request) {
    const location = request[1] as Extract<HeaderValueSource, { kind: 'request' }>['location'];
    return { kind: 'request', location, name: request[2] ?? '' };
  }
  const other = OTHER_SOURCE.exec(value);
  if (other) return { kind: other[1] as 'context' | 'stageVariables', name: other[2] ?? '' };
  throw new GatewayModelError('invalid_property', id, `${key}: ${JSON.stringify(value)} is not a mapping expression`);
}

/**
 * What API Gateway answers for `type` (supported-gateway-response-types.html): the type's own response if the API
 * defines one; else the DEFAULT_4XX / DEFAULT_5XX of its class, with that fallback's status code when it sets one
 * and the type's default status otherwise; else AWS's built-in response.
 */
export function gatewayResponseFor(model: GatewayModel, type: SpecificGatewayResponseType): ResolvedGatewayResponse {
  const defined = model.gatewayResponses[type];
  if (defined) {
    return {
      ...selectHeadersAndTemplates(defined),
      type,
      origin: 'defined',
      statusCode: defined.statusCode ?? DEFAULT_STATUS_CODES[type],
    };
  }
  const fallbackType = selectFallbackType(type);
  const fallback = model.gatewayResponses[fallbackType];
  if (fallback) {
    return {
      ...selectHeadersAndTemplates(fallback),
      type,
      origin: fallbackType,
      statusCode: fallback.statusCode ?? DEFAULT_STATUS_CODES[type],
    };
  }
  return {
    type,
    origin: 'built-in',
    statusCode: DEFAULT_STATUS_CODES[type],
    headers: [],
    responseTemplates: BUILT_IN_RESPONSE_TEMPLATES,
  };
}

/**
 * A response that sets only headers keeps AWS's body template: APIs exported from AWS show DEFAULT_4XX responses
 * customized for CORS headers still carrying `{"message":$context.error.messageString}` (e.g. terraformer output).
 */
function selectHeadersAndTemplates(
  response: GatewayResponseModel,
): Pick<ResolvedGatewayResponse, 'headers' | 'responseTemplates'> {
  const hasTemplates = Object.keys(response.responseTemplates).length > 0;
  return {
    headers: response.headers,
    responseTemplates: hasTemplates ? response.responseTemplates : BUILT_IN_RESPONSE_TEMPLATES,
  };
}
