// Real-shaped REST REQUEST, WebSocket CONNECT and HTTP API (payload 2.0) authorizer events, built from the JSON fixtures.
import type { APIGatewayRequestAuthorizerEvent, APIGatewayRequestAuthorizerEventV2 } from 'aws-lambda';
import requestFixture from '../fixtures/request-event.json';
import connectFixture from '../fixtures/websocket-connect-event.json';
import httpApiFixture from '../fixtures/http-api-authorizer-event.json';
import { methodArn } from './events';

/** The WebSocket API of the CONNECT fixture: its stage prefix and its `$connect` method ARN. */
export const WEBSOCKET_PREFIX = 'arn:aws:execute-api:eu-west-1:123456789012:w1s2c3d4e5/prod';
export const CONNECT_ARN = `${WEBSOCKET_PREFIX}/$connect`;

/** `map` with its Authorization entry replaced by `value`, or removed when `value` is undefined. */
function withAuthorization<T>(map: Record<string, T>, value: T | undefined): Record<string, T> {
  const { Authorization: _dropped, ...rest } = map;
  return value === undefined ? rest : { ...rest, Authorization: value };
}

/** A REST REQUEST event at `verb path` carrying `authorization` (none when undefined), as API Gateway sends it. */
export function requestEvent(
  authorization: string | undefined,
  verb = 'GET',
  path = '/comments',
  extra: Partial<APIGatewayRequestAuthorizerEvent> = {},
): APIGatewayRequestAuthorizerEvent {
  const base = structuredClone(requestFixture) as unknown as APIGatewayRequestAuthorizerEvent;
  return {
    ...base,
    methodArn: methodArn(verb, path),
    httpMethod: verb,
    path,
    resource: path,
    headers: withAuthorization(base.headers ?? {}, authorization),
    multiValueHeaders: withAuthorization(
      base.multiValueHeaders ?? {},
      authorization === undefined ? undefined : [authorization],
    ),
    ...extra,
  };
}

export interface ConnectOptions {
  /** The access_token query parameter (RFC 6750 §2.3); none when undefined. */
  accessToken?: string;
  /** An Authorization header; none when undefined. */
  authorization?: string;
  methodArn?: string;
}

/** A WebSocket API `$connect` REQUEST event (eventType CONNECT, a connectionId), as API Gateway sends it. */
export function connectEvent(options: ConnectOptions = {}): APIGatewayRequestAuthorizerEvent {
  const base = structuredClone(connectFixture) as unknown as APIGatewayRequestAuthorizerEvent;
  const { accessToken, authorization } = options;
  return {
    ...base,
    methodArn: options.methodArn ?? CONNECT_ARN,
    headers: withAuthorization(base.headers ?? {}, authorization),
    multiValueHeaders: withAuthorization(
      base.multiValueHeaders ?? {},
      authorization === undefined ? undefined : [authorization],
    ),
    queryStringParameters: accessToken === undefined ? null : { access_token: accessToken },
    multiValueQueryStringParameters: accessToken === undefined ? null : { access_token: [accessToken] },
  };
}

/**
 * An HTTP API payload 2.0 authorizer event for `routeKey` ("GET /comments/{id}") at the concrete `rawPath`,
 * with identity sources as serverless.yml configures them: the Authorization header and the route key.
 */
export function httpApiEvent(
  authorization: string | undefined,
  routeKey = 'GET /comments',
  rawPath = routeKey.slice(routeKey.indexOf(' ') + 1),
): APIGatewayRequestAuthorizerEventV2 {
  const base = structuredClone(httpApiFixture) as unknown as APIGatewayRequestAuthorizerEventV2;
  const verb = routeKey.slice(0, routeKey.indexOf(' '));
  const { authorization: _dropped, ...headers } = base.headers ?? {};
  return {
    ...base,
    routeKey,
    routeArn: `arn:aws:execute-api:eu-west-1:123456789012:h1t2p3d4e5/$default/${verb}${rawPath}`,
    identitySource: authorization === undefined ? [routeKey] : [authorization, routeKey],
    rawPath,
    headers: authorization === undefined ? headers : { ...headers, authorization },
    requestContext: {
      ...base.requestContext,
      routeKey,
      http: { ...base.requestContext.http, method: verb, path: rawPath },
    },
  };
}
