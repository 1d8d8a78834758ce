// API Gateway's gateway response types, their default status codes and AWS's built-in default responses.
/*
 * Sources:
 * - Types and default status codes: "Gateway response types for API Gateway",
 *   https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html
 *   (DEFAULT_4XX / DEFAULT_5XX: "Null"; every other type "defaults to the DEFAULT_4XX / DEFAULT_5XX type" when
 *   it is unspecified, and changing a DEFAULT_*'s status code changes the status of the responses that fall back
 *   to it). LocalStack's port of the same table agrees (localstack/localstack,
 *   services/apigateway/next_gen/execute_api/gateway_response.py, GatewayResponseCode).
 * - Built-in body template `{"message":$context.error.messageString}`: what API Gateway reports for an
 *   uncustomized response (LocalStack's build_gateway_response default, above), consistent with the bodies below.
 * - Built-in messages (`$context.error.message`):
 *   - "Missing Authentication Token": "Gateway responses for REST APIs in API Gateway",
 *     https://docs.aws.amazon.com/apigateway/latest/developerguide/customize-gateway-responses.html
 *   - "Unauthorized" (identity source missing or not matching the validation regex, or the function answering
 *     `Unauthorized`), "User is not authorized to access this resource" (implicit deny) and "… with an explicit
 *     deny": AWS Knowledge Center, "How do I troubleshoot HTTP 403 Forbidden errors when using a Lambda authorizer
 *     with an API Gateway REST API?", https://repost.aws/knowledge-center/api-gateway-403-error-lambda-authorizer,
 *     and its 401 companion (api-gateway-401-error-lambda-authorizer).
 *   - null for a failing authorizer (500 `{"message":null}`): L. Mammino, "Debugging custom ApiGateway
 *     authorizers", https://loige.co/debugging-custom-apigateway-authorizers/ (no AWS page states it).
 */

export const GATEWAY_RESPONSE_TYPES = [
  'ACCESS_DENIED',
  'API_CONFIGURATION_ERROR',
  'AUTHORIZER_CONFIGURATION_ERROR',
  'AUTHORIZER_FAILURE',
  'BAD_REQUEST_PARAMETERS',
  'BAD_REQUEST_BODY',
  'DEFAULT_4XX',
  'DEFAULT_5XX',
  'EXPIRED_TOKEN',
  'INTEGRATION_FAILURE',
  'INTEGRATION_TIMEOUT',
  'INVALID_API_KEY',
  'INVALID_SIGNATURE',
  'MISSING_AUTHENTICATION_TOKEN',
  'QUOTA_EXCEEDED',
  'REQUEST_TOO_LARGE',
  'RESOURCE_NOT_FOUND',
  'THROTTLED',
  'UNAUTHORIZED',
  'UNSUPPORTED_MEDIA_TYPE',
  'WAF_FILTERED',
] as const;
export type GatewayResponseType = (typeof GATEWAY_RESPONSE_TYPES)[number];
/** A type API Gateway answers with; the two DEFAULT_* types are only fallbacks and have no status of their own. */
export type SpecificGatewayResponseType = Exclude<GatewayResponseType, 'DEFAULT_4XX' | 'DEFAULT_5XX'>;

/** Each specific type's default status code (docs table above). */
export const DEFAULT_STATUS_CODES: Readonly<Record<SpecificGatewayResponseType, number>> = {
  ACCESS_DENIED: 403,
  API_CONFIGURATION_ERROR: 500,
  AUTHORIZER_CONFIGURATION_ERROR: 500,
  AUTHORIZER_FAILURE: 500,
  BAD_REQUEST_PARAMETERS: 400,
  BAD_REQUEST_BODY: 400,
  EXPIRED_TOKEN: 403,
  INTEGRATION_FAILURE: 504,
  INTEGRATION_TIMEOUT: 504,
  INVALID_API_KEY: 403,
  INVALID_SIGNATURE: 403,
  MISSING_AUTHENTICATION_TOKEN: 403,
  QUOTA_EXCEEDED: 429,
  REQUEST_TOO_LARGE: 413,
  RESOURCE_NOT_FOUND: 404,
  THROTTLED: 429,
  UNAUTHORIZED: 401,
  UNSUPPORTED_MEDIA_TYPE: 415,
  WAF_FILTERED: 403,
};

/** The body template of every uncustomized gateway response. */
export const BUILT_IN_RESPONSE_TEMPLATES: Readonly<Record<string, string>> = {
  'application/json': '{"message":$context.error.messageString}',
};

/**
 * `$context.error.message` for the failures the local gateway produces (sources above). ACCESS_DENIED has two,
 * depending on whether a statement denied the method ARN or none allowed it.
 */
export const ERROR_MESSAGES = {
  UNAUTHORIZED: 'Unauthorized',
  MISSING_AUTHENTICATION_TOKEN: 'Missing Authentication Token',
  ACCESS_DENIED_IMPLICIT: 'User is not authorized to access this resource',
  ACCESS_DENIED_EXPLICIT: 'User is not authorized to access this resource with an explicit deny',
  AUTHORIZER_FAILURE: null,
  AUTHORIZER_CONFIGURATION_ERROR: null,
} as const satisfies Record<string, string | null>;

/** `$context.error.messageString`: the message "already quoted" as a JSON string, or `null` when there is none. */
export function quoteErrorMessage(message: string | null): string {
  return JSON.stringify(message);
}

export function isGatewayResponseType(value: unknown): value is GatewayResponseType {
  return typeof value === 'string' && (GATEWAY_RESPONSE_TYPES as readonly string[]).includes(value);
}

/** Which DEFAULT_* a specific type falls back to: by its default status class, as the docs table assigns them. */
export function selectFallbackType(type: SpecificGatewayResponseType): 'DEFAULT_4XX' | 'DEFAULT_5XX' {
  return DEFAULT_STATUS_CODES[type] >= 500 ? 'DEFAULT_5XX' : 'DEFAULT_4XX';
}
