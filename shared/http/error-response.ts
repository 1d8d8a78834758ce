// The one place that maps errors to HTTP responses: project errors by class, Middy's by status, the rest to 500.
import type { APIGatewayProxyResult } from 'aws-lambda';
import { HttpError } from '../errors';

export interface ErrorBody {
  error: string;
  message: string;
  details?: ReadonlyArray<{ path: string; message: string }>;
}

/** @middy/http-json-body-parser reports malformed JSON with this message (as a 415); it is a 400. */
const MIDDY_MALFORMED_JSON = 'Invalid or malformed JSON was provided';

/** Returns the status and body for an error. Only statuses < 500 reveal a message; everything else is generic. */
export function describeError(err: unknown): { statusCode: number; body: ErrorBody } {
  if (err instanceof HttpError) {
    const body: ErrorBody = { error: err.code, message: err.message };
    if (err.details) body.details = err.details;
    return { statusCode: err.statusCode, body };
  }
  const status = (err as { statusCode?: unknown } | null)?.statusCode;
  const message = err instanceof Error ? err.message : '';
  if (message === MIDDY_MALFORMED_JSON) {
    return { statusCode: 400, body: { error: 'malformed_json', message: 'The request body is not valid JSON' } };
  }
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return { statusCode: status, body: { error: `http_${status}`, message } };
  }
  return { statusCode: 500, body: { error: 'internal', message: 'Internal server error' } };
}

export function toErrorResponse(err: unknown): APIGatewayProxyResult {
  const { statusCode, body } = describeError(err);
  return { statusCode, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
}
