// cognito-local for tests: the local stack's own starter, plus a pool with the readers/writers groups and no users.
import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { cognitoClient, seedCognito, startCognitoLocal, type CognitoLocal } from '../../scripts/local/cognito-local';

export { cognitoClient, startCognitoLocal, type CognitoLocal };

export const SEEDED_GROUPS = ['readers', 'writers'] as const;

export interface SeededPool {
  userPoolId: string;
  clientId: string;
  groups: readonly string[];
}

/** A pool shaped like the deployed one (e-mail usernames, USER_PASSWORD_AUTH, one-hour tokens), without users. */
export async function seedPool(endpoint: string): Promise<SeededPool> {
  const pool = await seedCognito(endpoint, SEEDED_GROUPS, []);
  return { userPoolId: pool.poolId, clientId: pool.clientId, groups: SEEDED_GROUPS };
}

export interface SeededCognito {
  readonly server: CognitoLocal;
  readonly pool: SeededPool;
  readonly cognito: CognitoIdentityProviderClient;
}

/**
 * cognito-local with a seeded pool and a client for one test file: started before its tests, and stopped after
 * them even when the start failed half-way, so no server outlives the file. Read its fields inside tests.
 */
export function useSeededCognito(): SeededCognito {
  const scene = {} as { server?: CognitoLocal; pool: SeededPool; cognito?: CognitoIdentityProviderClient };
  beforeAll(async () => {
    scene.server = await startCognitoLocal();
    scene.pool = await seedPool(scene.server.endpoint);
    scene.cognito = cognitoClient(scene.server.endpoint);
  }, 30_000);
  afterAll(async () => {
    scene.cognito?.destroy();
    await scene.server?.stop();
  });
  return scene as SeededCognito;
}
