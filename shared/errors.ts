// Error classes shared by the authorizer's contract and the services, each with a stable `code` (base: CodedError).
import { CodedError } from './coded-error';

/** The authorizer context reaching a handler is absent or not what the contract encodes: a misconfiguration. */
export class AuthContextError extends CodedError<'invalid_auth_context'> {
  static override readonly name: string = 'AuthContextError';
  readonly code = 'invalid_auth_context';
  constructor(detail: string) {
    super(`authorizer context invalid: ${detail}`);
  }
}

/** The identity does not fit the context size budget even without optional claims. */
export class AuthContextTooLargeError extends CodedError<'auth_context_too_large'> {
  static override readonly name: string = 'AuthContextTooLargeError';
  readonly code = 'auth_context_too_large';
  constructor(bytes: number, budget: number) {
    super(`authorizer context needs ${bytes} bytes, over the ${budget}-byte budget`);
  }
}

/**
 * An error with an HTTP meaning. Handlers and middlewares throw these; the one error mapper
 * (shared/http/error-response.ts) turns them into `{ error: code, message }` responses.
 */
export class HttpError extends CodedError {
  static override readonly name: string = 'HttpError';
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    /** Field-level problems, for validation errors. */
    readonly details?: ReadonlyArray<{ path: string; message: string }>,
  ) {
    super(message);
  }
}

export class BadRequestError extends HttpError {
  static override readonly name: string = 'BadRequestError';
  constructor(code: string, message: string, details?: ReadonlyArray<{ path: string; message: string }>) {
    super(400, code, message, details);
  }
}

export class UnauthorizedError extends HttpError {
  static override readonly name: string = 'UnauthorizedError';
  constructor(message = 'Authentication is required') {
    super(401, 'unauthorized', message);
  }
}

export class ForbiddenError extends HttpError {
  static override readonly name: string = 'ForbiddenError';
  constructor(code = 'forbidden', message = 'You are not allowed to do this') {
    super(403, code, message);
  }
}

export class NotFoundError extends HttpError {
  static override readonly name: string = 'NotFoundError';
  constructor(message = 'Not found') {
    super(404, 'not_found', message);
  }
}

export class ConflictError extends HttpError {
  static override readonly name: string = 'ConflictError';
  constructor(code = 'conflict', message = 'The resource already exists') {
    super(409, code, message);
  }
}

export class PayloadTooLargeError extends HttpError {
  static override readonly name: string = 'PayloadTooLargeError';
  constructor(limit: number) {
    super(413, 'payload_too_large', `The request body is larger than ${limit} bytes`);
  }
}

export class UnsupportedMediaTypeError extends HttpError {
  static override readonly name: string = 'UnsupportedMediaTypeError';
  constructor(message = 'The request body must be application/json') {
    super(415, 'unsupported_media_type', message);
  }
}

/** A dependency is throttling or unavailable; the same request may succeed later. */
export class ServiceUnavailableError extends HttpError {
  static override readonly name: string = 'ServiceUnavailableError';
  constructor(message = 'The service is busy; try again shortly') {
    super(503, 'service_unavailable', message);
  }
}

/** A required environment variable is missing or invalid; raised at module load, naming the variable. */
export class EnvError extends CodedError<'invalid_env'> {
  static override readonly name: string = 'EnvError';
  readonly code = 'invalid_env';
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`environment variable ${variable} ${problem}`);
  }
}
