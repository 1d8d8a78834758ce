// Middleware: a request-scoped structured logger (request id, method, path) and one line per completed request.
import type { Logger } from '../logger';
import { methodOf, pathOf } from '../http/http-event';
import { checkOptions, type HttpMiddleware, type HttpRequestObject } from './http-context';

export interface RequestLoggerOptions {
  logger: Logger;
  /** The operation name, e.g. "comments.create". */
  operation: string;
  now?: () => number;
}

const name = 'request-logger';

export function requestLogger(options: RequestLoggerOptions): HttpMiddleware {
  checkOptions(name, options, ['logger', 'operation', 'now']);
  const now = options.now ?? Date.now;
  const started = new WeakMap<object, number>();

  const requestLoggerBefore = (request: HttpRequestObject): void => {
    started.set(request, now());
    request.context.http = {
      logger: options.logger.child({
        operation: options.operation,
        requestId: request.event.requestContext?.requestId ?? request.context.awsRequestId,
        method: methodOf(request.event),
        path: pathOf(request.event),
      }),
    };
  };

  const requestLoggerAfter = (request: HttpRequestObject): void => {
    const logger = request.context.http?.logger ?? options.logger;
    logger.info('request completed', {
      status: request.response?.statusCode,
      principalId: request.context.http?.auth?.principalId,
      latencyMs: now() - (started.get(request) ?? now()),
    });
  };

  return { name, before: requestLoggerBefore, after: requestLoggerAfter, onError: requestLoggerAfter };
}
