// The default JSON fetcher for JWKS and discovery documents: node:http/https, a hard deadline, a size cap, no redirects.
import http from 'node:http';
import https from 'node:https';
import { FetchError } from '../errors';

export type FetchJson = (url: string) => Promise<unknown>;

export interface FetchJsonOptions {
  /** Deadline for the whole exchange, not just socket idleness (a trickling server must not hold us). */
  timeoutMs: number;
  /** A JWKS or discovery document is a few KB; anything far larger is refused rather than buffered. */
  maxBytes?: number;
}

type Settle = (failure: string | undefined, value?: unknown) => void;

/**
 * Builds a fetcher on node:http/https rather than global fetch: it is faster on a cold start and
 * never follows redirects, so only the configured URL is ever trusted as a key source.
 */
export function createJsonFetcher({ timeoutMs, maxBytes = 512 * 1024 }: FetchJsonOptions): FetchJson {
  return (url) =>
    new Promise((resolve, reject) => {
      let settled = false;
      let req: http.ClientRequest | undefined;
      const settle: Settle = (failure, value) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (failure === undefined) return resolve(value);
        req?.destroy();
        reject(new FetchError(url, failure));
      };
      const timer = setTimeout(() => settle(`no complete answer within ${timeoutMs} ms`), timeoutMs);
      if (!/^https?:\/\//.test(url)) return settle('not an http(s) URL');
      try {
        const lib = url.startsWith('https:') ? https : http;
        req = lib.get(url, { headers: { accept: 'application/json' } }, (res) => readJson(res, maxBytes, settle));
        req.on('error', (err) => settle(err.message));
      } catch (err) {
        settle((err as Error).message);
      }
    });
}

function readJson(res: http.IncomingMessage, maxBytes: number, settle: Settle): void {
  const status = res.statusCode ?? 0;
  if (status < 200 || status >= 300) {
    res.resume();
    return settle(`HTTP ${status}`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  res.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > maxBytes) settle(`response larger than ${maxBytes} bytes`);
    else chunks.push(chunk);
  });
  res.on('end', () => {
    let value: unknown;
    try {
      value = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      return settle('response is not JSON');
    }
    settle(undefined, value);
  });
  res.on('error', (err) => settle(err.message));
}
