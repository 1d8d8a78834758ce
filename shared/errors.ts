// Error classes shared by the authorizer's contract and the services, each with a stable `code`.

/** The authorizer context reaching a handler is absent or not what the contract encodes: a misconfiguration. */
export class AuthContextError extends Error {
  readonly code = 'invalid_auth_context' as const;
  constructor(detail: string) {
    super(`authorizer context invalid: ${detail}`);
    this.name = 'AuthContextError';
  }
}

/** The identity does not fit the context size budget even without optional claims. */
export class AuthContextTooLargeError extends Error {
  readonly code = 'auth_context_too_large' as const;
  constructor(bytes: number, budget: number) {
    super(`authorizer context needs ${bytes} bytes, over the ${budget}-byte budget`);
    this.name = 'AuthContextTooLargeError';
  }
}

/**
 * An error with an HTTP meaning. Handlers and middlewares throw these; the one error mapper
 * (shared/http/error-response.ts) turns them into `{ error: code, message }` responses.
 */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    /** Field-level problems, for validation errors. */
    readonly details?: ReadonlyArray<{ path: string; message: string }>,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export class BadRequestError extends HttpError {
  constructor(code: string, message: string, details?: ReadonlyArray<{ path: string; message: string }>) {
    super(400, code, message, details);
    this.name = 'BadRequestError';
  }
}

export class UnauthorizedError extends HttpError {
  constructor(message = 'Authentication is required') {
    super(401, 'unauthorized', message);
    this.name = 'UnauthorizedError';
  }
}

export class ForbiddenError extends HttpError {
  constructor(code = 'forbidden', message = 'You are not allowed to do this') {
    super(403, code, message);
    this.name = 'ForbiddenError';
  }
}

export class NotFoundError extends HttpError {
  constructor(message = 'Not found') {
    super(404, 'not_found', message);
    this.name = 'NotFoundError';
  }
}

export class ConflictError extends HttpError {
  constructor(code = 'conflict', message = 'The resource already exists') {
    super(409, code, message);
    this.name = 'ConflictError';
  }
}

export class PayloadTooLargeError extends HttpError {
  constructor(limit: number) {
    super(413, 'payload_too_large', `The request body is larger than ${limit} bytes`);
    this.name = 'PayloadTooLargeError';
  }
}

export class UnsupportedMediaTypeError extends HttpError {
  constructor(message = 'The request body must be application/json') {
    super(415, 'unsupported_media_type', message);
    this.name = 'UnsupportedMediaTypeError';
  }
}

/** A dependency is throttling or unavailable; the same request may succeed later. */
export class ServiceUnavailableError extends HttpError {
  constructor(message = 'The service is busy; try again shortly') {
    super(503, 'service_unavailable', message);
    this.name = 'ServiceUnavailableError';
  }
}

/** A required environment variable is missing or invalid; raised at module load, naming the variable. */
export class EnvError extends Error {
  readonly code = 'invalid_env' as const;
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`environment variable ${variable} ${problem}`);
    this.name = 'EnvError';
  }
}
