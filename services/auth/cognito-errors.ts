// Maps Cognito's exceptions to the project's HTTP errors, per operation; anything unmapped is rethrown (→ generic 500).
import { CognitoIdentityProviderServiceException } from '@aws-sdk/client-cognito-identity-provider';
import {
  BadRequestError,
  ConflictError,
  ForbiddenError,
  HttpError,
  ServiceUnavailableError,
} from '../../shared/errors';

/** The one answer to every credential failure, so no response tells an unknown account from a wrong password. */
export const INVALID_CREDENTIALS_MESSAGE = 'Incorrect email or password';

export class InvalidCredentialsError extends HttpError {
  static override readonly name: string = 'InvalidCredentialsError';
  constructor() {
    super(401, 'invalid_credentials', INVALID_CREDENTIALS_MESSAGE);
  }
}

type ToHttpError = (err: CognitoIdentityProviderServiceException) => HttpError;

/**
 * Throttling → 503, not 429. Cognito's request quotas (and its e-mail sending limit) belong to our AWS account and
 * are shared by every caller, so the one who trips them is rarely the one who caused it: the honest answer is "the
 * service is busy, retry later". A 5xx also reaches the operators (it is logged as an error and counts in 5xx alarms),
 * which a quota needing a raise should.
 */
const THROTTLING: Array<[string, ToHttpError]> = [
  ['TooManyRequestsException', () => new ServiceUnavailableError()],
  ['LimitExceededException', () => new ServiceUnavailableError()],
];

const SIGN_IN = new Map<string, ToHttpError>([
  ...THROTTLING,
  // All three mean "these credentials do not open an account", whichever way Cognito happens to say it (real
  // Cognito with PreventUserExistenceErrors already says NotAuthorized for both; cognito-local does not).
  // NotAuthorized also covers "Password attempts exceeded", which must not reveal an account either.
  ['NotAuthorizedException', () => new InvalidCredentialsError()],
  ['UserNotFoundException', () => new InvalidCredentialsError()],
  ['InvalidPasswordException', () => new InvalidCredentialsError()],
  // Cognito reports an unconfirmed account only after the password checked out, so this reveals nothing to a guesser.
  ['UserNotConfirmedException', () => new ForbiddenError('not_confirmed', 'The account is not confirmed yet')],
  [
    'PasswordResetRequiredException',
    () => new ForbiddenError('password_reset_required', 'The password must be reset before signing in'),
  ],
  // InvalidParameterException is left out on purpose: on InitiateAuth it means the app client does not allow
  // USER_PASSWORD_AUTH, our misconfiguration, which must be a 500 and not blamed on the caller.
]);

const SIGN_UP = new Map<string, ToHttpError>([
  ...THROTTLING,
  // Cognito's SignUp reveals an existing account by itself (any caller could ask it directly), so hiding it here
  // would protect nothing and only confuse users.
  ['UsernameExistsException', () => new ConflictError('account_exists', 'An account with this email already exists')],
  // Cognito's policy messages ("Password did not conform with policy: …") name the rule, never the value.
  ['InvalidPasswordException', (err) => new BadRequestError('weak_password', err.message)],
  // A fixed message: AWS validation messages may quote the rejected value, and that value may be the password.
  [
    'InvalidParameterException',
    () => new BadRequestError('invalid_request', 'Cognito refused the email address or password'),
  ],
]);

/** The admin steps after SignUp: only throttling is the caller's business; anything else is our fault (500). */
const PROVISIONING = new Map<string, ToHttpError>(THROTTLING);

export const toSignInError = (err: unknown): unknown => mapWith(SIGN_IN, err);
export const toSignUpError = (err: unknown): unknown => mapWith(SIGN_UP, err);
export const toProvisioningError = (err: unknown): unknown => mapWith(PROVISIONING, err);

/** A Map, not an object literal: an exception named like an Object.prototype member must not match. */
function mapWith(mapping: ReadonlyMap<string, ToHttpError>, err: unknown): unknown {
  if (!(err instanceof CognitoIdentityProviderServiceException)) return err;
  const toHttp = mapping.get(err.name);
  return toHttp ? toHttp(err) : err;
}
