// The REST API REQUEST authorizer (v1 REQUEST event): the Authorization header, answered with the cache-safe policy.
import type { APIGatewayAuthorizerResult, APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import { requiredHeaderCredential } from '../bearer-event';
import { InvalidEventError } from '../errors';
import type { MethodArn } from '../policy/method-arn';
import { describeEvent, isRecord, type AuthorizerShape } from './authorizer-shape';
import { methodPolicy, type RouteAt } from './method-policy';

export type RequestShape = AuthorizerShape<APIGatewayRequestAuthorizerEvent, MethodArn, APIGatewayAuthorizerResult>;

/**
 * The REST REQUEST event: the token is the Authorization header only. Query parameters are never read here
 * (access_token is for WebSocket $connect alone: a token in a URL ends up in access logs).
 */
export function createRequestShape(parseArn: (arn: unknown) => MethodArn, routeAt: RouteAt): RequestShape {
  return {
    target(event) {
      requireRequestEvent(event);
      return parseArn(event.methodArn);
    },
    credential: (event) => requiredHeaderCredential(event.headers, event.multiValueHeaders),
    ...methodPolicy(routeAt),
  };
}

/**
 * requestHandler's events (REST REQUEST, WebSocket $connect) are v1 REQUEST events, which carry no `version`; an
 * HTTP API event has one (1.0 or 2.0) and belongs to httpApiHandler. A wrong shape is a wiring bug: a 500.
 */
export function requireRequestEvent(event: unknown): asserts event is Record<string, unknown> {
  if (!isRecord(event) || event.type !== 'REQUEST' || event.version !== undefined) {
    throw new InvalidEventError(
      `requestHandler takes a REST or WebSocket (v1) REQUEST event; got ${describeEvent(event)}`,
    );
  }
}
