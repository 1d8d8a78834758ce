// Cognito PostConfirmation trigger: a user who confirms a sign-up joins the sign-up group, however they signed up.
import { AdminAddUserToGroupCommand, CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { PostConfirmationTriggerEvent } from 'aws-lambda';
import type { Env } from '../../shared/config/env';
import { createLogger, logLevelFrom, type Logger } from '../../shared/logger';
import { readSignupGroup } from './auth-deps';

export interface PostConfirmationDeps {
  cognito: CognitoIdentityProviderClient;
  /** The group a confirmed sign-up joins (SIGNUP_GROUP, as for POST /auth/signup); absent for none. */
  group?: string;
  logger: Logger;
}

/*
 * POST /auth/signup adds its users to the group itself, but anyone can call the pool's SignUp directly (the app
 * client is public: that is how amazon-cognito-identity-js signs up). Without this trigger such a user confirms by
 * e-mail and then holds no group: 403 on every route that needs a permission, with no hint why.
 */
export function makePostConfirmation(deps: PostConfirmationDeps) {
  return async function postConfirmation(event: PostConfirmationTriggerEvent): Promise<PostConfirmationTriggerEvent> {
    // A password reset fires this trigger too (PostConfirmation_ConfirmForgotPassword): it must not put back into
    // the group a user an administrator took out of it.
    if (event.triggerSource !== 'PostConfirmation_ConfirmSignUp' || !deps.group) return event;
    // The pool is the event's: Cognito invokes this only for its own pool (the Lambda permission's SourceArn), and
    // the role may add users to groups of that pool only (scripts/serverless/resources/cognito.yml).
    const sub = event.request.userAttributes['sub'];
    try {
      await deps.cognito.send(
        new AdminAddUserToGroupCommand({
          UserPoolId: event.userPoolId,
          Username: event.userName,
          GroupName: deps.group,
        }),
      );
    } catch (err) {
      // Cognito runs this after the user is confirmed: throwing would not undo that, only fail the client's call
      // (UserLambdaValidationException) and leave a confirmed user whom no retry reaches (a second confirm is
      // refused). So the failure is logged for an alarm (a metric filter on this line) and the user is fixed by hand.
      deps.logger.error('sign-up group not joined', { sub, group: deps.group, error: (err as Error).name });
      return event;
    }
    // The sub, never the e-mail: logs carry no personal data.
    deps.logger.info('confirmed user joined the sign-up group', { sub, group: deps.group });
    return event;
  };
}

/** SIGNUP_GROUP read by the same rule as POST /auth/signup's: unset is readers, empty is none. */
export function loadPostConfirmationDeps(env: Env = process.env): PostConfirmationDeps {
  const group = readSignupGroup(env);
  return {
    cognito: new CognitoIdentityProviderClient({}),
    logger: createLogger({ level: logLevelFrom(env), base: { operation: 'auth.postConfirmation' } }),
    ...(group ? { group } : {}),
  };
}

export const handler = makePostConfirmation(loadPostConfirmationDeps());
