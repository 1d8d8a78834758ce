// The PostConfirmation trigger against a real cognito-local: a confirmed sign-up joins the group, a password reset never.
import { randomUUID } from 'node:crypto';
import { AdminListGroupsForUserCommand, SignUpCommand } from '@aws-sdk/client-cognito-identity-provider';
import type { PostConfirmationTriggerEvent } from 'aws-lambda';
import {
  loadPostConfirmationDeps,
  makePostConfirmation,
  type PostConfirmationDeps,
} from '../../../../services/auth/post-confirmation';
import fixture from '../../../fixtures/post-confirmation-event.json';
import { captureLogger } from '../../../helpers/capture-logger';
import { useSeededCognito } from '../../../helpers/cognito-local';

const local = useSeededCognito();

/** A user signed up through the pool's own SignUp (as the SDK does): unconfirmed, in no group. */
async function signUpDirectly(): Promise<{ sub: string; email: string }> {
  const email = `sdk-${randomUUID()}@example.com`;
  const answer = await local.cognito.send(
    new SignUpCommand({ ClientId: local.pool.clientId, Username: email, Password: 'Correct-Horse-9' }),
  );
  return { sub: answer.UserSub as string, email };
}

function eventFor(user: { sub: string; email: string }, triggerSource = fixture.triggerSource) {
  return {
    ...fixture,
    userPoolId: local.pool.userPoolId,
    userName: user.sub,
    triggerSource,
    callerContext: { ...fixture.callerContext, clientId: local.pool.clientId },
    request: { userAttributes: { ...fixture.request.userAttributes, sub: user.sub, email: user.email } },
  } as PostConfirmationTriggerEvent;
}

async function groupsOf(sub: string): Promise<string[]> {
  const answer = await local.cognito.send(
    new AdminListGroupsForUserCommand({ UserPoolId: local.pool.userPoolId, Username: sub }),
  );
  return (answer.Groups ?? []).map((g) => g.GroupName as string);
}

const depsWith = (overrides: Partial<PostConfirmationDeps> = {}): PostConfirmationDeps => ({
  cognito: local.cognito,
  group: 'readers',
  logger: captureLogger(),
  ...overrides,
});

describe('the PostConfirmation trigger', () => {
  it('puts a user who confirmed a sign-up into the group, returns the event, and logs the sub only', async () => {
    // Prepare
    const user = await signUpDirectly();
    const logger = captureLogger();
    const event = eventFor(user);

    // Act
    const answer = await makePostConfirmation(depsWith({ logger }))(event);

    // Assess
    expect(answer).toBe(event);
    expect(await groupsOf(user.sub)).toEqual(['readers']);
    expect(logger.entries()).toEqual([
      expect.objectContaining({ message: 'confirmed user joined the sign-up group', sub: user.sub, group: 'readers' }),
    ]);
    expect(logger.lines.join('\n')).not.toContain(user.email);
  });

  it('is idempotent: a user /auth/signup already added is confirmed without error', async () => {
    // Prepare
    const user = await signUpDirectly();
    const trigger = makePostConfirmation(depsWith());
    await trigger(eventFor(user));

    // Act
    await trigger(eventFor(user));

    // Assess
    expect(await groupsOf(user.sub)).toEqual(['readers']);
  });

  it('leaves the groups alone after a password reset, and when no group is configured', async () => {
    // Prepare
    const user = await signUpDirectly();
    const { group: _none, ...withoutGroup } = depsWith();

    // Act
    await makePostConfirmation(depsWith())(eventFor(user, 'PostConfirmation_ConfirmForgotPassword'));
    await makePostConfirmation(withoutGroup)(eventFor(user));

    // Assess
    expect(await groupsOf(user.sub)).toEqual([]);
  });

  it('logs (never throws) when the group cannot be joined: the user is already confirmed, a throw would only fail the call', async () => {
    // Prepare
    const user = await signUpDirectly();
    const logger = captureLogger();
    const event = eventFor(user);

    // Act
    const outcome = await makePostConfirmation(depsWith({ group: 'no-such-group', logger }))(event);

    // Assess
    expect(outcome).toBe(event);
    expect(await groupsOf(user.sub)).toEqual([]);
    expect(logger.entries()).toEqual([
      expect.objectContaining({
        level: 'error',
        message: 'sign-up group not joined',
        sub: user.sub,
        group: 'no-such-group',
        error: 'ResourceNotFoundException',
      }),
    ]);
  });
});

describe('loadPostConfirmationDeps', () => {
  it('reads SIGNUP_GROUP by the sign-up rule: unset is readers, empty is none', () => {
    // Act
    const unset = loadPostConfirmationDeps({});
    const named = loadPostConfirmationDeps({ SIGNUP_GROUP: ' writers ' });
    const empty = loadPostConfirmationDeps({ SIGNUP_GROUP: '' });

    // Assess
    expect([unset.group, named.group, empty.group]).toEqual(['readers', 'writers', undefined]);
    for (const deps of [unset, named, empty]) deps.cognito.destroy();
  });
});
