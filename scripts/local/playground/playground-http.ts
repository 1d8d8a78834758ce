// Request checks and JSON I/O for the playground server: only its own page may use it, and bad input is a clear 4xx.
import type http from 'node:http';
import { CodedError } from '../../../shared/coded-error';

type PlaygroundErrorCode =
  | 'wrong_host'
  | 'cross_origin'
  | 'unsupported_media_type'
  | 'body_too_large'
  | 'bad_json'
  | 'explain_unavailable'
  | 'no_minting'
  | 'not_found';

/** A request the playground refuses, with the status it answers and a code the page can show. */
export class PlaygroundRequestError extends CodedError<PlaygroundErrorCode> {
  static override readonly name: string = 'PlaygroundRequestError';
  constructor(
    readonly status: number,
    readonly code: PlaygroundErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** A bearer token is at most about 10 KB (API Gateway's header limit); a scope list is short. */
const MAX_BODY_BYTES = 16 * 1024;

/**
 * Any web page can send requests to 127.0.0.1. The playground answers only its own origin: the Host must be exactly
 * its own (a DNS-rebinding page has another), a POST must come from its own page (Origin) as JSON, which a
 * cross-origin page cannot send without a preflight this server never approves. Without these, a site the developer
 * visits could have a token minted with the local client secret.
 */
export function guardRequest(req: http.IncomingMessage, origin: string): URL {
  if (req.headers.host !== new URL(origin).host)
    throw new PlaygroundRequestError(421, 'wrong_host', `this server answers only ${origin}`);
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    if (req.headers.origin !== origin)
      throw new PlaygroundRequestError(403, 'cross_origin', `only the playground's own page (${origin}) may call this`);
    const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/json')
      throw new PlaygroundRequestError(415, 'unsupported_media_type', 'send Content-Type: application/json');
  }
  return new URL(req.url ?? '/', origin);
}

/** Reads a JSON object whose listed fields must all be strings; anything else is a 400 naming the field. */
export async function readJsonBody<K extends string>(
  req: http.IncomingMessage,
  fields: Record<K, 'string'>,
): Promise<Record<K, string>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES)
      throw new PlaygroundRequestError(413, 'body_too_large', `the body is over ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk);
  }
  let body: unknown;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new PlaygroundRequestError(400, 'bad_json', 'the body is not JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new PlaygroundRequestError(400, 'bad_json', 'the body must be a JSON object');
  for (const field of Object.keys(fields)) {
    if (typeof (body as Record<string, unknown>)[field] !== 'string')
      throw new PlaygroundRequestError(400, 'bad_json', `"${field}" must be a string`);
  }
  return body as Record<K, string>;
}

export function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return void res.end();
  res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}
