// The cursor-signing key: CURSOR_SECRET locally and in tests; on AWS read from Secrets Manager (CURSOR_SECRET_ARN)
// once per cold start, so the key is never plain Lambda configuration that anyone with lambda:GetFunction can read.
import {
  GetSecretValueCommand,
  SecretsManagerClient,
  type GetSecretValueCommandOutput,
} from '@aws-sdk/client-secrets-manager';
import type { Env } from '../../shared/config/env';
import { EnvError } from '../../shared/errors';
import { SecretUnavailableError } from './errors';

/** As createCursorCodec requires: a short or placeholder key fails loudly instead of signing weak cursors. */
export const MIN_CURSOR_SECRET_LENGTH = 32;
const SECRET_ARN = /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[\w/+=.@-]+$/;

/** Resolves the key. Only the first successful call does I/O; a failed one is retried by the next call. */
export type CursorSecretSource = () => Promise<string>;

/** The one Secrets Manager call we make, typed structurally so tests can inject a fake client. */
export interface SecretsClient {
  send(command: GetSecretValueCommand): Promise<Pick<GetSecretValueCommandOutput, 'SecretString'>>;
}

export interface CursorSecretDeps {
  /** Defaults to `new SecretsManagerClient({})`, built only when CURSOR_SECRET_ARN is the source. */
  secretsManager?: SecretsClient;
}

/**
 * CURSOR_SECRET (the value) or CURSOR_SECRET_ARN (a Secrets Manager secret holding it), exactly one of them.
 * A missing, short or malformed value is an EnvError here, at module load; a short secret behind the ARN is one
 * at the first use. Never rejects unless called: nothing is fetched until a request needs the key.
 */
export function loadCursorSecret(env: Env = process.env, deps: CursorSecretDeps = {}): CursorSecretSource {
  const value = env.CURSOR_SECRET?.trim();
  const arn = env.CURSOR_SECRET_ARN?.trim();
  if (value && arn) throw new EnvError('CURSOR_SECRET', 'and CURSOR_SECRET_ARN are both set; set only one');
  if (value) {
    checkLength('CURSOR_SECRET', value);
    return () => Promise.resolve(value);
  }
  if (!arn) throw new EnvError('CURSOR_SECRET', 'is not set (on AWS, set CURSOR_SECRET_ARN to the secret holding it)');
  if (!SECRET_ARN.test(arn)) throw new EnvError('CURSOR_SECRET_ARN', 'must be a Secrets Manager secret ARN');
  const client = deps.secretsManager ?? new SecretsManagerClient({});
  return cacheSuccess(() => fetchSecret(client, arn));
}

async function fetchSecret(client: SecretsClient, arn: string): Promise<string> {
  let output: Pick<GetSecretValueCommandOutput, 'SecretString'>;
  try {
    output = await client.send(new GetSecretValueCommand({ SecretId: arn }));
  } catch (err) {
    throw new SecretUnavailableError(arn, err);
  }
  const secret = output.SecretString;
  if (typeof secret !== 'string') throw new EnvError('CURSOR_SECRET_ARN', 'names a secret without a SecretString');
  checkLength('CURSOR_SECRET_ARN', secret, 'names a secret shorter than');
  return secret;
}

function checkLength(variable: string, secret: string, problem = 'must be at least'): void {
  if (secret.length < MIN_CURSOR_SECRET_LENGTH)
    throw new EnvError(variable, `${problem} ${MIN_CURSOR_SECRET_LENGTH} characters`);
}

// One fetch per cold start: concurrent callers share the pending promise; a failure is forgotten so that the next
// request tries again (the request that saw it gets a 500) instead of the function staying broken until recycled.
function cacheSuccess(load: () => Promise<string>): CursorSecretSource {
  let pending: Promise<string> | undefined;
  return () => {
    pending ??= load().catch((err: unknown) => {
      pending = undefined;
      throw err;
    });
    return pending;
  };
}
