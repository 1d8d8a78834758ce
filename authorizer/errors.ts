// Every error the authorizer raises, each with a stable `code`, so the handler maps them to API Gateway outcomes in one place.
import { CodedError } from '../shared/coded-error';

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
  'tenant_mismatch',
  'audience',
  'token_use',
  'id_token',
  'client_id',
  'subject',
  'invalid_claim',
  'context_too_large',
] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

/** Every code an authorizer error carries: the rejection reasons plus one per failure that is not the caller's. */
export type AuthorizerErrorCode =
  RejectionReason | 'jwks_unavailable' | 'invalid_config' | 'invalid_event' | 'discovery_invalid' | 'fetch_failed';

/** The base of the authorizer's errors: a CodedError whose `code` is from the closed list above. */
export abstract class AuthorizerError<C extends AuthorizerErrorCode = AuthorizerErrorCode> extends CodedError<C> {
  static override readonly name: string = 'AuthorizerError';
}

/** The token is not acceptable. The handler answers it with exactly `Error('Unauthorized')` (401). */
export class TokenRejectedError extends AuthorizerError<RejectionReason> {
  static override readonly name: string = 'TokenRejectedError';
  constructor(
    readonly code: RejectionReason,
    detail?: string,
  ) {
    super(detail ? `token rejected (${code}): ${detail}` : `token rejected (${code})`);
  }
}

/**
 * The key source could not be reached and the token's key is not already known.
 * Not the caller's fault, so it must not become a 401 that makes clients drop a good token:
 * the handler throws a non-`Unauthorized` error, which API Gateway answers as AUTHORIZER_FAILURE (retryable).
 */
export class KeySourceUnavailableError extends AuthorizerError<'jwks_unavailable'> {
  static override readonly name: string = 'KeySourceUnavailableError';
  readonly code = 'jwks_unavailable';
  constructor(
    readonly source: string,
    cause?: unknown,
  ) {
    super(`key source unavailable: ${source}`, { cause });
  }
}

/** `AUTH_CONFIG` is missing or invalid. Raised at module load, so startup stops; `path` names the offending key. */
export class ConfigError extends AuthorizerError<'invalid_config'> {
  static override readonly name: string = 'ConfigError';
  readonly code = 'invalid_config';
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(path ? `AUTH_CONFIG ${path}: ${problem}` : `AUTH_CONFIG: ${problem}`);
  }
}

/** The event is not a TOKEN authorizer event we can build a policy for (for example a malformed methodArn). */
export class InvalidEventError extends AuthorizerError<'invalid_event'> {
  static override readonly name: string = 'InvalidEventError';
  readonly code = 'invalid_event';
  constructor(detail: string) {
    super(`invalid authorizer event: ${detail}`);
  }
}

/** An OIDC discovery document disagrees with the configuration; refusing it keeps key sources to what was configured. */
export class DiscoveryError extends AuthorizerError<'discovery_invalid'> {
  static override readonly name: string = 'DiscoveryError';
  readonly code = 'discovery_invalid';
  constructor(issuer: string, problem: string) {
    super(`OIDC discovery for ${issuer}: ${problem}`);
  }
}

/** A JWKS or discovery fetch failed; it carries the URL and a reason, never a response body. */
export class FetchError extends AuthorizerError<'fetch_failed'> {
  static override readonly name: string = 'FetchError';
  readonly code = 'fetch_failed';
  constructor(url: string, reason: string) {
    super(`GET ${url} failed: ${reason}`);
  }
}
