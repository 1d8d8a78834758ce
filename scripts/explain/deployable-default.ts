// The AUTH_CONFIG `sls package` gives the deployed authorizer, with the stack's own pool filled in from the shell.
import type { AuthConfig } from '../../authorizer/config/load-config';
import { loadConfig } from '../../authorizer/config/load-config';
import { authorizerEnvironment } from '../serverless/stack-config.cjs';
import { ConfigSourceError } from './errors';

/** The deployed stage's view: no loopback opt-in (a deployable template never carries it). */
const DEPLOY_STAGE = 'dev';
const POOL_ID = /^([a-z]{2}(?:-[a-z]+)+-\d)_[0-9A-Za-z]+$/;
const CLIENT_ID = /^[\w+]{1,128}$/;

export const NO_CONFIG_HELP =
  'AUTH_CONFIG and AUTH_CONFIG_FILE are not set and no local stack is running (.local-stack.json), and the ' +
  "deployable default trusts the stack's own Cognito pool through Fn::Sub (${UserPool}, ${UserPoolClient}), which " +
  'only CloudFormation resolves. Pass AUTH_CONFIG=\'{"providers":[…]}\' or AUTH_CONFIG_FILE=path, start the local ' +
  'stack (npm start), or set USER_POOL_ID and USER_POOL_CLIENT_ID (the stack outputs UserPoolId and UserPoolClientId)';

/**
 * Reads the template value from the same resolver serverless.yml calls (scripts/serverless/stack-config.cjs), so the
 * document is the deployed one, and substitutes what CloudFormation would: the pool and app client ids from
 * USER_POOL_ID and USER_POOL_CLIENT_ID (the names the auth functions read), the region from the pool id.
 */
export async function loadDeployableDefault(env: Record<string, string | undefined>): Promise<AuthConfig> {
  const poolId = env.USER_POOL_ID;
  const clientId = env.USER_POOL_CLIENT_ID;
  if (!poolId || !clientId) throw new ConfigSourceError('AUTH_CONFIG', `no configuration: ${NO_CONFIG_HELP}`);
  const region = POOL_ID.exec(poolId)?.[1];
  if (!region) throw new ConfigSourceError('USER_POOL_ID', 'must be a user pool id such as eu-west-1_AbC123');
  if (!CLIENT_ID.test(clientId)) throw new ConfigSourceError('USER_POOL_CLIENT_ID', 'must be an app client id');
  const template = await deployedTemplate();
  const values: Record<string, string> = { 'AWS::Region': region, UserPool: poolId, UserPoolClient: clientId };
  const document = template.replace(/\$\{([^}]+)\}/g, (_whole, name: string) => {
    const value = values[name];
    if (value === undefined) throw new ConfigSourceError('AUTH_CONFIG', `the deployable default names \${${name}}`);
    return value;
  });
  return loadConfig({ AUTH_CONFIG: document });
}

async function deployedTemplate(): Promise<string> {
  const environment = await authorizerEnvironment({
    resolveVariable: async (name) => (name === 'sls:stage' ? DEPLOY_STAGE : undefined),
  });
  const value = environment.AUTH_CONFIG as { 'Fn::Sub'?: unknown } | string | undefined;
  if (typeof value === 'string') return value;
  if (typeof value?.['Fn::Sub'] === 'string') return value['Fn::Sub'];
  throw new ConfigSourceError('AUTH_CONFIG', 'scripts/serverless/stack-config.cjs gives no readable default');
}
