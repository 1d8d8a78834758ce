// cognito-local for tests: the local stack's own starter, plus a pool with the readers/writers groups and no users.
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
