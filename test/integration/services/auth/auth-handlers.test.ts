// Sign-up and sign-in through withPublicHttp against a real cognito-local: whole responses, every error path, no secret logged.
import { randomUUID } from 'node:crypto';
import {
  AdminCreateUserCommand,
  type CognitoIdentityProviderClient,
  InternalErrorException,
  InvalidParameterException,
  InvalidPasswordException,
  LimitExceededException,
  PasswordResetRequiredException,
  ResourceNotFoundException,
  SignUpCommand,
  TooManyRequestsException,
  UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import type { AuthDeps } from '../../../../services/auth/auth-deps';
import { makeSignIn } from '../../../../services/auth/signin';
import { makeSignUp } from '../../../../services/auth/signup';
import type { LambdaHttpHandler } from '../../../../shared/http/with-http';
import { captureLogger, type CapturedLogger } from '../../../helpers/capture-logger';
import { useSeededCognito } from '../../../helpers/cognito-local';
import { jsonRequest, restEvent, type RestEventOptions } from '../../../helpers/http-events';
import { lambdaContext } from '../../../helpers/lambda-context';

const PASSWORD = 'Correct-Horse-9';
const INVALID_CREDENTIALS = { error: 'invalid_credentials', message: 'Incorrect email or password' };

const local = useSeededCognito();

function depsWith(overrides: Partial<AuthDeps> = {}): AuthDeps {
  return {
    cognito: local.cognito,
    userPoolId: local.pool.userPoolId,
    clientId: local.pool.clientId,
    autoConfirm: true,
    signupGroup: 'readers',
    ...overrides,
  };
}

interface Route {
  handler: LambdaHttpHandler;
  path: string;
}

/** The two routes over `deps`; a capturing logger by default, which also keeps expected error lines out of the output. */
function api(deps: AuthDeps = depsWith(), logger: CapturedLogger = captureLogger()) {
  return {
    signUp: { handler: makeSignUp(deps, { logger }), path: '/auth/signup' },
    signIn: { handler: makeSignIn(deps, { logger }), path: '/auth/signin' },
  };
}

async function call(route: Route, options: RestEventOptions) {
  // A public route: API Gateway sends no authorizer context.
  const response = await route.handler(restEvent({ path: route.path, authorizer: null, ...options }), lambdaContext());
  return { ...response, status: response.statusCode, json: response.body ? JSON.parse(response.body) : undefined };
}
const post = (route: Route, body: unknown) => call(route, jsonRequest(body));
const freshEmail = () => `user-${randomUUID()}@example.com`;
const claimsOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1] as string, 'base64url').toString());

describe('POST /auth/signup then POST /auth/signin', () => {
  it('signs up (201, confirmed, in the signup group) and signs in (200) with real Cognito tokens', async () => {
    const { signUp, signIn } = api();
    const email = freshEmail();
    // Prepare / Act: the address as a user might type it; the account is keyed on the normalized form.
    const up = await post(signUp, { email: `  ${email.toUpperCase()} `, password: PASSWORD });
    const response = await post(signIn, { email, password: PASSWORD });
    // Assess
    expect(up.status).toBe(201);
    expect(up.json).toEqual({ userSub: expect.stringMatching(/^[0-9a-f-]{36}$/), confirmed: true });
    expect(response.status).toBe(200);
    expect(response.json).toEqual({
      idToken: expect.any(String),
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
      expiresIn: 3600,
      tokenType: 'Bearer',
    });
    const access = claimsOf(response.json.accessToken);
    expect(access).toMatchObject({
      token_use: 'access',
      client_id: local.pool.clientId,
      sub: up.json.userSub,
      iss: `${local.server.endpoint}/${local.pool.userPoolId}`,
    });
    expect(access['cognito:groups']).toContain('readers');
    expect(claimsOf(response.json.idToken)).toMatchObject({ token_use: 'id', aud: local.pool.clientId, email });
  });

  it('puts the user in the configured group, or in none when SIGNUP_GROUP is empty', async () => {
    const writers = api(depsWith({ signupGroup: 'writers' }));
    const { signupGroup: _none, ...withoutGroup } = depsWith();
    const noGroup = api(withoutGroup);
    const [a, b] = [freshEmail(), freshEmail()];
    await post(writers.signUp, { email: a, password: PASSWORD });
    await post(noGroup.signUp, { email: b, password: PASSWORD });
    const tokenA = (await post(writers.signIn, { email: a, password: PASSWORD })).json.accessToken;
    const tokenB = (await post(noGroup.signIn, { email: b, password: PASSWORD })).json.accessToken;
    expect(claimsOf(tokenA)['cognito:groups']).toEqual(['writers']);
    expect(claimsOf(tokenB)).not.toHaveProperty('cognito:groups');
  });

  it('without auto-confirm the account is unconfirmed: the right password gets 403 not_confirmed, a wrong one 401', async () => {
    const { signUp, signIn } = api(depsWith({ autoConfirm: false }));
    const email = freshEmail();
    const up = await post(signUp, { email, password: PASSWORD });
    expect(up).toMatchObject({ status: 201, json: { confirmed: false } });
    expect(await post(signIn, { email, password: PASSWORD })).toMatchObject({
      status: 403,
      json: { error: 'not_confirmed' },
    });
    // Cognito checks the password first, so "not confirmed" is never a hint to someone guessing.
    expect(await post(signIn, { email, password: 'Wrong-Password-1' })).toMatchObject({
      status: 401,
      json: INVALID_CREDENTIALS,
    });
  });

  it('a second sign-up with the same e-mail (in any case) is 409 account_exists', async () => {
    const { signUp } = api();
    const email = freshEmail();
    expect((await post(signUp, { email, password: PASSWORD })).status).toBe(201);
    const again = await post(signUp, { email: email.toUpperCase(), password: 'Another-Pass-2' });
    expect(again).toMatchObject({
      status: 409,
      json: { error: 'account_exists', message: 'An account with this email already exists' },
    });
  });

  it('a wrong password and an unknown e-mail get byte-identical 401 responses', async () => {
    const { signUp, signIn } = api();
    const email = freshEmail();
    await post(signUp, { email, password: PASSWORD });
    const wrongPassword = await post(signIn, { email, password: 'Not-The-Password-1' });
    const unknownAccount = await post(signIn, { email: freshEmail(), password: PASSWORD });
    expect(wrongPassword.status).toBe(401);
    expect(wrongPassword.json).toEqual(INVALID_CREDENTIALS);
    // Status, headers and body: nothing tells the two apart.
    expect(unknownAccount).toEqual(wrongPassword);
  });

  it('an account that must set a new password gets 403 challenge_required naming the challenge', async () => {
    const { signIn } = api();
    const email = freshEmail();
    await local.cognito.send(
      new AdminCreateUserCommand({
        UserPoolId: local.pool.userPoolId,
        Username: email,
        TemporaryPassword: 'Temporary-Pass-1',
        MessageAction: 'SUPPRESS',
        UserAttributes: [{ Name: 'email', Value: email }],
      }),
    );
    const response = await post(signIn, { email, password: 'Temporary-Pass-1' });
    expect(response).toMatchObject({
      status: 403,
      json: { error: 'challenge_required', message: expect.stringContaining('NEW_PASSWORD_REQUIRED') },
    });
  });
});

interface BadInput {
  label: string;
  event: RestEventOptions;
  status: number;
  code: string;
  details?: Array<{ path: string; message: unknown }>;
}

describe('bad input never reaches Cognito and is never a 500', () => {
  const calls: unknown[] = [];
  const recording = {
    send: async (command: unknown) => calls.push(command),
  } as unknown as CognitoIdentityProviderClient;
  const json = (body: unknown): RestEventOptions => jsonRequest(body);
  const raw = (body: string, contentType?: string): RestEventOptions => ({
    method: 'POST',
    body,
    ...(contentType ? { headers: { 'Content-Type': contentType } } : {}),
  });
  const invalid = (path: string, message: unknown) => ({
    status: 400,
    code: 'invalid_body',
    details: [{ path, message }],
  });
  const longEmail = `${'a'.repeat(60)}@${Array(4).fill('b'.repeat(60)).join('.')}.com`;

  it.each<BadInput>([
    {
      label: 'a missing password',
      event: json({ email: 'a@example.com' }),
      ...invalid('password', 'password is required'),
    },
    {
      label: 'a short password',
      event: json({ email: 'a@example.com', password: 'short' }),
      ...invalid('password', 'password must be at least 8 characters'),
    },
    {
      label: 'a password over 256 characters',
      event: json({ email: 'a@example.com', password: 'p'.repeat(257) }),
      ...invalid('password', 'password must be at most 256 characters'),
    },
    {
      label: 'a number as password',
      event: json({ email: 'a@example.com', password: 12345678 }),
      ...invalid('password', 'password must be a string'),
    },
    {
      label: 'not an e-mail',
      event: json({ email: 'alice', password: PASSWORD }),
      ...invalid('email', 'email must be an e-mail address such as name@example.com'),
    },
    {
      label: 'an e-mail over 254 characters',
      event: json({ email: longEmail, password: PASSWORD }),
      ...invalid('email', 'email must be at most 254 characters'),
    },
    {
      label: 'an extra key',
      event: json({ email: 'a@example.com', password: PASSWORD, group: 'admins' }),
      ...invalid('(root)', expect.stringContaining('"group"')),
    },
    { label: 'a JSON array', event: json([]), status: 400, code: 'invalid_body' },
    { label: 'a non-JSON body', event: raw('{"email":', 'application/json'), status: 400, code: 'malformed_json' },
    { label: 'an empty body', event: raw('', 'application/json'), status: 400, code: 'missing_body' },
    {
      label: 'a form body',
      event: raw('email=a%40example.com', 'application/x-www-form-urlencoded'),
      status: 415,
      code: 'unsupported_media_type',
    },
    { label: 'no content type', event: raw('{}'), status: 415, code: 'unsupported_media_type' },
  ])('refuses $label', async ({ event, status, code, details }) => {
    const { signUp, signIn } = api(depsWith({ cognito: recording }));
    for (const route of [signUp, signIn]) {
      const response = await call(route, event);
      expect(response.status).toBe(status);
      expect(response.json).toMatchObject({ error: code, message: expect.any(String) });
      if (details) expect(response.json.details).toEqual(details);
    }
    expect(calls).toHaveLength(0);
  });
});

interface FailureCase {
  label: string;
  err: Error;
  route: 'signUp' | 'signIn';
  status: number;
  body: Record<string, unknown>;
}

describe('Cognito failures map to stable codes', () => {
  const $metadata = {};
  const failingWith = (err: Error, afterSignUp = false) => {
    const send = async (command: unknown) => {
      // For provisioning failures: SignUp succeeds, the admin step after it fails.
      if (afterSignUp && command instanceof SignUpCommand) return { UserSub: 'sub-1', UserConfirmed: false };
      throw err;
    };
    return depsWith({ cognito: { send } as unknown as CognitoIdentityProviderClient });
  };
  const POLICY = 'Password did not conform with policy: Password must have symbol characters';
  const throttled = () => new TooManyRequestsException({ message: 'Rate exceeded', $metadata });

  it.each<FailureCase>([
    {
      label: "a weak password on sign-up → 400 with Cognito's policy message",
      err: new InvalidPasswordException({ message: POLICY, $metadata }),
      route: 'signUp',
      status: 400,
      body: { error: 'weak_password', message: POLICY },
    },
    // The fixed message: Cognito's could quote the value.
    {
      label: 'an invalid parameter on sign-up → 400',
      err: new InvalidParameterException({ message: "Value 'x' at 'password' failed", $metadata }),
      route: 'signUp',
      status: 400,
      body: { error: 'invalid_request', message: 'Cognito refused the email address or password' },
    },
    {
      label: 'throttling on sign-up → 503',
      err: throttled(),
      route: 'signUp',
      status: 503,
      body: { error: 'service_unavailable' },
    },
    {
      label: 'the e-mail sending limit on sign-up → 503',
      err: new LimitExceededException({ message: 'Exceeded daily email limit', $metadata }),
      route: 'signUp',
      status: 503,
      body: { error: 'service_unavailable' },
    },
    {
      label: 'throttling on sign-in → 503',
      err: throttled(),
      route: 'signIn',
      status: 503,
      body: { error: 'service_unavailable' },
    },
    {
      label: 'UserNotFound on sign-in (pools without PreventUserExistenceErrors) → the same 401',
      err: new UserNotFoundException({ message: 'User does not exist.', $metadata }),
      route: 'signIn',
      status: 401,
      body: INVALID_CREDENTIALS,
    },
    {
      label: 'a required password reset → 403',
      err: new PasswordResetRequiredException({ message: 'Password reset required for the user', $metadata }),
      route: 'signIn',
      status: 403,
      body: { error: 'password_reset_required' },
    },
    {
      label: 'an unmapped Cognito error → generic 500',
      err: new InternalErrorException({ message: 'boom', $metadata }),
      route: 'signIn',
      status: 500,
      body: { error: 'internal', message: 'Internal server error' },
    },
    // On InitiateAuth this means the app client does not allow the flow: our misconfiguration, not the caller's.
    {
      label: 'an invalid parameter on sign-in → 500',
      err: new InvalidParameterException({ message: 'USER_PASSWORD_AUTH flow not enabled for this client', $metadata }),
      route: 'signIn',
      status: 500,
      body: { error: 'internal' },
    },
  ])('$label', async ({ err, route, status, body }) => {
    const response = await post(api(failingWith(err))[route], { email: 'a@example.com', password: PASSWORD });
    expect(response.status).toBe(status);
    expect(response.json).toEqual(expect.objectContaining(body));
  });

  it('a failed admin step after SignUp is a 500 whose log names the user by sub; throttling there is a 503', async () => {
    const logger = captureLogger();
    const missingGroup = new ResourceNotFoundException({ message: 'Group not found', $metadata });
    const response = await post(api(failingWith(missingGroup, true), logger).signUp, {
      email: 'a@example.com',
      password: PASSWORD,
    });
    expect(response.status).toBe(500);
    expect(logger.entries()).toContainEqual(
      expect.objectContaining({
        message: 'sign-up provisioning failed',
        userSub: 'sub-1',
        error: 'ResourceNotFoundException',
      }),
    );
    expect(
      (await post(api(failingWith(throttled(), true)).signUp, { email: 'a@example.com', password: PASSWORD })).status,
    ).toBe(503);
  });
});

describe('logging', () => {
  it('no log line carries the password, the e-mail or a token, on success or failure', async () => {
    const logger = captureLogger();
    const { signUp, signIn } = api(depsWith(), logger);
    const email = freshEmail();
    const password = `Secret-${randomUUID()}`;
    await post(signUp, { email, password });
    await post(signUp, { email, password });
    const tokens = (await post(signIn, { email, password })).json;
    await post(signIn, { email, password: `${password}-wrong` });
    await post(signIn, { email: 'nobody@example.com', password });
    await post(signUp, { email: 'not-an-email', password });
    // Prove the capture worked: every request logged its completion.
    expect(logger.entries().filter((e) => e.message === 'request completed')).toHaveLength(6);
    // The e-mail too: logs identify users by sub, not by personal data.
    const secrets = [password, email, tokens.accessToken, tokens.idToken, tokens.refreshToken];
    expect(secrets.every((s) => typeof s === 'string' && s.length > 0)).toBe(true);
    for (const line of logger.lines) for (const secret of secrets) expect(line.includes(secret)).toBe(false);
  });
});

describe('module-scope handlers', () => {
  it('work configured only from the environment, as deployed (SDK endpoint from AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER)', async () => {
    const env = {
      AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: local.server.endpoint,
      USER_POOL_ID: local.pool.userPoolId,
      USER_POOL_CLIENT_ID: local.pool.clientId,
      AUTO_CONFIRM_SIGNUPS: 'true',
      SIGNUP_GROUP: 'writers',
    };
    const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
    Object.assign(process.env, env);
    try {
      await jest.isolateModulesAsync(async () => {
        // Fresh module registry: the handlers build their deps from the environment just set.
        const signUp = { handler: (await import('../../../../services/auth/signup')).handler, path: '/auth/signup' };
        const signIn = { handler: (await import('../../../../services/auth/signin')).handler, path: '/auth/signin' };
        const email = freshEmail();
        expect(await post(signUp, { email, password: PASSWORD })).toMatchObject({
          status: 201,
          json: { confirmed: true },
        });
        const tokens = (await post(signIn, { email, password: PASSWORD })).json;
        expect(claimsOf(tokens.accessToken)).toMatchObject({
          client_id: local.pool.clientId,
          'cognito:groups': ['writers'],
        });
      });
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });
});
