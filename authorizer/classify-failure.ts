// The single place that maps failures to API Gateway outcomes: this is where fail-closed is decided.
import { AuthContextTooLargeError } from '../shared/errors';
import type { DecisionReason, Outcome } from './decision-log';
import { InvalidEventError, KeySourceUnavailableError, TokenRejectedError } from './errors';

/** API Gateway answers 401 only for this exact message; anything else thrown becomes a 500. */
export const UNAUTHORIZED = 'Unauthorized';
/** Thrown when the key source is down and the key unknown: AUTHORIZER_FAILURE, retryable, not a 401. */
export const KEY_SOURCE_UNAVAILABLE = 'KeySourceUnavailable';
export const AUTHORIZER_FAILURE = 'AuthorizerFailure';

export interface Failure {
  readonly outcome: Exclude<Outcome, 'allow' | 'deny'>;
  readonly reason: DecisionReason;
  /** The message of the plain Error the caller gets: never the original error, which may say too much. */
  readonly message: string;
}

export function classifyFailure(err: unknown): Failure {
  if (err instanceof TokenRejectedError) return { outcome: 'unauthorized', reason: err.code, message: UNAUTHORIZED };
  if (err instanceof AuthContextTooLargeError) {
    return { outcome: 'unauthorized', reason: 'context_too_large', message: UNAUTHORIZED };
  }
  if (err instanceof KeySourceUnavailableError) {
    return { outcome: 'unavailable', reason: err.code, message: KEY_SOURCE_UNAVAILABLE };
  }
  if (err instanceof InvalidEventError) return { outcome: 'error', reason: err.code, message: AUTHORIZER_FAILURE };
  return { outcome: 'error', reason: 'internal', message: AUTHORIZER_FAILURE };
}
