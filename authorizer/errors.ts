// Every error the authorizer raises, each with a stable `code`, so the handler maps them to API Gateway outcomes in one place.

/** Reason codes for a token that must be answered with 401. A closed list: logs and metrics group by it. */
export const REJECTION_REASONS = [
  'missing',
  'malformed',
  'too_large',
  'unknown_issuer',
  'unsupported_alg',
  'alg_mismatch',
  'unknown_kid',
  'crit_unsupported',
  'bad_signature',
  'expired',
  'not_yet_valid',
  'issued_in_future',
  'too_old',
  'missing_exp',
  'issuer',
  'audience',
  'token_use',
  'id_token',
  'client_id',
  'subject',
  'invalid_claim',
  'context_too_large',
] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

/** The token is not acceptable. The handler answers it with exactly `Error('Unauthorized')` (401). */
export class TokenRejectedError extends Error {
  readonly code: RejectionReason;
  constructor(code: RejectionReason, detail?: string) {
    super(detail ? `token rejected (${code}): ${detail}` : `token rejected (${code})`);
    this.name = 'TokenRejectedError';
    this.code = code;
  }
}

/**
 * The key source could not be reached and the token's key is not already known.
 * Not the caller's fault, so it must not become a 401 that makes clients drop a good token:
 * the handler throws a non-`Unauthorized` error, which API Gateway answers as AUTHORIZER_FAILURE (retryable).
 */
export class KeySourceUnavailableError extends Error {
  readonly code = 'jwks_unavailable' as const;
  constructor(
    readonly source: string,
    cause?: unknown,
  ) {
    super(`key source unavailable: ${source}`, { cause });
    this.name = 'KeySourceUnavailableError';
  }
}

/** `AUTH_CONFIG` is missing or invalid. Raised at module load, so startup stops; `path` names the offending key. */
export class ConfigError extends Error {
  readonly code = 'invalid_config' as const;
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(path ? `AUTH_CONFIG ${path}: ${problem}` : `AUTH_CONFIG: ${problem}`);
    this.name = 'ConfigError';
  }
}

/** The event is not a TOKEN authorizer event we can build a policy for (for example a malformed methodArn). */
export class InvalidEventError extends Error {
  readonly code = 'invalid_event' as const;
  constructor(detail: string) {
    super(`invalid authorizer event: ${detail}`);
    this.name = 'InvalidEventError';
  }
}
