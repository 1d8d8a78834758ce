// Starts the whole local API: dynalite, cognito-local (seeded), optionally oidc-provider, the Lambda runtime, our gateway.
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { GROUP_PERMISSIONS } from '../../shared/route-manifest';
import { LOCAL_REGION, seedCognito, startCognitoLocal, type SeededPool } from './cognito-local';
import { confirmationCodeReader, type DeliveredCode } from './confirmation-codes';
import { freePort } from './free-port';
import { startLocalDynamo } from './local-dynamo';
import { cognitoAuthConfig, oidcAuthConfig } from './local-auth-config';
import { startOffline } from './offline';
import { createGateway } from '../gateway/gateway';
import { createLambdaClient } from '../gateway/lambda-client';
import type { GatewayModel } from '../gateway/model/gateway-model';
import { gatewayModelOf } from '../gateway/model/read-template';
import { loadPackagedTemplate } from '../gateway/packaged-template';
import { startGatewayServer } from '../gateway/server';
import { deploymentEnv } from '../serverless/run-package';
import { LOCAL_STAGE } from '../serverless/stack-config.cjs';
import { startOidcProvider, type OidcProviderHandle } from './oidc-provider';
import { startPlayground } from './playground/start-playground';
import { writeState } from './stack-state';

export type Profile = 'cognito' | 'oidc';

export interface StackOptions {
  profile: Profile;
  /** The API's port; 0 picks a free one. */
  port: number;
  /** Replaces the generated AUTH_CONFIG (then the local Cognito is trusted only if listed). */
  authConfig?: string;
  /** Keeps the local oidc-provider's signing key (and so its kid) across restarts. */
  oidcKeysFile?: string;
  /** Where `npm run token` finds the running stack; omitted in tests. */
  stateFile?: string;
  onLine?: (line: string) => void;
  /** The functions' LOG_LEVEL; the authorizer's decision lines need info (the default). */
  logLevel?: string;
  /** Each sign-up code cognito-local "sends" (it prints them instead of e-mailing them). */
  onConfirmationCode?: (delivered: DeliveredCode) => void;
  /**
   * Serves the playground page on its fixed port (the local stage's primary CORS origin): npm start and the browser
   * test. Off by default, so that parallel test stacks do not compete for that port.
   */
  playground?: boolean;
}

export interface Stack {
  url: string;
  profile: Profile;
  pool: SeededPool;
  cognitoEndpoint: string;
  /** The region the local pool claims to be in (what a Cognito client library is configured with). */
  region: string;
  oidc?: OidcProviderHandle;
  playgroundUrl?: string;
  authConfig: string;
  stop(): Promise<void>;
}

const ROOT = path.resolve(__dirname, '..', '..');
export const LOCAL_TABLE = 'comments-api-local-comments';
/** serverless.yml's postConfirmation function, by its deployed name: cognito-local invokes it as Cognito would. */
const POST_CONFIRMATION_FUNCTION = `comments-api-${LOCAL_STAGE}-postConfirmation`;

export async function startStack(options: StackOptions): Promise<Stack> {
  const stoppers: Array<() => Promise<void>> = [];
  const stop = async () => {
    // Reverse start order; each stopper is attempted even if an earlier one fails.
    for (const s of stoppers.reverse()) await s().catch(() => undefined);
    if (options.stateFile) await rm(options.stateFile, { force: true });
  };
  try {
    const dynamo = await startLocalDynamo(LOCAL_TABLE);
    stoppers.push(dynamo.stop);
    const lambdaPort = await freePort();
    const readCodes = confirmationCodeReader((delivered) => options.onConfirmationCode?.(delivered));
    const cognito = await startCognitoLocal({
      onLine: readCodes,
      // The deployed pool's trigger, served by the same runtime as the API (its Lambda Invoke API on lambdaPort).
      triggers: {
        lambdaEndpoint: `http://127.0.0.1:${lambdaPort}`,
        functions: { PostConfirmation: POST_CONFIRMATION_FUNCTION },
      },
    });
    stoppers.push(cognito.stop);
    const pool = await seedCognito(cognito.endpoint, Object.keys(GROUP_PERMISSIONS));
    let oidc: OidcProviderHandle | undefined;
    if (options.profile === 'oidc') {
      oidc = await startOidcProvider({ port: 0, keysFile: options.oidcKeysFile ?? path.join(ROOT, '.oidc-keys.json') });
      stoppers.push(oidc.stop);
    }
    const authConfig = options.authConfig ?? JSON.stringify(oidc ? oidcAuthConfig(oidc) : cognitoAuthConfig(pool));
    // serverless-offline is only the Lambda runtime: its own HTTP front listens on a port nobody is told about.
    const offlineStarting = startOffline({
      port: await freePort(),
      lambdaPort,
      env: {
        AUTH_CONFIG: authConfig,
        // cognito-local and oidc-provider serve keys over http://127.0.0.1. serverless-offline does not pass this
        // shell variable to handlers: stack-config.cjs adds it to the authorizer's environment for --stage local only.
        AUTH_ALLOW_INSECURE_LOOPBACK: 'true',
        USER_POOL_ID: pool.poolId,
        USER_POOL_CLIENT_ID: pool.clientId,
        // No Secrets Manager locally: the list function gets the value itself (stack-config.cjs, local stage only).
        CURSOR_SECRET: randomBytes(32).toString('base64url'),
        LOG_LEVEL: options.logLevel ?? process.env.LOG_LEVEL ?? 'info',
        AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
        AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: cognito.endpoint,
      },
      ...(options.onLine ? { onLine: options.onLine } : {}),
    });
    // Packaged (or read from its cache) while the runtime starts: the gateway is built from the same template.
    const [offline, template] = await Promise.allSettled([
      offlineStarting,
      loadPackagedTemplate({ stage: LOCAL_STAGE, env: deploymentEnv() }),
    ]);
    if (offline.status === 'fulfilled') stoppers.push(offline.value.stop);
    if (offline.status === 'rejected') throw offline.reason;
    if (template.status === 'rejected') throw template.reason;
    const gateway = await startLocalGateway(gatewayModelOf(template.value), lambdaPort, options);
    stoppers.push(gateway.close);
    const url = `http://127.0.0.1:${gateway.port}`;
    let playgroundUrl: string | undefined;
    if (options.playground) {
      const page = { url, profile: options.profile, demoUsers: pool.users, authConfig, ...(oidc ? { oidc } : {}) };
      const playground = await startPlayground(page, template.value);
      stoppers.push(playground.close);
      playgroundUrl = playground.url;
    }
    const stack: Stack = {
      url,
      profile: options.profile,
      pool,
      cognitoEndpoint: cognito.endpoint,
      region: LOCAL_REGION,
      authConfig,
      stop,
      ...(oidc ? { oidc } : {}),
      ...(playgroundUrl ? { playgroundUrl } : {}),
    };
    if (options.stateFile) await writeState(options.stateFile, stack);
    return stack;
  } catch (err) {
    await stop();
    throw err;
  }
}

// Our gateway on the API's port, in front of the runtime: API Gateway's routing, authorizer cache and responses.
async function startLocalGateway(model: GatewayModel, lambdaPort: number, options: StackOptions) {
  const lambda = createLambdaClient(lambdaPort);
  const warn = (line: string) => options.onLine?.(`[gateway] warn: ${line}`);
  const log = (line: string) => options.onLine?.(`gateway: ${line}`);
  const onError = (err: unknown) =>
    options.onLine?.(`[gateway] error: ${err instanceof Error ? err.stack : String(err)}`);
  const server = await startGatewayServer({
    port: options.port,
    gateway: createGateway({ model, lambda, warn, log }),
    onError,
  });
  return {
    port: server.port,
    close: async () => {
      await server.close();
      lambda.close();
    },
  };
}
