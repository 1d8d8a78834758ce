// `npm run explain` without the process: arguments, token and configuration in, output and an exit status out.
import type { FetchJson } from '../../authorizer/keys/fetch-json';
import { ConfigError } from '../../authorizer/errors';
import type { ExplainOutcome } from './explain-result';
import { explainToken } from './explain-token';
import { ConfigSourceError, ExplainUsageError } from './errors';
import { formatExplanation } from './format-explanation';
import { parseExplainArgs, USAGE } from './parse-args';
import { readExplainConfig } from './read-config';
import { readToken } from './read-token';

/** 0 verified, 1 refused (401), 2 usage or configuration error, 3 undecided: the key source is down (retry). */
export const EXIT = { verified: 0, refused: 1, usage: 2, undecided: 3 } as const;

const EXIT_OF: Record<ExplainOutcome, number> = {
  verified: EXIT.verified,
  unauthorized: EXIT.refused,
  // Not the token's fault: a script must be able to tell "retry" from "this token is refused".
  unavailable: EXIT.undecided,
  error: EXIT.undecided,
};

export interface ExplainIo {
  argv: readonly string[];
  env: Record<string, string | undefined>;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  localStackFile: string;
  cwd: string;
  fetchJson?: FetchJson;
  now?: () => number;
}

export async function runExplain(io: ExplainIo): Promise<number> {
  let token: string | undefined;
  try {
    const args = parseExplainArgs(io.argv);
    if (args.help) {
      io.stdout(`${USAGE}\n`);
      return EXIT.verified;
    }
    token = await readToken(args.token, io.stdin);
    const { config, source } = await readExplainConfig(io);
    const deps = { ...(io.fetchJson ? { fetchJson: io.fetchJson } : {}), ...(io.now ? { now: io.now } : {}) };
    const result = {
      ...(await explainToken(token, config, { ...deps, ...routeOf(args.route) })),
      configSource: source,
    };
    const text = args.json ? `${JSON.stringify(result, null, 2)}\n` : formatExplanation(result);
    io.stdout(redact(text, token));
    return EXIT_OF[result.outcome];
  } catch (err) {
    if (err instanceof ExplainUsageError || err instanceof ConfigError || err instanceof ConfigSourceError) {
      io.stderr(`explain: ${redact(err.message, token)}\n`);
      return EXIT.usage;
    }
    // A bug, not a verdict (a bad token is a result, never a throw): say so, and decide nothing.
    const described = err instanceof Error ? (err.stack ?? err.message) : String(err);
    io.stderr(`explain: unexpected failure: ${redact(described, token)}\n`);
    return EXIT.undecided;
  }
}

function routeOf(route: string | undefined): { route?: string } {
  return route === undefined ? {} : { route };
}

/**
 * Nothing explain prints comes from the token but decoded claims; this is the backstop that keeps it so: the token
 * and its signature (a real one is at least 43 characters) can never reach the output, whatever a message holds.
 */
export function redact(text: string, token: string | undefined): string {
  if (!token) return text;
  const compact = token.trim().replace(/^bearer +/i, '');
  const signature = compact.split('.')[2] ?? '';
  let out = text.split(compact).join('[token]');
  if (signature.length >= 16) out = out.split(signature).join('[signature]');
  return out;
}
