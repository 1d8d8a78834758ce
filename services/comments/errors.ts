// Errors of the comments service, each with a stable `code`; the shared error mapper turns them into responses.
import { BadRequestError } from '../../shared/errors';

/**
 * A pagination cursor failed its MAC or shape check. One message for every cause, so a client probing
 * cursors learns nothing about which check failed.
 */
export class InvalidCursorError extends BadRequestError {
  constructor() {
    super('invalid_cursor', 'The cursor is invalid or was tampered with');
    this.name = 'InvalidCursorError';
  }
}

/**
 * Secrets Manager did not hand out the cursor secret (after the SDK's own retries). Not an HttpError: the
 * client gets the generic 500, while the log keeps the ARN and the SDK's error name, never a secret value.
 */
export class SecretUnavailableError extends Error {
  readonly code = 'secret_unavailable' as const;
  constructor(secretArn: string, cause: unknown) {
    super(`GetSecretValue ${secretArn} failed: ${cause instanceof Error ? cause.name : 'unknown error'}`, { cause });
    this.name = 'SecretUnavailableError';
  }
}
