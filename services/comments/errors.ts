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
