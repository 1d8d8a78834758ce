// The local gateway's request flow, as API Gateway's REST front runs it: route, authorize (cached), integrate.
import { randomUUID } from 'node:crypto';
import type { GatewayRequest } from './incoming';
import type { Invocation, LambdaClient } from './lambda-client';
import { evaluatePreflight } from './model/cors-template';
import { gatewayResponseFor } from './model/gateway-responses';
import type { GatewayModel, LambdaProxyIntegration, RouteModel } from './model/gateway-model';
import { buildMethodArn } from './model/read-template';
import { createRouter, type RoutedMethod } from './router';
import { createAuthorizerStage, type AuthorizerStage } from './authorize';
import { isMethodArnTooLong } from './runtime/method-arn';
import { proxyEventV1 } from './runtime/proxy-event';
import { lambdaFailureResponse, proxyResponseOf } from './runtime/proxy-response';
import { renderGatewayResponse, type GatewayError } from './runtime/render-response';

/** What the HTTP layer writes: every header with all its values. */
export interface GatewayAnswer {
  statusCode: number;
  headers: Record<string, string | string[]>;
  body: string | Buffer;
}

export interface GatewayDeps {
  model: GatewayModel;
  lambda: LambdaClient;
  now?: () => number;
  newRequestId?: () => string;
  /** Told what a developer should know: an authorizer's malformed output, a policy the wildcard readings split on. */
  warn?: (message: string) => void;
  /** Told of each request the authorizer result cache answered. */
  log?: (message: string) => void;
  /** API Gateway's integration timeout: 29 s, then 504. */
  integrationTimeoutMs?: number;
}

export type Gateway = (request: GatewayRequest) => Promise<GatewayAnswer>;

const INTEGRATION_TIMEOUT_MS = 29_000;

export function createGateway(deps: GatewayDeps): Gateway {
  const { model, lambda } = deps;
  const now = deps.now ?? Date.now;
  const newRequestId = deps.newRequestId ?? randomUUID;
  const route = createRouter(model.routes);
  const authorizers = new Map<string, AuthorizerStage>();
  for (const [id, authorizer] of Object.entries(model.authorizers)) {
    authorizers.set(
      id,
      createAuthorizerStage({
        model,
        authorizer,
        lambda,
        now,
        ...(deps.warn ? { warn: deps.warn } : {}),
        ...(deps.log ? { log: deps.log } : {}),
      }),
    );
  }

  return async function handle(request) {
    const requestId = newRequestId();
    // The payload quota is checked before routing: whatever the path, an oversized request is refused untouched.
    if (request.tooLarge)
      return reject(request, requestId, { responseType: 'REQUEST_TOO_LARGE', message: 'Request Too Long' });
    const routed = route(request.method, request.path);
    // No resource, or no such method on it: answered before any authorizer or integration runs.
    if (!routed)
      return reject(request, requestId, {
        responseType: 'MISSING_AUTHENTICATION_TOKEN',
        message: 'Missing Authentication Token',
      });
    const { integration, authorization } = routed.method;
    if (integration.type === 'MOCK') return preflight(routed.method, request);
    let authorizer: Record<string, string> | undefined;
    let authorizerLatencyMs: number | undefined;
    if (authorization.type === 'CUSTOM') {
      const stage = authorizers.get(authorization.authorizerId);
      if (!stage)
        throw new Error(`route ${routed.method.logicalId} names unknown authorizer ${authorization.authorizerId}`);
      const methodArn = buildMethodArn(model.api, request.method, request.path);
      // API Gateway refuses a method ARN over 1,600 bytes before any authorizer runs.
      if (isMethodArnTooLong(methodArn))
        return withRequestId(json(414, '{"message":"Request-URI Too Long"}'), requestId);
      const started = now();
      const decision = await stage.authorize(request, methodArn, {
        resource: routed.resource,
        pathParameters: routed.pathParameters,
        requestId,
      });
      if (decision.kind === 'reject') return reject(request, requestId, decision.error, routed);
      authorizer = decision.authorizer;
      authorizerLatencyMs = now() - started;
    }
    return integrate(integration, request, routed, requestId, authorizer, authorizerLatencyMs);
  };

  async function integrate(
    integration: LambdaProxyIntegration,
    request: GatewayRequest,
    routed: RoutedMethod<RouteModel>,
    requestId: string,
    authorizer: Record<string, string> | undefined,
    authorizerLatencyMs: number | undefined,
  ): Promise<GatewayAnswer> {
    const event = proxyEventV1({
      request,
      resource: routed.resource,
      pathParameters: routed.pathParameters,
      stage: model.api.stage,
      requestId,
      accountId: model.api.accountId,
      apiId: model.api.apiId,
      requestTimeEpoch: now(),
      ...(authorizer ? { authorizer } : {}),
      ...(authorizerLatencyMs !== undefined ? { authorizerLatencyMs } : {}),
    });
    const invocation = await lambda.invoke(
      integration.lambda.functionName,
      event,
      deps.integrationTimeoutMs ?? INTEGRATION_TIMEOUT_MS,
    );
    // No answer within the integration timeout is a gateway response (INTEGRATION_TIMEOUT, or the template's
    // DEFAULT_5XX with its CORS headers), as a browser on AWS sees it.
    if (invocation.kind === 'timeout') {
      const error: GatewayError = { responseType: 'INTEGRATION_TIMEOUT', message: 'Endpoint request timed out' };
      return reject(request, requestId, error, routed);
    }
    if (invocation.kind === 'error') {
      deps.warn?.(
        `${integration.lambda.functionName} failed (502): ${invocation.errorType}: ${invocation.errorMessage}`,
      );
    }
    return withRequestId(answerOf(invocation), requestId);
  }

  function reject(
    request: GatewayRequest,
    requestId: string,
    error: GatewayError,
    routed?: RoutedMethod<RouteModel>,
  ): GatewayAnswer {
    return renderGatewayResponse(gatewayResponseFor(model, error.responseType), error, {
      ...request,
      requestId,
      pathParameters: routed?.pathParameters ?? null,
      context: {
        stage: model.api.stage,
        apiId: model.api.apiId,
        path: request.path,
        ...(routed ? { resourcePath: routed.resource } : {}),
      },
    });
  }
}

// A function error or a malformed result is API Gateway's plain 502 `{"message": "Internal server error"}`.
function answerOf(invocation: Exclude<Invocation, { kind: 'timeout' }>): GatewayAnswer {
  const response = invocation.kind === 'ok' ? proxyResponseOf(invocation.payload) : lambdaFailureResponse();
  return { statusCode: response.statusCode, headers: response.headers, body: response.body };
}

function json(statusCode: number, body: string): GatewayAnswer {
  return { statusCode, headers: { 'Content-Type': 'application/json' }, body };
}

function withRequestId(answer: GatewayAnswer, requestId: string): GatewayAnswer {
  return { ...answer, headers: { ...answer.headers, 'x-amzn-RequestId': requestId } };
}

function preflight(route: RouteModel, request: GatewayRequest): GatewayAnswer {
  if (route.integration.type !== 'MOCK') throw new TypeError('not a MOCK integration');
  const answer = evaluatePreflight(route.integration, request.multiValueHeaders, {
    ...(request.query ? { querystring: request.query } : {}),
  });
  return { statusCode: answer.statusCode, headers: answer.headers, body: answer.body };
}
