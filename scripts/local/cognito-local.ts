// cognito-local as a child process with a fresh state directory, and seeding of the pool, client, groups and demo users.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { startChildService } from './child-service';
import { freePort } from './free-port';

export interface CognitoLocal {
  endpoint: string;
  stop(): Promise<void>;
}

export interface CognitoLocalOptions {
  /** Omitted: a free port. */
  port?: number;
  /** Every line cognito-local prints (its confirmation codes among them: see confirmation-codes.ts). */
  onLine?: (line: string) => void;
  /** Lambda triggers, invoked through a Lambda Invoke API (serverless-offline's lambdaPort) as Cognito would. */
  triggers?: { lambdaEndpoint: string; functions: { PostConfirmation?: string } };
}

export interface DemoUser {
  email: string;
  password: string;
  group: string;
}

export interface SeededPool {
  poolId: string;
  clientId: string;
  /** cognito-local's issuer: http://127.0.0.1:{port}/{poolId}. */
  issuer: string;
  users: DemoUser[];
}

const ROOT = path.resolve(__dirname, '..', '..');
/** The region the local pool and its clients claim (cognito-local serves any). */
export const LOCAL_REGION = 'eu-west-1';
const DEMO_PASSWORD = 'LocalPassw0rd!';
export const DEMO_USERS: DemoUser[] = [
  { email: 'reader@example.com', password: DEMO_PASSWORD, group: 'readers' },
  { email: 'writer@example.com', password: DEMO_PASSWORD, group: 'writers' },
  { email: 'moderator@example.com', password: DEMO_PASSWORD, group: 'moderators' },
];

/**
 * Starts cognito-local on 127.0.0.1. A free port found by binding port 0 can be taken by another process before
 * cognito-local binds it, so an EADDRINUSE start is retried on a new port.
 */
export async function startCognitoLocal(options: CognitoLocalOptions = {}): Promise<CognitoLocal> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(options.port ?? (await freePort()), options);
    } catch (err) {
      if (options.port !== undefined || attempt >= 4 || !/EADDRINUSE/.test((err as Error).message)) throw err;
    }
  }
}

async function startOnce(port: number, options: CognitoLocalOptions): Promise<CognitoLocal> {
  // cognito-local keeps its state in ./.cognito of its working directory: a temp dir makes every start clean.
  const cwd = await mkdtemp(path.join(tmpdir(), 'cognito-local-'));
  // No DEBUG: at debug level cognito-local logs request bodies, which carry passwords.
  const { DEBUG: _debug, ...env } = process.env;
  try {
    if (options.triggers) await writeTriggerConfig(cwd, options.triggers);
    const service = await startChildService({
      name: 'cognito-local',
      command: process.execPath,
      args: [path.join(ROOT, 'node_modules', 'cognito-local', 'lib', 'bin', 'start.js')],
      cwd,
      env: { ...env, HOST: '127.0.0.1', PORT: String(port), NODE_NO_WARNINGS: '1' },
      ready: /Cognito Local running on/,
      timeoutMs: 20_000,
      ...(options.onLine ? { onLine: options.onLine } : {}),
    });
    return {
      endpoint: `http://127.0.0.1:${port}`,
      stop: async () => {
        await service.stop();
        await rm(cwd, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await rm(cwd, { recursive: true, force: true });
    throw err;
  }
}

// cognito-local reads .cognito/config.json of its working directory at start; its Lambda client is the AWS SDK's.
async function writeTriggerConfig(cwd: string, triggers: NonNullable<CognitoLocalOptions['triggers']>): Promise<void> {
  const config = {
    LambdaClient: {
      endpoint: triggers.lambdaEndpoint,
      region: LOCAL_REGION,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    },
    TriggerFunctions: triggers.functions,
  };
  await mkdir(path.join(cwd, '.cognito'), { recursive: true });
  await writeFile(path.join(cwd, '.cognito', 'config.json'), JSON.stringify(config));
}

export function cognitoClient(endpoint: string): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({
    endpoint,
    region: LOCAL_REGION,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
}

/**
 * Creates the pool the way cognito.yml does: e-mail usernames, verified by a code (which cognito-local prints instead
 * of sending), USER_PASSWORD_AUTH, groups. Its PostConfirmation trigger is cognito-local's config (startCognitoLocal).
 */
export async function seedCognito(
  endpoint: string,
  groups: readonly string[],
  users: readonly DemoUser[] = DEMO_USERS,
): Promise<SeededPool> {
  const client = cognitoClient(endpoint);
  try {
    const pool = await client.send(
      new CreateUserPoolCommand({
        PoolName: 'comments-api-local',
        UsernameAttributes: ['email'],
        AutoVerifiedAttributes: ['email'],
      }),
    );
    const poolId = pool.UserPool?.Id as string;
    const app = await client.send(
      new CreateUserPoolClientCommand({
        UserPoolId: poolId,
        ClientName: 'web',
        // The ALLOW_ names: real Cognito refuses legacy names mixed with them (cognito-local accepts anything).
        // No ALLOW_USER_SRP_AUTH, which the deployed client has: cognito-local does not implement SRP at all.
        ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        // As in cognito.yml: one-hour tokens.
        AccessTokenValidity: 1,
        IdTokenValidity: 1,
        TokenValidityUnits: { AccessToken: 'hours', IdToken: 'hours' },
      }),
    );
    for (const group of groups) await client.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: group }));
    for (const user of users) await createUser(client, poolId, user);
    return {
      poolId,
      clientId: app.UserPoolClient?.ClientId as string,
      issuer: `${endpoint}/${poolId}`,
      users: [...users],
    };
  } finally {
    client.destroy();
  }
}

async function createUser(client: CognitoIdentityProviderClient, poolId: string, user: DemoUser): Promise<void> {
  const username = user.email;
  await client.send(
    new AdminCreateUserCommand({
      UserPoolId: poolId,
      Username: username,
      MessageAction: 'SUPPRESS',
      UserAttributes: [
        { Name: 'email', Value: user.email },
        { Name: 'email_verified', Value: 'true' },
      ],
    }),
  );
  await client.send(
    new AdminSetUserPasswordCommand({
      UserPoolId: poolId,
      Username: username,
      Password: user.password,
      Permanent: true,
    }),
  );
  await client.send(new AdminAddUserToGroupCommand({ UserPoolId: poolId, Username: username, GroupName: user.group }));
}
