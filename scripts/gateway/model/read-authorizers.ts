// Reads every AWS::ApiGateway::Authorizer: its type, identity source, validation regex, cache TTL and function.
import {
  readOptionalString,
  readRef,
  requireString,
  listResourcesOfType,
  type CfnResource,
  type CfnResources,
} from './cfn-values';
import { GatewayModelError } from './errors';
import type { AuthorizerModel, IdentitySource } from './gateway-model';
import { resolveLambdaTarget } from './lambda-target';

/** AWS's default when AuthorizerResultTtlInSeconds is absent, and its maximum (AWS::ApiGateway::Authorizer). */
export const DEFAULT_AUTHORIZER_TTL_SECONDS = 300;
const MAX_AUTHORIZER_TTL_SECONDS = 3600;

const SOURCE = /^(?:method\.request\.(header|querystring)|(context|stageVariables))\.([^\s,]+)$/;

export function readAuthorizers(resources: CfnResources, restApiId: string): Record<string, AuthorizerModel> {
  const authorizers: Record<string, AuthorizerModel> = {};
  for (const resource of listResourcesOfType(resources, 'AWS::ApiGateway::Authorizer')) {
    authorizers[resource.logicalId] = readAuthorizer(resource, resources, restApiId);
  }
  return authorizers;
}

function readAuthorizer(resource: CfnResource, resources: CfnResources, restApiId: string): AuthorizerModel {
  const id = resource.logicalId;
  if (readRef(resource.properties.RestApiId) !== restApiId) {
    throw new GatewayModelError('unresolved_reference', id, `RestApiId is not a Ref to ${restApiId}`);
  }
  const base = {
    logicalId: id,
    name: requireString(resource, 'Name'),
    resultTtlInSeconds: readTtl(resource),
    lambda: resolveLambdaTarget(resource.properties.AuthorizerUri, resources, id),
  };
  const type = resource.properties.Type;
  const sources = readIdentitySources(resource);
  if (type === 'REQUEST') return { ...base, type, identitySources: sources };
  if (type !== 'TOKEN') throw new GatewayModelError('unsupported_feature', id, `authorizer Type ${String(type)}`);
  const [source, ...others] = sources;
  if (source?.location !== 'header' || others.length > 0) {
    throw new GatewayModelError(
      'invalid_property',
      id,
      'a TOKEN authorizer needs one method.request.header.<Name> source',
    );
  }
  return {
    ...base,
    type,
    identityHeader: source.name,
    identityValidationExpression: readValidationExpression(resource),
  };
}

function readTtl(resource: CfnResource): number {
  const value = resource.properties.AuthorizerResultTtlInSeconds;
  if (value === undefined) return DEFAULT_AUTHORIZER_TTL_SECONDS;
  const ttl = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof ttl !== 'number' || !Number.isInteger(ttl) || ttl < 0 || ttl > MAX_AUTHORIZER_TTL_SECONDS) {
    throw new GatewayModelError(
      'invalid_property',
      resource.logicalId,
      `AuthorizerResultTtlInSeconds must be an integer from 0 to ${MAX_AUTHORIZER_TTL_SECONDS}`,
    );
  }
  return ttl;
}

/** IdentitySource: one source, or (REQUEST) a comma-separated list of them. */
function readIdentitySources(resource: CfnResource): IdentitySource[] {
  return requireString(resource, 'IdentitySource')
    .split(',')
    .map((text) => {
      const match = SOURCE.exec(text.trim());
      if (!match) {
        throw new GatewayModelError('invalid_property', resource.logicalId, `identity source ${JSON.stringify(text)}`);
      }
      const location = (match[1] ?? match[2]) as IdentitySource['location'];
      return { location, name: match[3] ?? '' };
    });
}

/**
 * The regex as written. API Gateway runs it as a Java regex; it must at least compile as a JavaScript one, so a
 * pattern the local gateway could not apply fails here rather than letting every token through.
 */
function readValidationExpression(resource: CfnResource): string | null {
  const source = readOptionalString(resource, 'IdentityValidationExpression');
  if (source === undefined || source === '') return null;
  try {
    new RegExp(source);
  } catch {
    throw new GatewayModelError('invalid_property', resource.logicalId, 'IdentityValidationExpression is not a regex');
  }
  return source;
}
