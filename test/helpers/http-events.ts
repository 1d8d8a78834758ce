// Real-shaped API Gateway proxy events (REST v1 and HTTP API v2) built from the JSON fixtures.
import type { APIGatewayProxyEvent, APIGatewayProxyEventV2 } from 'aws-lambda';
import restFixture from '../fixtures/rest-event.json';
import v2Fixture from '../fixtures/http-api-v2-event.json';

export interface RestEventOptions {
  method?: string;
  path?: string;
  resource?: string;
  body?: string | null;
  headers?: Record<string, string>;
  /** The authorizer output as API Gateway delivers it; `null` removes it (a route without the authorizer). */
  authorizer?: Record<string, unknown> | null;
  pathParameters?: Record<string, string> | null;
  query?: Record<string, string> | null;
  isBase64Encoded?: boolean;
}

export function restEvent(options: RestEventOptions = {}): APIGatewayProxyEvent {
  const base = structuredClone(restFixture) as unknown as APIGatewayProxyEvent;
  const { authorizer, ...requestContext } = base.requestContext;
  return {
    ...base,
    httpMethod: options.method ?? base.httpMethod,
    path: options.path ?? base.path,
    resource: options.resource ?? options.path ?? base.resource,
    headers: { ...base.headers, ...options.headers },
    body: options.body ?? null,
    isBase64Encoded: options.isBase64Encoded ?? false,
    pathParameters: options.pathParameters ?? null,
    queryStringParameters: options.query ?? null,
    requestContext: {
      ...requestContext,
      httpMethod: options.method ?? base.httpMethod,
      ...(options.authorizer === null ? {} : { authorizer: options.authorizer ?? authorizer }),
    } as APIGatewayProxyEvent['requestContext'],
  };
}

export function httpApiV2Event(): APIGatewayProxyEventV2 {
  return structuredClone(v2Fixture) as unknown as APIGatewayProxyEventV2;
}

/** A JSON POST body with its content type. */
export function jsonRequest(body: unknown, method = 'POST'): RestEventOptions {
  return { method, body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } };
}
