// End to end with the Cognito client library a tutorial uses (amazon-cognito-identity-js): sign up through the pool
// itself, confirm with the code the stack prints, sign in with USER_PASSWORD_AUTH, call the API with the access token.
import { randomUUID } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  AuthenticationDetails,
  CognitoUser,
  CognitoUserAttribute,
  CognitoUserPool,
  type CognitoUserSession,
} from 'amazon-cognito-identity-js';
import type { DeliveredCode } from '../../scripts/local/confirmation-codes';
import { startStack, type Stack } from '../../scripts/local/stack';
import { apiClient, jwtPayload } from '../helpers/api-client';

const PASSWORD = 'LocalPassw0rd!';
const STATE_FILE = path.join(tmpdir(), `local-stack-${randomUUID()}.json`);

let stack: Stack;
let api: ReturnType<typeof apiClient>;
let userPool: CognitoUserPool;
const codes: DeliveredCode[] = [];

beforeAll(async () => {
  stack = await startStack({
    profile: 'cognito',
    port: 0,
    stateFile: STATE_FILE,
    onConfirmationCode: (delivered) => codes.push(delivered),
    onLine: (line) => {
      if (line.startsWith('[gateway]')) process.stderr.write(`${line}\n`);
    },
  });
  api = apiClient(stack.url);
  // Configured from .local-stack.json alone, as a developer's own script would be (the banner prints the same).
  const { cognito } = JSON.parse(await readFile(STATE_FILE, 'utf8')) as {
    cognito: { endpoint: string; region: string; userPoolId: string; clientId: string };
  };
  userPool = new CognitoUserPool({
    UserPoolId: cognito.userPoolId,
    ClientId: cognito.clientId,
    endpoint: cognito.endpoint,
  });
}, 120_000);
afterAll(() => stack?.stop());

function signUp(email: string): Promise<{ userConfirmed: boolean; userSub: string }> {
  return new Promise((resolve, reject) =>
    userPool.signUp(email, PASSWORD, [new CognitoUserAttribute({ Name: 'email', Value: email })], [], (err, result) =>
      err || !result ? reject(err) : resolve({ userConfirmed: result.userConfirmed, userSub: result.userSub }),
    ),
  );
}

function confirm(email: string, code: string): Promise<void> {
  const user = new CognitoUser({ Username: email, Pool: userPool });
  return new Promise((resolve, reject) =>
    user.confirmRegistration(code, true, (err: Error | undefined) => (err ? reject(err) : resolve())),
  );
}

function signIn(email: string, flow?: 'USER_PASSWORD_AUTH'): Promise<CognitoUserSession> {
  const user = new CognitoUser({ Username: email, Pool: userPool });
  if (flow) user.setAuthenticationFlowType(flow);
  return new Promise((resolve, reject) =>
    user.authenticateUser(new AuthenticationDetails({ Username: email, Password: PASSWORD }), {
      onSuccess: resolve,
      onFailure: reject,
    }),
  );
}

/** The code cognito-local printed for this address (its output arrives just after the SignUp answer). */
async function codeFor(email: string): Promise<string> {
  for (let waited = 0; waited < 5_000; waited += 50) {
    const found = codes.find((c) => c.destination === email);
    if (found) return found.code;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no confirmation code was printed for ${email}`);
}

describe('amazon-cognito-identity-js against the local stack', () => {
  it('finds what it needs in .local-stack.json, which only its owner may read', async () => {
    // Act
    const state = JSON.parse(await readFile(STATE_FILE, 'utf8'));
    const { mode } = await stat(STATE_FILE);

    // Assess
    expect(state.cognito).toEqual({
      endpoint: stack.cognitoEndpoint,
      region: 'eu-west-1',
      userPoolId: stack.pool.poolId,
      clientId: stack.pool.clientId,
      users: stack.pool.users,
    });
    expect(mode & 0o777).toBe(0o600);
  });

  it('signs up, confirms with the printed code, signs in with USER_PASSWORD_AUTH and is a reader', async () => {
    // Prepare
    const email = `sdk-${randomUUID()}@example.com`;
    const signedUp = await signUp(email);
    const unconfirmed = await signIn(email, 'USER_PASSWORD_AUTH').catch((err: { code?: string }) => err);

    // Act
    await confirm(email, await codeFor(email));
    const session = await signIn(email, 'USER_PASSWORD_AUTH');
    const token = session.getAccessToken().getJwtToken();

    // Assess: the PostConfirmation trigger (the deployed pool's, run by the local runtime) made the user a reader.
    expect(signedUp.userConfirmed).toBe(false);
    expect(unconfirmed).toMatchObject({ code: 'UserNotConfirmedException' });
    expect(jwtPayload(token)).toMatchObject({
      sub: signedUp.userSub,
      token_use: 'access',
      'cognito:groups': ['readers'],
    });
    expect((await api('GET', '/comments', { token })).status).toBe(200);
    // POST /comments needs comments:write (shared/route-manifest.ts), which readers do not have.
    const post = await api('POST', '/comments', { token, body: { text: 'from the SDK' } });
    expect(post).toMatchObject({ status: 403, json: { error: 'insufficient_scope' } });
  });

  it('refuses the ID token (getIdToken(), what many tutorials send) with 401: the API wants access tokens', async () => {
    // Prepare
    const session = await signIn('reader@example.com', 'USER_PASSWORD_AUTH');

    // Act
    const withId = await api('GET', '/comments', { token: session.getIdToken().getJwtToken() });
    const withAccess = await api('GET', '/comments', { token: session.getAccessToken().getJwtToken() });

    // Assess
    expect(withId.status).toBe(401);
    expect(withId.headers.get('www-authenticate')).toContain('error="invalid_token"');
    expect(withAccess.status).toBe(200);
  });

  it("cannot sign in with the SDK's default flow (USER_SRP_AUTH): cognito-local does not implement SRP", async () => {
    // Act
    const outcome = await signIn('reader@example.com').catch((err: Error) => err);

    // Assess: why the README and the banner say USER_PASSWORD_AUTH (the deployed client allows SRP as well).
    expect(outcome).toBeInstanceOf(Error);
    expect((outcome as Error).message).toMatch(/unsupported/i);
  });
});
