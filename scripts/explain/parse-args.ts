// The command line of `npm run explain`: --token, --json, --route, --help; anything else is a usage error.
import { ExplainUsageError } from './errors';
import { parseRouteRequest } from './route-rows';

export const USAGE = [
  'usage: npm run explain -- [--token <jwt>] [--route "POST /comments"] [--json]',
  '  The token comes from --token or, without it, from stdin (safer: argv is visible to other local users):',
  '    npm run -s token | npm run -s explain',
  '  Configuration: AUTH_CONFIG or AUTH_CONFIG_FILE, else the running local stack, else the deployable default',
  '  (which needs USER_POOL_ID and USER_POOL_CLIENT_ID). Exit status: 0 verified, 1 refused, 2 usage or',
  '  configuration error, 3 undecided (the key source is down: retry).',
].join('\n');

export interface ExplainArgs {
  token?: string;
  route?: string;
  json: boolean;
  help: boolean;
}

const VALUED = new Set(['token', 'route']);

/** Parses `--name value` or `--name=value`; throws ExplainUsageError naming what is wrong. */
export function parseExplainArgs(argv: readonly string[]): ExplainArgs {
  const args: ExplainArgs = { json: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--help' || arg === '-h') return { json: false, help: true };
    if (arg === '--json') {
      args.json = true;
      continue;
    }
    const match = /^--([a-z]+)(?:=(.*))?$/s.exec(arg);
    const name = match?.[1];
    if (!match || !name || !VALUED.has(name)) throw usage(`unexpected argument ${describeArg(arg)}`);
    const value = match[2] ?? argv[++i];
    if (value === undefined || value === '' || value.startsWith('--')) throw usage(`--${name} needs a value`);
    if (args[name as 'token' | 'route'] !== undefined) throw usage(`--${name} is given twice`);
    args[name as 'token' | 'route'] = value;
  }
  if (args.route !== undefined) checkRoute(args.route);
  return args;
}

function checkRoute(route: string): void {
  try {
    parseRouteRequest(route);
  } catch (err) {
    throw usage(`--${(err as Error).message}`);
  }
}

// A mistyped option may well be a token pasted in the wrong place: never echo something that long.
function describeArg(arg: string): string {
  return arg.length > 40 ? `(${arg.length} characters)` : JSON.stringify(arg);
}

function usage(problem: string): ExplainUsageError {
  return new ExplainUsageError(`${problem}\n${USAGE}`);
}
