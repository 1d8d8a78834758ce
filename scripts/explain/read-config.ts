// Where `npm run explain` takes AUTH_CONFIG from: the environment, else the running local stack, else the deployable default.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { loadConfig, type AuthConfig } from '../../authorizer/config/load-config';
import { INSECURE_LOOPBACK_ENV } from '../../authorizer/config/transport';
import { ConfigError } from '../../authorizer/errors';
import { loadDeployableDefault } from './deployable-default';
import { ConfigSourceError } from './errors';

export interface LoadedConfig {
  config: AuthConfig;
  /** Said in the human output: which source, and the loopback rule it ran with. */
  source: string;
}

export interface ConfigSources {
  env: Record<string, string | undefined>;
  /** The running local stack's state (scripts/local/stack.ts writes it while `npm start` runs). */
  localStackFile: string;
  /** AUTH_CONFIG_FILE is read relative to it (npm runs scripts in the repository root). */
  cwd: string;
}

/** Throws ConfigError (naming the key, as the authorizer's startup does) or ConfigSourceError. */
export async function readExplainConfig({ env, localStackFile, cwd }: ConfigSources): Promise<LoadedConfig> {
  const optIn = env[INSECURE_LOOPBACK_ENV] === 'true' ? ` (${INSECURE_LOOPBACK_ENV}=true)` : '';
  if (env.AUTH_CONFIG) return { config: loadConfig(env), source: `AUTH_CONFIG from the environment${optIn}` };
  if (env.AUTH_CONFIG_FILE) {
    const file = path.resolve(cwd, env.AUTH_CONFIG_FILE);
    const text = await readText(file, 'AUTH_CONFIG_FILE');
    const config = within(`AUTH_CONFIG_FILE ${file}`, () => loadConfig({ ...env, AUTH_CONFIG: text }));
    return { config, source: `AUTH_CONFIG_FILE ${file}${optIn}` };
  }
  const local = await readLocalStackConfig(localStackFile);
  if (local) return local;
  return {
    config: await loadDeployableDefault(env),
    source: "the deployable default (the stack's Cognito pool: USER_POOL_ID, USER_POOL_CLIENT_ID)",
  };
}

/** The AUTH_CONFIG the running local stack gave its authorizer; undefined when no stack is running. */
async function readLocalStackConfig(file: string): Promise<LoadedConfig | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ConfigSourceError(file, `cannot be read (${(err as Error).message})`);
  }
  let state: { authConfig?: unknown };
  try {
    state = JSON.parse(text) as { authConfig?: unknown };
  } catch {
    throw new ConfigSourceError(file, 'is not valid JSON: restart the local stack (npm start)');
  }
  if (typeof state?.authConfig !== 'string') {
    throw new ConfigSourceError(file, 'names no authConfig: restart the local stack (npm start), or pass AUTH_CONFIG');
  }
  const authConfig = state.authConfig;
  // The stack's authorizer runs with the loopback opt-in (its IdPs serve keys on http://127.0.0.1): so does this.
  const config = within(file, () => loadConfig({ AUTH_CONFIG: authConfig, [INSECURE_LOOPBACK_ENV]: 'true' }));
  return { config, source: `the running local stack (${file}, ${INSECURE_LOOPBACK_ENV}=true as its authorizer has)` };
}

async function readText(file: string, variable: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    throw new ConfigSourceError(variable, `cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

// The key path stays the authorizer's ("AUTH_CONFIG providers[0].issuer: …"); only where the document was is added.
function within<T>(where: string, load: () => T): T {
  try {
    return load();
  } catch (err) {
    if (err instanceof ConfigError) throw new ConfigError(err.path, `${err.problem} (in ${where})`);
    throw err;
  }
}
