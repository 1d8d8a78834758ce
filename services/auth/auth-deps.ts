// The auth service's dependencies, built once per cold start from the environment (injectable in tests).
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { readBool, requireEnv, type Env } from '../../shared/config/env';
import { EnvError } from '../../shared/errors';
import type { Logger } from '../../shared/logger';

export interface AuthDeps {
  cognito: CognitoIdentityProviderClient;
  userPoolId: string;
  /** A public app client (no secret) allowing USER_PASSWORD_AUTH. */
  clientId: string;
  /** Confirm new users at once instead of by e-mail code: for the local stack only. */
  autoConfirm: boolean;
  /** The group every new user joins; absent for none. */
  signupGroup?: string;
}

/** What the auth handlers' factories take besides their deps. */
export interface AuthHandlerOptions {
  /** Injected for tests (to read what was logged); stdout by default. */
  logger?: Logger;
}

// AWS's own patterns for these ids: a typo fails at cold start, not at the first sign-in.
const USER_POOL_ID = /^[\w-]+_[0-9a-zA-Z]+$/;
const CLIENT_ID = /^[\w+]{1,128}$/;
const DEFAULT_SIGNUP_GROUP = 'readers';

/**
 * USER_POOL_ID and USER_POOL_CLIENT_ID (required); AUTO_CONFIRM_SIGNUPS (default false: on AWS users confirm by
 * e-mail, the local stack turns it on); SIGNUP_GROUP (default readers; empty for none). The SDK honours
 * AWS_REGION and AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER, which point it at cognito-local locally.
 */
export function loadAuthDeps(env: Env = process.env): AuthDeps {
  const userPoolId = requireEnv(env, 'USER_POOL_ID');
  if (!USER_POOL_ID.test(userPoolId)) throw new EnvError('USER_POOL_ID', 'must look like eu-west-1_AbC123');
  const clientId = requireEnv(env, 'USER_POOL_CLIENT_ID');
  if (!CLIENT_ID.test(clientId))
    throw new EnvError('USER_POOL_CLIENT_ID', 'must be an app client id (letters, digits, _ or +)');
  const signupGroup = readSignupGroup(env);
  return {
    cognito: new CognitoIdentityProviderClient({}),
    userPoolId,
    clientId,
    autoConfirm: readBool(env, 'AUTO_CONFIRM_SIGNUPS', false),
    ...(signupGroup ? { signupGroup } : {}),
  };
}

/** SIGNUP_GROUP: unset means the default (readers); set but empty is an explicit "no group" (undefined). */
export function readSignupGroup(env: Env): string | undefined {
  const group = env.SIGNUP_GROUP === undefined ? DEFAULT_SIGNUP_GROUP : env.SIGNUP_GROUP.trim();
  return group || undefined;
}

let cached: AuthDeps | undefined;
/** Shared by the operations bundled together; each Lambda still builds it once, at module load. */
export function authDeps(): AuthDeps {
  cached ??= loadAuthDeps();
  return cached;
}
