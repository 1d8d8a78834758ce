// Reads an HTTP request into what API Gateway hands on: headers and query strings (single and multi), body.
import type { IncomingMessage } from 'node:http';

/** API Gateway REST payload quota: 10 MB. A larger body is refused before anything runs. */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;

export interface GatewayRequest {
  method: string;
  /** The raw path, without the query string. */
  path: string;
  headers: Record<string, string>;
  multiValueHeaders: Record<string, string[]>;
  query: Record<string, string> | null;
  multiValueQuery: Record<string, string[]> | null;
  body: string | null;
  isBase64Encoded: boolean;
  sourceIp: string;
  /** The body was over MAX_BODY_BYTES: read to its end and dropped, and the gateway answers REQUEST_TOO_LARGE. */
  tooLarge?: true;
}

export async function readRequest(req: IncomingMessage): Promise<GatewayRequest> {
  // Split by hand: URL would normalise the path ("//", "..", "\\") before routing, which API Gateway does not.
  const raw = req.url ?? '/';
  const queryAt = raw.indexOf('?');
  const rawPath = queryAt === -1 ? raw : raw.slice(0, queryAt);
  const { headers, multiValueHeaders } = headersOf(req.rawHeaders);
  const read = await readBody(req);
  const body = read ?? Buffer.alloc(0);
  return {
    method: (req.method ?? 'GET').toUpperCase(),
    path: rawPath.startsWith('/') ? rawPath : `/${rawPath}`,
    headers,
    multiValueHeaders,
    ...queryOf(new URLSearchParams(queryAt === -1 ? '' : raw.slice(queryAt + 1))),
    // Text bodies pass as text; anything else base64, as API Gateway does without binary media types configured.
    body: body.length === 0 ? null : isText(headers) ? body.toString('utf8') : body.toString('base64'),
    isBase64Encoded: body.length > 0 && !isText(headers),
    sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
    ...(read === undefined ? { tooLarge: true as const } : {}),
  };
}

// Header names keep the case the client sent (AWS passes them through); the last value wins in `headers`.
// Maps, then fromEntries: a header or parameter named "__proto__" stays an own property, never the prototype.
function headersOf(raw: string[]): Pick<GatewayRequest, 'headers' | 'multiValueHeaders'> {
  const all = new Map<string, string[]>();
  for (let i = 0; i < raw.length; i += 2)
    all.set(raw[i] as string, [...(all.get(raw[i] as string) ?? []), raw[i + 1] as string]);
  return multiMaps(all);
}

function queryOf(params: URLSearchParams): Pick<GatewayRequest, 'query' | 'multiValueQuery'> {
  const all = new Map<string, string[]>();
  for (const [name, value] of params) all.set(name, [...(all.get(name) ?? []), value]);
  if (all.size === 0) return { query: null, multiValueQuery: null };
  const { headers: query, multiValueHeaders: multiValueQuery } = multiMaps(all);
  return { query, multiValueQuery };
}

function multiMaps(all: Map<string, string[]>): Pick<GatewayRequest, 'headers' | 'multiValueHeaders'> {
  return {
    headers: Object.fromEntries([...all].map(([name, values]) => [name, values[values.length - 1] as string])),
    multiValueHeaders: Object.fromEntries(all),
  };
}

function isText(headers: Record<string, string>): boolean {
  const type = Object.entries(headers).find(([name]) => name.toLowerCase() === 'content-type')?.[1] ?? '';
  return type === '' || /^(text\/|application\/([\w.+-]*json|xml|x-www-form-urlencoded|javascript))/i.test(type);
}

/**
 * The body, or undefined when it is over the limit: the rest is read and dropped (not the socket cut), so the client
 * gets the 413 answer instead of a reset connection.
 */
function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
      else chunks.length = 0;
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
