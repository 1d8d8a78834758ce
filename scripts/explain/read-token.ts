// The token to explain: --token, else stdin (a pipe or a file), never a terminal prompt.
import { ExplainUsageError } from './errors';
import { USAGE } from './parse-args';

/** Far beyond any real token (the authorizer refuses over 8 KB): enough to say too_large, not to buffer a file. */
const MAX_STDIN_BYTES = 64 * 1024;

export async function readToken(
  given: string | undefined,
  stdin: NodeJS.ReadableStream & { isTTY?: boolean },
): Promise<string> {
  if (given !== undefined) return given.trim();
  if (stdin.isTTY) throw new ExplainUsageError(`no token: pass --token <jwt> or pipe the token on stdin\n${USAGE}`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stdin) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buffer.length;
    if (size > MAX_STDIN_BYTES)
      throw new ExplainUsageError(`stdin holds more than ${MAX_STDIN_BYTES} bytes: not a token`);
    chunks.push(buffer);
  }
  const token = Buffer.concat(chunks).toString('utf8').trim();
  if (token === '') throw new ExplainUsageError(`no token on stdin: pass --token <jwt> or pipe the token\n${USAGE}`);
  return token;
}
