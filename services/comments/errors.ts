// Errors of the comments service, each with a stable `code`; the shared error mapper turns them into responses.
import { CodedError } from '../../shared/coded-error';
import { BadRequestError } from '../../shared/errors';

/**
 * A pagination cursor failed its MAC or shape check. One message for every cause, so a client probing
 * cursors learns nothing about which check failed.
 */
export class InvalidCursorError extends BadRequestError {
  static override readonly name: string = 'InvalidCursorError';
  constructor() {
    super('invalid_cursor', 'The cursor is invalid or was tampered with');
  }
}

/**
 * Secrets Manager did not hand out the cursor secret (after the SDK's own retries). Not an HttpError: the
 * client gets the generic 500, while the log keeps the ARN and the SDK's error name, never a secret value.
 */
export class SecretUnavailableError extends CodedError<'secret_unavailable'> {
  static override readonly name: string = 'SecretUnavailableError';
  readonly code = 'secret_unavailable';
  constructor(secretArn: string, cause: unknown) {
    super(`GetSecretValue ${secretArn} failed: ${cause instanceof Error ? cause.name : 'unknown error'}`, { cause });
  }
}
