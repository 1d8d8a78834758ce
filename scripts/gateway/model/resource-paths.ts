// Resolves AWS::ApiGateway::Resource ids to their full path templates by walking ParentId up to the API's root.
import { readGetAtt, readRef, requireString, type CfnResources } from './cfn-values';
import { GatewayModelError } from './errors';

// A literal segment, `{param}` or a greedy `{param+}`, as API Gateway accepts them in PathPart.
const PATH_PART = /^(?:[A-Za-z0-9._~:@!$&'()*,;=-]+|\{[A-Za-z0-9._-]+\+?\})$/;

/** Returns a resolver from a `ResourceId`/`ParentId` value to its path (`/` for the API's root resource). */
export function createPathResolver(
  resources: CfnResources,
  restApiId: string,
): (value: unknown, ownerId: string) => string {
  const paths = new Map<string, string>();
  const resolving = new Set<string>();

  function resolveResourcePath(logicalId: string, ownerId: string): string {
    const known = paths.get(logicalId);
    if (known !== undefined) return known;
    const resource = resources.get(logicalId);
    if (resource?.type !== 'AWS::ApiGateway::Resource') {
      throw new GatewayModelError('unresolved_reference', ownerId, `${logicalId} is not an AWS::ApiGateway::Resource`);
    }
    if (resolving.has(logicalId)) {
      throw new GatewayModelError('invalid_template', logicalId, 'its ParentId chain loops back to itself');
    }
    resolving.add(logicalId);
    const part = requireString(resource, 'PathPart');
    if (!PATH_PART.test(part)) {
      throw new GatewayModelError(
        'invalid_property',
        logicalId,
        `PathPart ${JSON.stringify(part)} is not a path segment`,
      );
    }
    const parent = resolvePath(resource.properties.ParentId, logicalId);
    const path = `${parent === '/' ? '' : parent}/${part}`;
    resolving.delete(logicalId);
    paths.set(logicalId, path);
    return path;
  }

  function resolvePath(value: unknown, ownerId: string): string {
    const att = readGetAtt(value);
    if (att) {
      if (att[0] === restApiId && att[1] === 'RootResourceId') return '/';
      throw new GatewayModelError(
        'unresolved_reference',
        ownerId,
        `Fn::GetAtt ${att.join('.')} is not this API's root`,
      );
    }
    const ref = readRef(value);
    if (ref === undefined) {
      throw new GatewayModelError(
        'unresolved_reference',
        ownerId,
        `the resource reference is neither a Ref to an AWS::ApiGateway::Resource nor ${restApiId}.RootResourceId`,
      );
    }
    return resolveResourcePath(ref, ownerId);
  }

  return resolvePath;
}
