// Renders a resolved gateway response: its header mappings (request values or literals) and its body template.
import type { GatewayRequest } from '../incoming';
import type { HeaderValueSource, ResolvedGatewayResponse, SpecificGatewayResponseType } from '../model/gateway-model';
import { BUILT_IN_RESPONSE_TEMPLATES, quoteErrorMessage } from '../model/gateway-response-types';

/** What the gateway is answering: the response type, its message and, for ACCESS_DENIED, the Deny's context. */
export interface GatewayError {
  readonly responseType: SpecificGatewayResponseType;
  /** `$context.error.message`; null renders `null` as messageString (AWS's `{"message":null}` for authorizer 500s). */
  readonly message: string | null;
  /** ACCESS_DENIED only: `$context.authorizer.<key>` (principalId included). Ignored for every other type. */
  readonly authorizer?: Readonly<Record<string, string>>;
}

/** The request's side of the substitution: what incoming.ts read, plus what routing and the stage add. */
export type ResponseRequest = Pick<GatewayRequest, 'headers' | 'multiValueHeaders' | 'query' | 'multiValueQuery'> & {
  readonly pathParameters?: Readonly<Record<string, string>> | null;
  readonly stageVariables?: Readonly<Record<string, string>> | null;
  readonly requestId: string;
  /** Further `$context` variables by dotted name (stage, apiId, path, resourcePath, identity.sourceIp, …). */
  readonly context?: Readonly<Record<string, string>>;
};

export interface RenderedResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

// `$context.a.b` or `${context.a.b}` (and the same for stageVariables); each name part is [A-Za-z0-9_].
const VARIABLE = /\$(?:\{(context|stageVariables)((?:\.\w+)+)\}|(context|stageVariables)((?:\.\w+)+))/g;

/**
 * Developer Guide, "Gateway responses in API Gateway": headers come from parameter mappings and the body from "a
 * non-VTL mapping template supporting only simple variable substitutions" of `$context`, `$stageVariables` and
 * method request parameters. The `application/json` template is used, AWS's built-in one when there is none; the
 * Content-Type is application/json unless a mapping sets it.
 */
export function renderGatewayResponse(
  response: Pick<ResolvedGatewayResponse, 'statusCode' | 'headers' | 'responseTemplates'>,
  error: GatewayError,
  request: ResponseRequest,
): RenderedResponse {
  const headers: Record<string, string> = {};
  for (const { header, source } of response.headers) {
    const value = mappedValue(source, request);
    // A request value that is absent leaves the header out, as AWS does.
    if (value !== undefined) headers[header] = value;
  }
  if (!Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) {
    headers['Content-Type'] = 'application/json';
  }
  headers['x-amzn-RequestId'] = request.requestId;
  const template =
    response.responseTemplates['application/json'] ?? (BUILT_IN_RESPONSE_TEMPLATES['application/json'] as string);
  const body = template.replace(VARIABLE, (_match, braced, bracedPath, bare, barePath) => {
    const path = String(bracedPath ?? barePath).slice(1);
    return (braced ?? bare) === 'context' ? contextValue(path, error, request) : (request.stageVariables?.[path] ?? '');
  });
  return { statusCode: response.statusCode, headers, body };
}

/**
 * Developer Guide, "Parameter mapping source reference for REST APIs". The model has already unquoted a static
 * value's outer single quotes only (`'Bearer realm="x", error="y"'` keeps its inner double quotes). A multi-value
 * source gives its values joined by ","; a single-value one the last value, as the proxy event's `headers` does.
 */
function mappedValue(source: HeaderValueSource, request: ResponseRequest): string | undefined {
  switch (source.kind) {
    case 'static':
      return source.value;
    case 'context':
      return source.name === 'requestId' ? request.requestId : request.context?.[source.name];
    case 'stageVariables':
      return request.stageVariables?.[source.name];
    case 'request':
      return requestValue(source.location, source.name, request);
  }
}

function requestValue(location: string, name: string, request: ResponseRequest): string | undefined {
  if (location === 'path') return request.pathParameters?.[name];
  // Header names are case-insensitive; query string names are not.
  const values =
    location === 'header' || location === 'multivalueheader'
      ? Object.entries(request.multiValueHeaders).find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1]
      : request.multiValueQuery?.[name];
  if (values === undefined || values.length === 0) return undefined;
  return location.startsWith('multivalue') ? values.join(',') : values[values.length - 1];
}

// Unknown `$context` variables render as an empty string. AWS does not document what an unknown reference gives in a
// gateway response template (not VTL, so VTL's echo of the literal reference need not apply); empty is the guess.
function contextValue(path: string, error: GatewayError, request: ResponseRequest): string {
  if (path === 'requestId') return request.requestId;
  if (path === 'error.message') return error.message ?? '';
  // "The quoted value of $context.error.message" (Developer Guide, variable reference): a JSON string literal.
  if (path === 'error.messageString') return quoteErrorMessage(error.message);
  if (path === 'error.responseType') return error.responseType;
  if (path.startsWith('authorizer.')) {
    // Only a Deny result has a context to show: a 401 (a thrown Unauthorized) has none.
    return error.responseType === 'ACCESS_DENIED' ? (error.authorizer?.[path.slice('authorizer.'.length)] ?? '') : '';
  }
  return request.context?.[path] ?? '';
}
