// Builds the Lambda proxy integration event (payload v1) API Gateway's REST API sends a backend for one request.
import { createHash } from 'node:crypto';
import type { APIGatewayEventIdentity, APIGatewayEventRequestContext, APIGatewayProxyEvent } from 'aws-lambda';
import type { GatewayRequest } from '../incoming';

export interface ProxyEventInput {
  /** The request as incoming.ts read it: method, concrete path, header and query maps, body, source IP. */
  request: GatewayRequest;
  /** The matched route template (`/comments/{id}`): `resource` and `requestContext.resourcePath`. */
  resource: string;
  /** Values of the template's variables (the router's); empty or absent gives null. */
  pathParameters?: Readonly<Record<string, string>> | null;
  stage: string;
  requestId: string;
  accountId: string;
  apiId: string;
  /** Epoch milliseconds of the request, read from the caller's clock. */
  requestTimeEpoch: number;
  /** Defaults to the Host header without its port. */
  domainName?: string;
  /** `requestContext.authorizer` for a route behind an authorizer: principalId and the context, as strings. */
  authorizer?: Readonly<Record<string, string>>;
  /** The authorizer's latency in ms, delivered as the number `authorizer.integrationLatency`. */
  authorizerLatencyMs?: number;
}

type RequestContext = Omit<APIGatewayEventRequestContext, 'authorizer'> & {
  /** Absent for a public route, as on AWS (not merely undefined). */
  authorizer?: Record<string, string | number>;
};
export type ProxyEventV1 = Omit<APIGatewayProxyEvent, 'requestContext'> & { requestContext: RequestContext };

/**
 * Developer Guide, "Set up Lambda proxy integrations in API Gateway" (input format): `path` is the concrete path and
 * `resource` the template; `pathParameters` and `stageVariables` are null when there are none; `requestContext.path`
 * carries the stage; a Lambda authorizer's principalId and context sit in `requestContext.authorizer`. The header
 * and query maps (last value single, all values multi, query null when empty) are incoming.ts's. Compare
 * test/fixtures/rest-event.json.
 */
export function proxyEventV1(input: ProxyEventInput): ProxyEventV1 {
  const { request } = input;
  return {
    resource: input.resource,
    path: request.path,
    httpMethod: request.method,
    headers: { ...request.headers },
    multiValueHeaders: { ...request.multiValueHeaders },
    queryStringParameters: request.query && { ...request.query },
    multiValueQueryStringParameters: request.multiValueQuery && { ...request.multiValueQuery },
    pathParameters:
      input.pathParameters && Object.keys(input.pathParameters).length ? { ...input.pathParameters } : null,
    stageVariables: null,
    requestContext: requestContextOf(input),
    body: request.body,
    isBase64Encoded: request.isBase64Encoded,
  };
}

function requestContextOf(input: ProxyEventInput): RequestContext {
  const { request } = input;
  const header = (name: string) => Object.entries(request.headers).find(([k]) => k.toLowerCase() === name)?.[1];
  const domainName = input.domainName ?? header('host')?.replace(/:\d+$/, '') ?? 'localhost';
  const identity: APIGatewayEventIdentity = {
    accessKey: null,
    accountId: null,
    caller: null,
    cognitoAuthenticationType: null,
    cognitoAuthenticationProvider: null,
    cognitoIdentityId: null,
    cognitoIdentityPoolId: null,
    principalOrgId: null,
    sourceIp: request.sourceIp,
    user: null,
    userAgent: header('user-agent') ?? null,
    userArn: null,
    apiKey: null,
    apiKeyId: null,
    clientCert: null,
  };
  const context: RequestContext = {
    accountId: input.accountId,
    apiId: input.apiId,
    domainName,
    domainPrefix: domainName.split('.')[0] ?? domainName,
    extendedRequestId: digest(`extended ${input.requestId}`, 'base64').slice(0, 15) + '=',
    httpMethod: request.method,
    identity,
    path: `/${input.stage}${request.path}`,
    protocol: 'HTTP/1.1',
    requestId: input.requestId,
    requestTime: clfTime(input.requestTimeEpoch),
    requestTimeEpoch: input.requestTimeEpoch,
    // API Gateway's id of the resource: stable per template here, like AWS's.
    resourceId: digest(`resource ${input.resource}`, 'hex').slice(0, 6),
    resourcePath: input.resource,
    stage: input.stage,
  };
  if (input.authorizer) {
    context.authorizer = { ...input.authorizer };
    if (input.authorizerLatencyMs !== undefined) context.authorizer.integrationLatency = input.authorizerLatencyMs;
  }
  return context;
}

// Common Log Format, as `requestContext.requestTime` ("23/Nov/2026:12:00:00 +0000").
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
function clfTime(epochMs: number): string {
  const d = new Date(epochMs);
  const two = (n: number) => String(n).padStart(2, '0');
  const time = `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
  return `${two(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${time} +0000`;
}

function digest(text: string, encoding: 'base64' | 'hex'): string {
  return createHash('sha256').update(text).digest(encoding);
}
