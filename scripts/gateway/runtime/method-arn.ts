// The method ARN API Gateway gives a Lambda authorizer and evaluates its policy at: the concrete path, raw.

export interface MethodArnParts {
  /** `aws` unless given (the model's ApiModel.partition). */
  partition?: string;
  region: string;
  accountId: string;
  apiId: string;
  stage: string;
  /** The request's own verb (GET, POST, …), also for a route declared as ANY. */
  verb: string;
  /** The concrete request path as received, starting with "/" (for example `/comments/urn:c:7`). */
  path: string;
}

/** Developer Guide, "Output from an API Gateway Lambda authorizer": a method ARN is at most 1600 bytes, else 414. */
export const MAX_METHOD_ARN_BYTES = 1_600;

/**
 * `arn:{partition}:execute-api:{region}:{account}:{apiId}/{stage}/{VERB}/{path}`. API Gateway puts the concrete path
 * there, raw, colons and all (`…/GET/comments/urn:c:7`), not the route template; serverless-offline puts the template
 * (`/comments/{id}`), which hides every bug of a policy whose wildcard meets a ":" or a "/" inside a path value.
 * The root resource gives `…/GET/`.
 */
export function methodArnOf(parts: MethodArnParts): string {
  const { partition = 'aws', region, accountId, apiId, stage, verb, path } = parts;
  if (!path.startsWith('/')) throw new TypeError(`path must start with "/", got ${JSON.stringify(path)}`);
  return `arn:${partition}:execute-api:${region}:${accountId}:${apiId}/${stage}/${verb.toUpperCase()}${path}`;
}

/** True when API Gateway would answer 414 (Request-URI Too Long) instead of calling the authorizer. */
export function isMethodArnTooLong(methodArn: string): boolean {
  return Buffer.byteLength(methodArn, 'utf8') > MAX_METHOD_ARN_BYTES;
}

// The proxy integration's request and response shapes live beside this file; re-exported for one entry point.
export { proxyEventV1, type ProxyEventInput } from './proxy-event';
export { proxyResponseOf, type ProxyHttpResponse } from './proxy-response';
