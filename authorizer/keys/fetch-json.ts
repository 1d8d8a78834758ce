// The default JSON fetcher for JWKS and discovery documents: node:http/https, a hard deadline, a size cap, no redirects.
import http from 'node:http';
import https from 'node:https';

export type FetchJson = (url: string) => Promise<unknown>;

export interface FetchJsonOptions {
  /** Deadline for the whole exchange, not just socket idleness (a trickling server must not hold us). */
  timeoutMs: number;
  /** A JWKS or discovery document is a few KB; anything far larger is refused rather than buffered. */
  maxBytes?: number;
}

/** Fetch failures carry the URL and a reason, never a response body. */
export class FetchError extends Error {
  readonly code = 'fetch_failed' as const;
  constructor(url: string, reason: string) {
    super(`GET ${url} failed: ${reason}`);
    this.name = 'FetchError';
  }
}

/**
 * Builds a fetcher on node:http/https rather than global fetch: it is faster on a cold start and
 * never follows redirects, so only the configured URL is ever trusted as a key source.
 */
export function createJsonFetcher({ timeoutMs, maxBytes = 512 * 1024 }: FetchJsonOptions): FetchJson {
  return (url) =>
    new Promise((resolve, reject) => {
      const lib = url.startsWith('https:') ? https : http;
      const req = lib.get(url, { headers: { accept: 'application/json' } }, (res) => {
        const status = res.statusCode ?? 0;
        if (status < 200 || status >= 300) {
          res.resume();
          fail(`HTTP ${status}`);
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) fail(`response larger than ${maxBytes} bytes`);
          else chunks.push(chunk);
        });
        res.on('end', () => {
          if (settled) return;
          try {
            done(JSON.parse(Buffer.concat(chunks).toString('utf8')));
          } catch {
            fail('response is not JSON');
          }
        });
        res.on('error', (err) => fail(err.message));
      });
      let settled = false;
      const timer = setTimeout(() => fail(`no complete answer within ${timeoutMs} ms`), timeoutMs);
      req.on('error', (err) => fail(err.message));

      function done(value: unknown): void {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(value);
      }
      function fail(reason: string): void {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        req.destroy();
        reject(new FetchError(url, reason));
      }
    });
}
