// From the packaged CloudFormation template (`sls package`) to the gateway model the local gateway runs.
import { readFileSync } from 'node:fs';
import { readResources, readRef, requireString, listResourcesOfType, type CfnResources } from './cfn-values';
import { compilePreflight } from './cors-template';
import { GatewayModelError, MappingTemplateError } from './errors';
import type { ApiModel, GatewayModel, RouteModel } from './gateway-model';
import { readGatewayResponses } from './gateway-responses';
import { readAuthorizers } from './read-authorizers';
import { readRoutes } from './read-routes';

/** Where the API would run: the template cannot know (region and account are pseudo parameters, the id is minted). */
export interface ApiIdentityOptions {
  readonly partition?: string;
  readonly region?: string;
  readonly accountId?: string;
  readonly apiId?: string;
}

/** Obviously local values: no method ARN built from them can be mistaken for a deployed API's. */
export const LOCAL_API_IDENTITY = {
  partition: 'aws',
  region: 'local',
  accountId: '000000000000',
  apiId: 'local',
} as const satisfies Required<ApiIdentityOptions>;

/** The only I/O of the model: reads and parses a template file, naming the file when it is not JSON. */
export function readTemplate(path: string): unknown {
  const text = readFileSync(path, 'utf8');
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new GatewayModelError('invalid_template', null, `${path} is not JSON (${(err as Error).message})`);
  }
}

/** The gateway model of a packaged template; anything it cannot reproduce faithfully throws a GatewayModelError. */
export function gatewayModelOf(template: unknown, options: ApiIdentityOptions = {}): GatewayModel {
  const resources = readResources(template);
  const api = readApi(resources, { ...LOCAL_API_IDENTITY, ...options });
  const authorizers = readAuthorizers(resources, api.logicalId);
  const routes = readRoutes(resources, api.logicalId, new Set(Object.keys(authorizers)));
  for (const route of routes) checkPreflight(route);
  return { api, routes, authorizers, gatewayResponses: readGatewayResponses(resources, api.logicalId) };
}

/** Compiles a preflight now, so that an unsupported CORS template stops `npm start`, not the first preflight. */
function checkPreflight(route: RouteModel): void {
  if (route.integration.type !== 'MOCK') return;
  try {
    compilePreflight(route.integration);
  } catch (err) {
    if (!(err instanceof MappingTemplateError)) throw err;
    throw new GatewayModelError('unsupported_feature', route.logicalId, err.message, { cause: err });
  }
}

function readApi(resources: CfnResources, identity: Required<ApiIdentityOptions>): ApiModel {
  const apis = listResourcesOfType(resources, 'AWS::ApiGateway::RestApi');
  const [restApi, ...others] = apis;
  if (restApi === undefined) {
    throw new GatewayModelError(
      'missing_rest_api',
      null,
      // serverless leaves it out when provider.apiGateway.restApiId shares an existing API: not emulated.
      'the template defines no AWS::ApiGateway::RestApi',
    );
  }
  if (others.length > 0) {
    throw new GatewayModelError(
      'unsupported_feature',
      others[0]?.logicalId ?? null,
      'a second AWS::ApiGateway::RestApi',
    );
  }
  const stage = readStage(resources, restApi.logicalId);
  const { partition, region, accountId, apiId } = identity;
  return {
    logicalId: restApi.logicalId,
    name: requireString(restApi, 'Name'),
    stage,
    partition,
    region,
    accountId,
    apiId,
    methodArnPrefix: `arn:${partition}:execute-api:${region}:${accountId}:${apiId}/${stage}`,
  };
}

/**
 * The stage the API is deployed to: an AWS::ApiGateway::Stage's StageName when serverless writes one (logs,
 * tracing), else the Deployment's. Two different names would make the method ARN ambiguous: refused.
 */
function readStage(resources: CfnResources, restApiId: string): string {
  const named = [
    ...listResourcesOfType(resources, 'AWS::ApiGateway::Stage'),
    ...listResourcesOfType(resources, 'AWS::ApiGateway::Deployment'),
  ]
    .filter((r) => readRef(r.properties.RestApiId) === restApiId && r.properties.StageName !== undefined)
    .map((r) => requireString(r, 'StageName'));
  const stages = [...new Set(named)];
  if (stages.length !== 1) {
    throw new GatewayModelError(
      'invalid_template',
      restApiId,
      stages.length === 0 ? 'no Stage or Deployment names its stage' : `several stage names: ${stages.join(', ')}`,
    );
  }
  return stages[0] ?? '';
}

/** The method ARN API Gateway passes the authorizer for a request: the concrete path, not the route's template. */
export function buildMethodArn(api: ApiModel, verb: string, requestPath: string): string {
  return `${api.methodArnPrefix}/${verb}${requestPath.startsWith('/') ? requestPath : `/${requestPath}`}`;
}
