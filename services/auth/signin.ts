// POST /auth/signin: exchanges an e-mail and password for Cognito tokens (USER_PASSWORD_AUTH).
import { InitiateAuthCommand, type AuthenticationResultType } from '@aws-sdk/client-cognito-identity-provider';
import { ForbiddenError } from '../../shared/errors';
import { ok } from '../../shared/http/responses';
import { withPublicHttp, type LambdaHttpHandler } from '../../shared/http/with-http';
import { authDeps, type AuthDeps, type AuthHandlerOptions } from './auth-deps';
import { toSignInError } from './cognito-errors';
import { signInBody } from './schemas';

export function makeSignIn(deps: AuthDeps, options: AuthHandlerOptions = {}): LambdaHttpHandler {
  return withPublicHttp({ operation: 'auth.signin', body: signInBody, ...options }, async ({ body }) => {
    const command = new InitiateAuthCommand({
      ClientId: deps.clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: body.email, PASSWORD: body.password },
    });
    const answer = await deps.cognito.send(command).catch((err: unknown) => {
      throw toSignInError(err);
    });
    // Challenges (new password, MFA) need a second round trip with a session this API does not offer; Cognito only
    // sends one once the password checked out, so naming it reveals nothing to a guesser.
    if (answer.ChallengeName) {
      throw new ForbiddenError(
        'challenge_required',
        `Sign-in needs the ${answer.ChallengeName} challenge, which this API does not handle`,
      );
    }
    return ok(presentTokens(answer.AuthenticationResult));
  });
}

function presentTokens(result: AuthenticationResultType | undefined) {
  const { IdToken: idToken, AccessToken: accessToken, RefreshToken: refreshToken } = result ?? {};
  if (!idToken || !accessToken || !refreshToken)
    throw new Error('Cognito InitiateAuth returned neither tokens nor a challenge');
  return {
    idToken,
    accessToken,
    refreshToken,
    expiresIn: result?.ExpiresIn ?? lifetimeOf(accessToken),
    tokenType: 'Bearer' as const,
  };
}

/**
 * Real Cognito always sends ExpiresIn; cognito-local does not, so fall back to the access token's own exp − iat.
 * Reading the payload unverified is fine here: the token came straight from Cognito and is only being described.
 */
function lifetimeOf(accessToken: string): number {
  let claims: { exp?: unknown; iat?: unknown } | null = null;
  try {
    claims = JSON.parse(Buffer.from(accessToken.split('.')[1] ?? '', 'base64url').toString('utf8'));
  } catch {
    // JSON.parse quotes its input in the message; the error log must not carry any of the token.
  }
  const { exp, iat } = claims ?? {};
  if (typeof exp !== 'number' || typeof iat !== 'number')
    throw new Error('the access token has no exp/iat to derive expiresIn from');
  return exp - iat;
}

export const handler = makeSignIn(authDeps());
