// Middleware: turns any error into the JSON error response (through the one mapper) and logs it.
import { describeError, toErrorResponse } from '../http/error-response';
import type { HttpMiddleware, HttpRequestObject } from './http-context';

const name = 'error-handler';

export function errorHandler(): HttpMiddleware {
  const errorHandlerOnError = (request: HttpRequestObject): void => {
    const err = request.error;
    const { statusCode, body } = describeError(err);
    const logger = request.context.http?.logger;
    if (statusCode >= 500) {
      // The client gets a generic body; the log keeps what happened (never the request body).
      logger?.error('request failed', {
        status: statusCode,
        error: err?.name,
        detail: err?.message,
        stack: err?.stack,
      });
    } else {
      logger?.info('request rejected', { status: statusCode, error: body.error });
    }
    request.response = toErrorResponse(err);
  };
  return { name, onError: errorHandlerOnError };
}
