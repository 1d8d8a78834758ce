// Middleware: decodes the authorizer's context into a typed identity; fails closed with 401, or 403 for missing permissions.
import { decodeAuthContext } from '../auth-context';
import { DEFAULT_CLOCK_TOLERANCE_SECONDS } from '../config/clock-tolerance';
import { AuthContextError, ForbiddenError, UnauthorizedError } from '../errors';
import { authorizerOutputOf } from '../http/http-event';
import { checkOptions, type HttpMiddleware, type HttpRequestObject } from './http-context';

export interface AuthContextOptions {
  /** Defence in depth: permissions the handler needs even if the authorizer's policy already allowed the call. */
  requirePermissions?: readonly string[];
  /** Leeway for `expiresAt`, seconds (API Gateway can serve a cached Allow after the token expired). */
  clockToleranceSeconds?: number;
  now?: () => number;
}

const name = 'auth-context';
const defaults = {
  requirePermissions: [] as readonly string[],
  clockToleranceSeconds: DEFAULT_CLOCK_TOLERANCE_SECONDS,
  now: Date.now,
};

export function authContext(opts: AuthContextOptions = {}): HttpMiddleware {
  checkOptions(name, opts, Object.keys(defaults));
  const options = { ...defaults, ...opts };

  const authContextBefore = (request: HttpRequestObject): void => {
    const logger = request.context.http.logger;
    const raw = authorizerOutputOf(request.event);
    if (raw === undefined || raw === null) {
      // No authorizer ran for this route: serverless.yml is wrong. Never treat the caller as anonymous.
      logger.error('no authorizer context: the route is not behind the authorizer');
      throw new UnauthorizedError();
    }
    let identity;
    try {
      identity = decodeAuthContext(raw);
    } catch (err) {
      if (!(err instanceof AuthContextError)) throw err;
      logger.error('authorizer context does not match the contract', { detail: err.message });
      throw new UnauthorizedError();
    }
    // A result cached by API Gateway can outlive the token by up to the cache TTL: refuse it here.
    if (identity.expiresAt + options.clockToleranceSeconds < Math.floor(options.now() / 1000)) {
      throw new UnauthorizedError('The token has expired');
    }
    const missing = options.requirePermissions.filter((s) => !identity.permissions.includes(s));
    if (missing.length > 0) throw new ForbiddenError('insufficient_scope', `Missing permission: ${missing.join(', ')}`);
    request.context.http.auth = identity;
  };

  return { name, before: authContextBefore };
}
