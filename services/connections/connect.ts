// WebSocket `$connect`: accepts the connection the authorizer allowed, once the shared middleware decoded its identity.
import middy from '@middy/core';
import type { APIGatewayProxyResult, Context } from 'aws-lambda';
import type { HttpEvent } from '../../shared/http/http-event';
import { createLogger, logLevelFrom, type Logger } from '../../shared/logger';
import { authContext } from '../../shared/middleware/auth-context';
import { errorHandler } from '../../shared/middleware/error-handler';
import type { HttpContext } from '../../shared/middleware/http-context';
import { requestLogger } from '../../shared/middleware/request-logger';

export interface ConnectOptions {
  logger?: Logger;
  now?: () => number;
}

/**
 * The `$connect` integration sees the authorizer's context at requestContext.authorizer, as a REST backend does, so
 * the same contract decodes it (401 for a missing or expired identity; a non-2xx answer refuses the connection).
 * Opening a connection needs no permission; the decoded identity's permissions are what a message route checks.
 * Nothing here reads the query string: on $connect it holds the access_token.
 */
export function makeConnect(options: ConnectOptions = {}) {
  const logger = options.logger ?? createLogger({ level: logLevelFrom(process.env) });
  const now = options.now ? { now: options.now } : {};
  const chain = middy<HttpEvent, APIGatewayProxyResult, Error, HttpContext>()
    .use(requestLogger({ logger, operation: 'connections.connect', ...now }))
    .use(errorHandler())
    .use(authContext(now))
    .handler(async (event, context) => {
      const connectionId = (event.requestContext as { connectionId?: unknown }).connectionId;
      context.http.logger.info('connection accepted', { connectionId, userId: context.http.auth?.userId });
      return { statusCode: 200, body: '' };
    });
  return (event: HttpEvent, context: Context) => chain(event, context as HttpContext);
}

export const handler = makeConnect();
