// Reads every AWS::ApiGateway::Method into a route: verb, path template, authorization and integration.
import {
  isCfnObject,
  readRef,
  requireString,
  listResourcesOfType,
  readStatusCode,
  readStringMap,
  type CfnResource,
  type CfnResources,
} from './cfn-values';
import { GatewayModelError } from './errors';
import {
  METHOD_VERBS,
  type IntegrationModel,
  type MethodResponseModel,
  type MethodVerb,
  type MockIntegrationResponse,
  type RouteAuthorization,
  type RouteModel,
} from './gateway-model';
import { resolveLambdaTarget } from './lambda-target';
import { createPathResolver } from './resource-paths';

export function readRoutes(
  resources: CfnResources,
  restApiId: string,
  authorizerIds: ReadonlySet<string>,
): RouteModel[] {
  const resolvePath = createPathResolver(resources, restApiId);
  const seen = new Set<string>();
  return listResourcesOfType(resources, 'AWS::ApiGateway::Method').map((method) => {
    const id = method.logicalId;
    if (readRef(method.properties.RestApiId) !== restApiId) {
      throw new GatewayModelError('unresolved_reference', id, `RestApiId is not a Ref to ${restApiId}`);
    }
    // API keys and usage plans are not emulated: a route that needs one must not silently open up locally.
    if (method.properties.ApiKeyRequired === true) {
      throw new GatewayModelError('unsupported_feature', id, 'ApiKeyRequired is not emulated by the local gateway');
    }
    const route: RouteModel = {
      logicalId: id,
      httpMethod: readVerb(method),
      path: resolvePath(method.properties.ResourceId, id),
      authorization: readAuthorization(method, authorizerIds),
      integration: readIntegration(method, resources),
    };
    const key = `${route.httpMethod} ${route.path}`;
    if (seen.has(key)) throw new GatewayModelError('invalid_template', id, `a second method for ${key}`);
    seen.add(key);
    return route;
  });
}

function readVerb(method: CfnResource): MethodVerb {
  const verb = requireString(method, 'HttpMethod').toUpperCase();
  if (!(METHOD_VERBS as readonly string[]).includes(verb)) {
    throw new GatewayModelError('invalid_property', method.logicalId, `HttpMethod ${verb} is not an HTTP method`);
  }
  return verb as MethodVerb;
}

function readAuthorization(method: CfnResource, authorizerIds: ReadonlySet<string>): RouteAuthorization {
  const type = method.properties.AuthorizationType ?? 'NONE';
  if (type === 'NONE') return { type: 'NONE' };
  // AWS_IAM and COGNITO_USER_POOLS are not emulated; treating them as NONE would open the route locally.
  if (type !== 'CUSTOM') {
    throw new GatewayModelError('unsupported_feature', method.logicalId, `AuthorizationType ${String(type)}`);
  }
  const authorizerId = readRef(method.properties.AuthorizerId);
  if (authorizerId === undefined || !authorizerIds.has(authorizerId)) {
    throw new GatewayModelError(
      'unresolved_reference',
      method.logicalId,
      'AuthorizerId is not a Ref to an AWS::ApiGateway::Authorizer of the template',
    );
  }
  return { type: 'CUSTOM', authorizerId };
}

function readIntegration(method: CfnResource, resources: CfnResources): IntegrationModel {
  const id = method.logicalId;
  const integration = method.properties.Integration;
  if (!isCfnObject(integration)) throw new GatewayModelError('invalid_property', id, 'Integration is missing');
  switch (integration.Type) {
    case 'AWS_PROXY':
      // Lambda is only ever invoked with POST; any other verb fails on AWS, so it must fail here too.
      if (integration.IntegrationHttpMethod !== 'POST') {
        throw new GatewayModelError(
          'invalid_property',
          id,
          'an AWS_PROXY integration must use IntegrationHttpMethod POST',
        );
      }
      return { type: 'AWS_PROXY', lambda: resolveLambdaTarget(integration.Uri, resources, id) };
    case 'MOCK':
      return {
        type: 'MOCK',
        integrationResponse: readDefaultIntegrationResponse(integration.IntegrationResponses, id),
        methodResponses: readMethodResponses(method.properties.MethodResponses, id),
      };
    default:
      throw new GatewayModelError('unsupported_feature', id, `integration type ${String(integration.Type)}`);
  }
}

/**
 * The one integration response a MOCK answers with. serverless writes a single default (no SelectionPattern);
 * selecting among several by pattern is not emulated, so any other shape is refused.
 */
function readDefaultIntegrationResponse(value: unknown, id: string): MockIntegrationResponse {
  const [response, ...others] = Array.isArray(value) ? (value as unknown[]) : [];
  if (!isCfnObject(response) || others.length > 0 || (response.SelectionPattern ?? '') !== '') {
    throw new GatewayModelError(
      'unsupported_feature',
      id,
      'a MOCK integration needs exactly one default IntegrationResponse',
    );
  }
  return {
    statusCode: readStatusCode(response.StatusCode, id, 'IntegrationResponses[0].StatusCode'),
    responseParameters: readStringMap(response.ResponseParameters, id, 'IntegrationResponses[0].ResponseParameters'),
    responseTemplates: readStringMap(response.ResponseTemplates, id, 'IntegrationResponses[0].ResponseTemplates'),
  };
}

function readMethodResponses(value: unknown, id: string): MethodResponseModel[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new GatewayModelError('invalid_property', id, 'MethodResponses must be a list');
  return (value as unknown[]).map((response, i) => {
    const where = `MethodResponses[${i}]`;
    if (!isCfnObject(response)) throw new GatewayModelError('invalid_property', id, `${where} is not an object`);
    const parameters = response.ResponseParameters ?? {};
    if (!isCfnObject(parameters) || !Object.values(parameters).every((v) => typeof v === 'boolean')) {
      throw new GatewayModelError('invalid_property', id, `${where}.ResponseParameters must map names to booleans`);
    }
    return {
      statusCode: readStatusCode(response.StatusCode, id, `${where}.StatusCode`),
      responseParameters: parameters as Readonly<Record<string, boolean>>,
    };
  });
}
