// The one composition point for HTTP handlers: the Middy chain of logging, CORS, errors, auth, body parsing and validation.
import middy from '@middy/core';
import httpCors from '@middy/http-cors';
import httpJsonBodyParser from '@middy/http-json-body-parser';
import type { APIGatewayProxyResult, Context } from 'aws-lambda';
import type { z } from 'zod';
import type { AuthIdentity } from '../auth-context';
import { permissionsOf, type ProtectedRouteKey } from '../route-manifest';
import { createLogger, logLevelFrom, type Logger } from '../logger';
import { authContext } from '../middleware/auth-context';
import { errorHandler } from '../middleware/error-handler';
import type { HttpContext, HttpMiddleware } from '../middleware/http-context';
import { jsonBodyGuard } from '../middleware/json-body';
import { requestLogger } from '../middleware/request-logger';
import { validate } from '../middleware/validate';
import type { HttpEvent } from './http-event';
import { readHttpSettings, type HttpSettings } from './http-settings';
import { toProxyResult, type HttpResponse } from './responses';

export interface PublicRequest<B, Q> {
  body: B;
  query: Q;
  /** Path parameters, e.g. { id } for /comments/{id}. */
  params: Record<string, string | undefined>;
  logger: Logger;
  event: HttpEvent;
  context: Context;
}
export interface HttpRequest<B, Q> extends PublicRequest<B, Q> {
  /** The caller, as the authorizer decided; handlers never read requestContext.authorizer themselves. */
  auth: AuthIdentity;
}

export interface HttpOptions<B, Q> {
  /** Names the operation in logs, e.g. "comments.create". */
  operation: string;
  /** A zod schema for the JSON body; routes without one accept no body parsing at all. */
  body?: z.ZodType<B>;
  query?: z.ZodType<Q>;
  /**
   * The route served, as the route manifest names it ("GET /comments"). Its permissions are checked again here,
   * defence in depth on top of the authorizer's policy (403 when missing): looked up, never restated.
   */
  route?: ProtectedRouteKey;
  /** Injected for tests; by default read once from the environment and stdout. */
  settings?: HttpSettings;
  logger?: Logger;
  now?: () => number;
}

export type LambdaHttpHandler = (event: HttpEvent, context: Context) => Promise<APIGatewayProxyResult>;
type Query = Record<string, string | undefined>;

let defaults: { settings: HttpSettings; logger: Logger } | undefined;
// Read once per cold start and shared by every handler in the bundle.
function defaultDeps() {
  defaults ??= { settings: readHttpSettings(), logger: createLogger({ level: logLevelFrom(process.env) }) };
  return defaults;
}

/** Wraps a handler for an authorized route: it receives `auth`, the typed identity. */
export function withHttp<B = undefined, Q = Query>(
  options: HttpOptions<B, Q> & { route: ProtectedRouteKey },
  handler: (request: HttpRequest<B, Q>) => Promise<HttpResponse>,
): LambdaHttpHandler {
  const requirePermissions = permissionsOf(options.route);
  const auth = authContext({ requirePermissions, ...(options.now ? { now: options.now } : {}) });
  return compose(options, [auth], (request, http) => handler({ ...request, auth: http.auth as AuthIdentity }));
}

/** Wraps a handler for a route without the authorizer (sign-up, sign-in). */
export function withPublicHttp<B = undefined, Q = Query>(
  options: Omit<HttpOptions<B, Q>, 'route'>,
  handler: (request: PublicRequest<B, Q>) => Promise<HttpResponse>,
): LambdaHttpHandler {
  return compose(options, [], (request) => handler(request));
}

// Whether Allow-Origin is sent depends on the Origin, so shared caches must see Vary: Origin. http-cors adds it
// itself for several origins; for a single one we ask for it (`vary` is supported but missing from its types).
function corsOptions(settings: HttpSettings): Parameters<typeof httpCors>[0] {
  const { origins, credentials } = settings.cors;
  const single = origins.length === 1 && origins[0] !== '*';
  return { origins, credentials, ...(single ? { vary: 'Origin' } : {}) } as Parameters<typeof httpCors>[0];
}

function compose<B, Q>(
  options: HttpOptions<B, Q>,
  authMiddlewares: HttpMiddleware[],
  run: (request: PublicRequest<B, Q>, http: HttpContext['http']) => Promise<HttpResponse>,
): LambdaHttpHandler {
  const settings = options.settings ?? defaultDeps().settings;
  const logger = options.logger ?? defaultDeps().logger;
  // Order matters: `before` runs top-down, `after`/`onError` bottom-up, so the error handler's response
  // still gets CORS headers and the logger sees the final status. Auth comes before any body work.
  const chain = middy<HttpEvent, APIGatewayProxyResult, Error, HttpContext>()
    .use(requestLogger({ logger, operation: options.operation, ...(options.now ? { now: options.now } : {}) }))
    .use(httpCors(corsOptions(settings)) as HttpMiddleware)
    .use(errorHandler());
  for (const mw of authMiddlewares) chain.use(mw);
  if (options.body) {
    // The guard is the one content-type check: media types are case-insensitive (RFC 9110 §8.3.1) and Middy's own
    // check is not, so `Application/JSON` would pass the guard and then fail as a 415.
    chain
      .use(jsonBodyGuard({ maxBytes: settings.maxBodyBytes }))
      // `disableContentTypeCheck` is in the middleware (index.js) but missing from its published types.
      .use(
        httpJsonBodyParser({ disableContentTypeCheck: true } as Parameters<
          typeof httpJsonBodyParser
        >[0]) as HttpMiddleware,
      );
  }
  chain.use(
    validate({ ...(options.body ? { body: options.body } : {}), ...(options.query ? { query: options.query } : {}) }),
  );
  const wrapped = chain.handler(async (event, context) => {
    const http = context.http;
    const request: PublicRequest<B, Q> = {
      body: http.body as B,
      query: http.query as Q,
      params: event.pathParameters ?? {},
      logger: http.logger,
      event,
      context,
    };
    return toProxyResult(await run(request, http));
  });
  return (event, context) => wrapped(event, context as HttpContext);
}
