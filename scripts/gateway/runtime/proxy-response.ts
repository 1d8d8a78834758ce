// Maps a Lambda proxy integration result to the HTTP response API Gateway's REST API sends, or to its 502.
import { validateHeaderName, validateHeaderValue } from 'node:http';

export interface ProxyHttpResponse {
  statusCode: number;
  /** Every header with all its values, ready for `res.setHeader(name, values)`. */
  headers: Record<string, string[]>;
  body: Buffer;
}

type Scalar = string | number | boolean;
// Developer Guide, "Set up Lambda proxy integrations in API Gateway" (output format): exactly these keys. Another
// key makes the result malformed (a REST API answers 502 to HTTP API's `cookies`: anomalyco/sst#2760).
const KEYS = new Set(['statusCode', 'headers', 'multiValueHeaders', 'body', 'isBase64Encoded']);

/**
 * The response for a function's result. "If the function output is of a different format, API Gateway returns a
 * 502 Bad Gateway error response" (same page), with `{"message": "Internal server error"}`: a result that is not an
 * object, a statusCode that is not an integer from 100 to 599, a body that is not a string (an object body is the
 * classic), headers that are not a map of scalars or multiValueHeaders that are not a map of scalar lists.
 *
 * Headers: "If you specify values for both headers and multiValueHeaders, API Gateway merges them into a single
 * list. If the same key-value pair is specified in both, only the values from multiValueHeaders will appear". A
 * missing Content-Type becomes application/json, the REST API default. `isBase64Encoded: true` is decoded here;
 * on AWS that needs the API's binaryMediaTypes to match, which the local gateway does not check.
 */
export function proxyResponseOf(payload: unknown): ProxyHttpResponse {
  if (!isRecord(payload) || Object.keys(payload).some((k) => !KEYS.has(k))) return lambdaFailureResponse();
  const { statusCode, body, isBase64Encoded } = payload;
  if (typeof statusCode !== 'number' || !Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599) {
    return lambdaFailureResponse();
  }
  if (body !== undefined && body !== null && typeof body !== 'string') return lambdaFailureResponse();
  if (isBase64Encoded !== undefined && isBase64Encoded !== null && typeof isBase64Encoded !== 'boolean') {
    return lambdaFailureResponse();
  }
  const headers = mergedHeaders(payload.headers, payload.multiValueHeaders);
  if (!headers) return lambdaFailureResponse();
  if (!Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) {
    headers['Content-Type'] = ['application/json'];
  }
  const text = body ?? '';
  return { statusCode, headers, body: Buffer.from(text, isBase64Encoded === true ? 'base64' : 'utf8') };
}

/** 502 `{"message": "Internal server error"}`: a malformed result, or a function that threw or crashed. */
export function lambdaFailureResponse(): ProxyHttpResponse {
  return {
    statusCode: 502,
    headers: { 'Content-Type': ['application/json'] },
    body: Buffer.from('{"message": "Internal server error"}', 'utf8'),
  };
}

// Keyed by lower-case name (HTTP names are case-insensitive), then fromEntries: a header the function names
// "__proto__" stays data.
function mergedHeaders(single: unknown, multi: unknown): Record<string, string[]> | undefined {
  const merged = new Map<string, [string, string[]]>();
  if (single !== undefined && single !== null) {
    if (!isRecord(single)) return undefined;
    for (const [name, value] of Object.entries(single)) {
      if (!isScalar(value)) return undefined;
      merged.set(name.toLowerCase(), [name, [String(value)]]);
    }
  }
  if (multi !== undefined && multi !== null) {
    if (!isRecord(multi)) return undefined;
    for (const [name, values] of Object.entries(multi)) {
      if (!Array.isArray(values) || !values.every(isScalar)) return undefined;
      // The same header named in both (in any case): the multi-value list replaces the single value.
      merged.set(name.toLowerCase(), [name, values.map(String)]);
    }
  }
  // A name or value HTTP cannot carry (a newline, a character past U+00FF, a space in a name) is a malformed result:
  // 502, never a crash of the gateway. Framing headers are the gateway's to set, never the backend's.
  for (const [lower, [name, values]] of merged) {
    if (FRAMING_HEADERS.has(lower)) merged.delete(lower);
    else if (!isValidHeader(name, values)) return undefined;
  }
  return Object.fromEntries(merged.values());
}

const FRAMING_HEADERS = new Set(['content-length', 'transfer-encoding', 'connection']);

function isValidHeader(name: string, values: string[]): boolean {
  try {
    validateHeaderName(name);
    for (const value of values) validateHeaderValue(name, value);
    return true;
  } catch {
    return false;
  }
}

function isScalar(value: unknown): value is Scalar {
  return typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && isFinite(value));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
