// createJsonFetcher against a real local HTTP server: JSON, status, size cap, whole-exchange deadline and no redirects.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { FetchError } from '../../../../authorizer/errors';
import { createJsonFetcher } from '../../../../authorizer/keys/fetch-json';

const MAX_BYTES = 1024;
const TIMEOUT_MS = 200;
/** Liveness bound for the deadline tests: far above TIMEOUT_MS, far below a hang. */
const LIVENESS_MS = 2000;

let server: http.Server;
let origin: string;
const hits = new Map<string, number>();
const held = new Set<http.ServerResponse>();
const tricklers = new Set<NodeJS.Timeout>();
/** Per path, settles when the server sees that response's connection end: proves the client hung up. */
const closed = new Map<string, Promise<void>>();

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const path = req.url ?? '/';
    hits.set(path, (hits.get(path) ?? 0) + 1);
    closed.set(path, new Promise<void>((resolve) => res.on('close', () => resolve())));
    switch (path) {
      case '/ok':
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [{ kid: 'a' }] }));
        return;
      case '/unavailable':
        res.writeHead(503, { 'content-type': 'application/json' }).end('{"message":"secret-body-text"}');
        return;
      case '/html':
        res.writeHead(200, { 'content-type': 'text/html' }).end('<html>not json</html>');
        return;
      case '/big':
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ pad: 'x'.repeat(MAX_BYTES * 4) }));
        return;
      case '/exact':
        // A JSON string of exactly MAX_BYTES bytes: the cap is inclusive.
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify('y'.repeat(MAX_BYTES - 2)));
        return;
      case '/hang':
        held.add(res);
        return;
      case '/trickle': {
        // Headers at once, then a harmless whitespace byte every 20 ms, forever: never idle, never complete.
        held.add(res);
        res.writeHead(200, { 'content-type': 'application/json' });
        const timer = setInterval(() => res.write(' '), 20);
        tricklers.add(timer);
        res.on('close', () => {
          clearInterval(timer);
          tricklers.delete(timer);
        });
        return;
      }
      case '/drop':
        // Headers and half a body, then the connection dies.
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
        res.write('{"keys":', () => res.socket?.destroy());
        return;
      case '/redirect':
        res.writeHead(302, { location: `${origin}/target` }).end();
        return;
      case '/target':
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"redirected":true}');
        return;
      default:
        res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const timer of tricklers) clearInterval(timer);
  for (const res of held) res.destroy();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** Bounds a wait that must happen promptly; the timer is a liveness guard, not a sleep. */
async function within<T>(promise: Promise<T> | undefined, ms: number, what: string): Promise<T> {
  if (!promise) throw new Error(`${what}: nothing to wait for`);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

async function fetchError(promise: Promise<unknown>): Promise<FetchError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(FetchError);
    return err as FetchError;
  }
  throw new Error('expected a FetchError');
}

describe('createJsonFetcher', () => {
  const fetchJson = createJsonFetcher({ timeoutMs: 3000, maxBytes: MAX_BYTES });

  it('returns the parsed body of a 200 JSON answer', async () => {
    await expect(fetchJson(`${origin}/ok`)).resolves.toEqual({ keys: [{ kid: 'a' }] });
  });

  it('refuses a 503 with a FetchError naming the status and URL, never the body', async () => {
    const url = `${origin}/unavailable`;
    const err = await fetchError(fetchJson(url));
    expect(err.code).toBe('fetch_failed');
    expect(err.name).toBe('FetchError');
    expect(err.message).toMatch(/HTTP 503/);
    expect(err.message).toContain(url);
    expect(err.message).not.toContain('secret-body-text');
  });

  it('refuses a body that is not JSON', async () => {
    const err = await fetchError(fetchJson(`${origin}/html`));
    expect(err.code).toBe('fetch_failed');
    expect(err.message).toMatch(/not JSON/);
  });

  it('refuses a body larger than maxBytes', async () => {
    const err = await fetchError(fetchJson(`${origin}/big`));
    expect(err.code).toBe('fetch_failed');
    expect(err.message).toMatch(new RegExp(`larger than ${MAX_BYTES} bytes`));
  });

  it('accepts a body of exactly maxBytes', async () => {
    await expect(fetchJson(`${origin}/exact`)).resolves.toBe('y'.repeat(MAX_BYTES - 2));
  });

  it('refuses a connection that dies mid-body at once, not at the deadline', async () => {
    const err = await fetchError(fetchJson(`${origin}/drop`));
    expect(err.code).toBe('fetch_failed');
    expect(err.message).not.toMatch(/within \d+ ms/);
  });

  describe('deadline', () => {
    const quick = createJsonFetcher({ timeoutMs: TIMEOUT_MS, maxBytes: MAX_BYTES });

    it('rejects within the timeout when the server never answers', async () => {
      const started = performance.now();
      const err = await fetchError(quick(`${origin}/hang`));
      expect(performance.now() - started).toBeLessThan(LIVENESS_MS);
      expect(err.message).toMatch(new RegExp(`within ${TIMEOUT_MS} ms`));
      await within(closed.get('/hang'), LIVENESS_MS, 'the client closing its connection');
    });

    it('rejects when the server trickles bytes past the deadline', async () => {
      const started = performance.now();
      const err = await fetchError(quick(`${origin}/trickle`));
      expect(performance.now() - started).toBeLessThan(LIVENESS_MS);
      expect(err.message).toMatch(new RegExp(`within ${TIMEOUT_MS} ms`));
      await within(closed.get('/trickle'), LIVENESS_MS, 'the client closing its connection');
    });
  });

  it('does not follow a 302 redirect and never requests its target', async () => {
    const err = await fetchError(fetchJson(`${origin}/redirect`));
    expect(err.code).toBe('fetch_failed');
    expect(err.message).toMatch(/HTTP 302/);
    expect(hits.get('/redirect')).toBe(1);
    expect(hits.get('/target') ?? 0).toBe(0);
  });

  it.each(['ftp://127.0.0.1/x', 'not a url', 'http://[bad'])(
    'refuses %p with a FetchError, not a TypeError',
    async (url) => {
      await expect(createJsonFetcher({ timeoutMs: 500 })(url)).rejects.toMatchObject({
        name: 'FetchError',
        code: 'fetch_failed',
      });
    },
  );
});
