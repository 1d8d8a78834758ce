// What API Gateway hands a Lambda authorizer, by its type: the cache key from the identity sources, and the event.
import type { GatewayRequest } from '../incoming';
import type { AuthorizerModel, GatewayModel, IdentitySource } from '../model/gateway-model';
import { proxyEventV1 } from './proxy-event';

/** The route the request matched, which a REQUEST authorizer's event describes. */
export interface MatchedRoute {
  resource: string;
  pathParameters: Readonly<Record<string, string>> | null;
  requestId: string;
}

export interface AuthorizerInput {
  /** The result cache's key: the identity-source values. */
  readonly identity: string;
  /** The event the function is invoked with. */
  event(methodArn: string): Record<string, unknown>;
}

/** Reads a request's identity sources; undefined when API Gateway would answer 401 without invoking the function. */
export type AuthorizerInputReader = (
  request: GatewayRequest,
  route: MatchedRoute,
  nowMs: number,
) => AuthorizerInput | undefined;

/** Throws (at gateway start) for an identity source this gateway cannot read, rather than guessing its value. */
export function createInputReader(model: GatewayModel, authorizer: AuthorizerModel): AuthorizerInputReader {
  if (authorizer.type === 'TOKEN') {
    const validation = authorizer.identityValidationExpression
      ? new RegExp(authorizer.identityValidationExpression)
      : undefined;
    const header = authorizer.identityHeader;
    return (request) => {
      const token = headerOf(request, header);
      // No identity source, or one the validation regex refuses: 401 without invoking the function.
      if (token === undefined || token === '' || (validation && !validation.test(token))) return undefined;
      return { identity: token, event: (methodArn) => ({ type: 'TOKEN', authorizationToken: token, methodArn }) };
    };
  }
  for (const source of authorizer.identitySources) {
    if (source.location !== 'header' && source.location !== 'querystring') {
      throw new Error(
        `authorizer ${authorizer.logicalId}: identity source ${source.location}.${source.name} is not emulated by the local gateway`,
      );
    }
  }
  const caching = authorizer.resultTtlInSeconds > 0;
  return (request, route, nowMs) => {
    const values = authorizer.identitySources.map((source) => valueOf(request, source));
    // With caching on, every identity source must be present (they are the cache key), or 401 without invoking.
    if (caching && values.some((value) => value === undefined || value === '')) return undefined;
    return {
      identity: JSON.stringify(values),
      event: (methodArn) => requestEvent(model, request, route, nowMs, methodArn),
    };
  };
}

function valueOf(request: GatewayRequest, source: IdentitySource): string | undefined {
  return source.location === 'header' ? headerOf(request, source.name) : request.query?.[source.name];
}

function headerOf(request: GatewayRequest, name: string): string | undefined {
  const lower = name.toLowerCase();
  return Object.entries(request.headers).find(([key]) => key.toLowerCase() === lower)?.[1];
}

/**
 * The REST REQUEST authorizer event (Developer Guide, "Input to an API Gateway Lambda authorizer"): the proxy
 * event's request fields without the body, plus `type` and `methodArn`.
 */
function requestEvent(
  model: GatewayModel,
  request: GatewayRequest,
  route: MatchedRoute,
  nowMs: number,
  methodArn: string,
): Record<string, unknown> {
  const {
    body: _body,
    isBase64Encoded: _encoded,
    ...proxy
  } = proxyEventV1({
    request,
    resource: route.resource,
    pathParameters: route.pathParameters,
    stage: model.api.stage,
    requestId: route.requestId,
    accountId: model.api.accountId,
    apiId: model.api.apiId,
    requestTimeEpoch: nowMs,
  });
  return { type: 'REQUEST', methodArn, ...proxy };
}
