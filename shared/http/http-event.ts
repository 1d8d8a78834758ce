// The API Gateway event shapes the services accept (REST v1 and HTTP API v2), and uniform accessors over them.
import type { APIGatewayProxyEvent, APIGatewayProxyEventV2 } from 'aws-lambda';

export type HttpEvent = APIGatewayProxyEvent | APIGatewayProxyEventV2;

export function isV2(event: HttpEvent): event is APIGatewayProxyEventV2 {
  return (event as APIGatewayProxyEventV2).version === '2.0';
}

export function methodOf(event: HttpEvent): string {
  return isV2(event) ? event.requestContext.http.method : event.httpMethod;
}

export function pathOf(event: HttpEvent): string {
  return isV2(event) ? event.rawPath : event.path;
}

/** Header lookup by lower-case name: REST v1 keeps the client's casing, HTTP API v2 lower-cases. */
export function headerOf(event: HttpEvent, name: string): string | undefined {
  const headers = event.headers ?? {};
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name && value !== undefined) return value;
  }
  return undefined;
}

/**
 * The authorizer's output as it reaches the backend: REST puts it at requestContext.authorizer,
 * HTTP API v2 (Lambda authorizer) at requestContext.authorizer.lambda.
 */
export function authorizerOutputOf(event: HttpEvent): unknown {
  const authorizer = (event.requestContext as { authorizer?: unknown } | undefined)?.authorizer;
  if (isV2(event) && typeof authorizer === 'object' && authorizer !== null) {
    return (authorizer as { lambda?: unknown }).lambda;
  }
  return authorizer;
}
