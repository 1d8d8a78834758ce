// Prints a fresh access token from the running local identity provider: `npx tsx scripts/token.ts [--scope "…"] [--user email]`.
// Only the token goes to stdout, so `TOKEN=$(npx tsx scripts/token.ts)` works; every problem goes to stderr, exit 1.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fetchClientCredentialsToken, TokenRequestError } from './local/client-credentials';

/** Written by scripts/start.ts while the local stack runs. */
export const LOCAL_STACK_FILE = join(__dirname, '..', '.local-stack.json');
const DEFAULT_SCOPE = 'comments:read comments:write';
const USAGE = 'usage: npx tsx scripts/token.ts [--scope "comments:read comments:write"] [--user email]';

export interface LocalStackState {
  profile: 'cognito' | 'oidc';
  oidc?: { tokenEndpoint: string; clientId: string; clientSecret: string; audience: string };
  cognito?: { endpoint: string; clientId: string; users: Array<{ email: string; password: string }> };
}

export interface TokenArgs {
  scope?: string;
  user?: string;
  help?: boolean;
}

/** Parses `--scope value` and `--user value` (or `--scope=value`); anything else is a usage error. */
export function parseTokenArgs(argv: string[]): TokenArgs {
  const args: TokenArgs = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--help' || arg === '-h') return { help: true };
    const match = /^--(scope|user)(?:=(.*))?$/s.exec(arg);
    if (!match) throw new Error(`unexpected argument ${arg}\n${USAGE}`);
    const value = match[2] ?? argv[++i];
    if (!value || value.startsWith('--')) throw new Error(`--${match[1]} needs a value\n${USAGE}`);
    args[match[1] as 'scope' | 'user'] = value;
  }
  return args;
}

export async function readLocalStack(file = LOCAL_STACK_FILE): Promise<LocalStackState> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(`no local stack is running (${file} not found): start it with npm start`);
    }
    throw err;
  }
  try {
    return JSON.parse(text) as LocalStackState;
  } catch {
    throw new Error(`${file} is not valid JSON: restart the local stack with npm start`);
  }
}

/** Gets a token from whichever provider the state names. */
export async function getLocalToken(args: TokenArgs, state: LocalStackState): Promise<string> {
  if (state.profile === 'oidc' && state.oidc) {
    if (args.user !== undefined) warn('--user is ignored: the oidc profile issues client credentials tokens');
    return fetchClientCredentialsToken(state.oidc.tokenEndpoint, {
      clientId: state.oidc.clientId,
      clientSecret: state.oidc.clientSecret,
      scope: args.scope ?? DEFAULT_SCOPE,
      resource: state.oidc.audience,
    }).catch((err: unknown) => {
      // No HTTP status: nothing answered, so the state file outlived the stack that wrote it.
      if (err instanceof TokenRequestError && err.status === undefined) {
        throw new Error(`${err.message}: is the local stack still running? (npm start)`);
      }
      throw err;
    });
  }
  if (state.profile === 'cognito' && state.cognito) {
    // Password sign-in tokens carry no custom scopes; permissions come from the user's groups.
    if (args.scope !== undefined) warn("--scope is ignored: cognito permissions come from the user's groups");
    return signInToCognito(state.cognito, args.user);
  }
  throw new Error(
    `the local stack state names profile ${JSON.stringify(state.profile)} without its settings: restart it with npm start`,
  );
}

async function signInToCognito(
  cognito: NonNullable<LocalStackState['cognito']>,
  email: string | undefined,
): Promise<string> {
  const user = email === undefined ? cognito.users[0] : cognito.users.find((u) => u.email === email);
  if (!user) {
    const known = cognito.users.map((u) => u.email).join(', ') || 'none';
    throw new Error(
      `${email === undefined ? 'the local stack has no users' : `no local user ${email}`} (known: ${known})`,
    );
  }
  // Loaded only on this path: the SDK costs start-up time the oidc path does not need.
  const { CognitoIdentityProviderClient, InitiateAuthCommand } =
    await import('@aws-sdk/client-cognito-identity-provider');
  // cognito-local ignores signatures, but the SDK wants a region and credentials to build the request.
  const client = new CognitoIdentityProviderClient({
    endpoint: cognito.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    const result = await client.send(
      new InitiateAuthCommand({
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: cognito.clientId,
        AuthParameters: { USERNAME: user.email, PASSWORD: user.password },
      }),
    );
    const token = result.AuthenticationResult?.AccessToken;
    if (!token) throw new Error(`cognito answered ${result.ChallengeName ?? 'without tokens'} for ${user.email}`);
    return token;
  } catch (err) {
    const failure = err as { code?: string; cause?: { code?: string } };
    if ((failure.code ?? failure.cause?.code) === 'ECONNREFUSED') {
      throw new Error(`cognito-local at ${cognito.endpoint} is not answering: is the stack still running? (npm start)`);
    }
    throw err;
  } finally {
    client.destroy();
  }
}

function warn(message: string): void {
  process.stderr.write(`token: ${message}\n`);
}

async function main(): Promise<void> {
  try {
    const args = parseTokenArgs(process.argv.slice(2));
    if (args.help) {
      process.stderr.write(`${USAGE}\n`);
      return;
    }
    const token = await getLocalToken(args, await readLocalStack());
    process.stdout.write(`${token}\n`);
  } catch (err) {
    process.stderr.write(`token: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  }
}

if (require.main === module) void main();
