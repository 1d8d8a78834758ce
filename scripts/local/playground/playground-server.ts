// The playground's own HTTP server on 127.0.0.1: its static page, and the few calls that must not run in the page.
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { CodedError } from '../../../shared/coded-error';
import { guardRequest, readJsonBody, sendJson, PlaygroundRequestError } from './playground-http';

export interface PlaygroundApi {
  /** What the page needs to start: the API's URL, the routes, the demo users, whether a token can be minted. */
  config: Record<string, unknown>;
  /** The explain result for a token (never throws for a bad token); undefined when explain is not available. */
  explain?: (token: string) => Promise<unknown>;
  /** A client-credentials token for the oidc profile: the client secret stays in this process, never in the page. */
  mint?: (scope: string) => Promise<string>;
}

export interface PlaygroundServer {
  url: string;
  close(): Promise<void>;
}

const STATIC_DIR = path.join(__dirname, 'static');
/** Exactly these files are served: no path from a request ever reaches the file system. */
const STATIC_FILES: Record<string, { file: string; type: string }> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/style.css': { file: 'style.css', type: 'text/css; charset=utf-8' },
  '/playground.js': { file: 'playground.js', type: 'text/javascript; charset=utf-8' },
  '/token-view.js': { file: 'token-view.js', type: 'text/javascript; charset=utf-8' },
  '/routes-view.js': { file: 'routes-view.js', type: 'text/javascript; charset=utf-8' },
  '/call-view.js': { file: 'call-view.js', type: 'text/javascript; charset=utf-8' },
  '/dom.js': { file: 'dom.js', type: 'text/javascript; charset=utf-8' },
};

export async function startPlaygroundServer(options: { port: number; api: PlaygroundApi }): Promise<PlaygroundServer> {
  const files = new Map<string, { body: Buffer; type: string }>();
  for (const [route, { file, type }] of Object.entries(STATIC_FILES))
    files.set(route, { body: await readFile(path.join(STATIC_DIR, file)), type });
  const server = http.createServer();
  await listen(server, options.port);
  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  const apiUrl = String(options.api.config['apiUrl']);
  server.on('request', (req, res) => {
    handle(req, res).catch((err: unknown) => sendError(res, err));
  });
  return {
    url: origin,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = guardRequest(req, origin);
    const file = req.method === 'GET' ? files.get(url.pathname) : undefined;
    if (file) return sendStatic(res, file, apiUrl);
    if (req.method === 'GET' && url.pathname === '/api/config') return sendJson(res, 200, options.api.config);
    if (req.method === 'POST' && url.pathname === '/api/explain') {
      const { token } = await readJsonBody(req, { token: 'string' });
      if (!options.api.explain)
        throw new PlaygroundRequestError(501, 'explain_unavailable', 'explain is not available in this stack');
      return sendJson(res, 200, await options.api.explain(token));
    }
    if (req.method === 'POST' && url.pathname === '/api/mint') {
      const { scope } = await readJsonBody(req, { scope: 'string' });
      if (!options.api.mint)
        throw new PlaygroundRequestError(404, 'no_minting', 'only the oidc profile (npm run start:oidc) mints tokens');
      return sendJson(res, 200, { accessToken: await options.api.mint(scope) });
    }
    throw new PlaygroundRequestError(404, 'not_found', `no ${req.method} ${url.pathname} here`);
  }
}

// Our refusals carry their status; another coded error is an upstream's (the token endpoint refusing a scope): 502.
// Messages only, never a stack: nothing this server throws holds a token or the client secret (client-credentials.ts
// redacts it).
function sendError(res: http.ServerResponse, err: unknown): void {
  if (err instanceof PlaygroundRequestError)
    return sendJson(res, err.status, { error: err.code, message: err.message });
  if (err instanceof CodedError) return sendJson(res, 502, { error: err.code, message: err.message });
  sendJson(res, 500, { error: 'internal', message: (err as Error).message });
}

function sendStatic(res: http.ServerResponse, file: { body: Buffer; type: string }, apiUrl: string): void {
  res.writeHead(200, {
    'Content-Type': file.type,
    // No inline script or style anywhere; the page may talk to this server and to the API, nothing else.
    'Content-Security-Policy': `default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self' ${apiUrl}; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  });
  res.end(file.body);
}

function listen(server: http.Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(
        err.code === 'EADDRINUSE'
          ? new Error(
              `the playground's port ${port} is in use (another npm start?); its origin is the first of params.local.corsOrigins in serverless.yml`,
            )
          : err,
      ),
    );
    server.listen(port, '127.0.0.1', () => resolve());
  });
}
