// POST /auth/signup: creates a Cognito user with the e-mail as username, optionally confirms it and adds its group.
import {
  AdminAddUserToGroupCommand,
  AdminConfirmSignUpCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { created } from '../../shared/http/responses';
import { withPublicHttp, type LambdaHttpHandler } from '../../shared/http/with-http';
import { authDeps, type AuthDeps, type AuthHandlerOptions } from './auth-deps';
import { toProvisioningError, toSignUpError } from './cognito-errors';
import { signUpBody } from './schemas';

export function makeSignUp(deps: AuthDeps, options: AuthHandlerOptions = {}): LambdaHttpHandler {
  return withPublicHttp({ operation: 'auth.signup', body: signUpBody, ...options }, async ({ body, logger }) => {
    const { cognito, clientId, userPoolId } = deps;
    const command = new SignUpCommand({
      ClientId: clientId,
      Username: body.email,
      Password: body.password,
      UserAttributes: [{ Name: 'email', Value: body.email }],
    });
    const signedUp = await cognito.send(command).catch((err: unknown) => {
      throw toSignUpError(err);
    });
    const userSub = signedUp.UserSub;
    if (!userSub) throw new Error('Cognito SignUp returned no UserSub');
    // Admin calls name the user by its sub: valid whatever the pool's username and alias settings.
    try {
      // The group before the confirmation, so a confirmed account is always a fully provisioned one.
      if (deps.signupGroup) {
        await cognito.send(
          new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: userSub, GroupName: deps.signupGroup }),
        );
      }
      // A PreSignUp trigger may have confirmed the user already; confirming twice is an error in Cognito.
      if (deps.autoConfirm && !signedUp.UserConfirmed) {
        await cognito.send(new AdminConfirmSignUpCommand({ UserPoolId: userPoolId, Username: userSub }));
      }
    } catch (err) {
      // The account exists but is not (fully) set up; the sub lets an operator finish or remove it. No e-mail in logs.
      logger.error('sign-up provisioning failed', { userSub, error: (err as Error).name });
      throw toProvisioningError(err);
    }
    const confirmed = Boolean(signedUp.UserConfirmed) || deps.autoConfirm;
    logger.info('user signed up', { userSub, confirmed });
    return created({ userSub, confirmed });
  });
}

export const handler = makeSignUp(authDeps());
