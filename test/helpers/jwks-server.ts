// A real JWKS (and OIDC discovery) server on 127.0.0.1 whose keys and failure mode tests can change.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type ServerMode = 'ok' | 'error' | 'hang' | 'garbage';

export interface JwksServer {
  /** http://127.0.0.1:{port} */
  origin: string;
  jwksUri: string;
  /** Issuer for discovery: {origin}/issuer; its discovery document is served by this server too. */
  issuer: string;
  setKeys(jwks: Array<Record<string, unknown>>): void;
  setMode(mode: ServerMode): void;
  /** Requests received per path. */
  hits(path?: string): number;
  close(): Promise<void>;
}

export async function startJwksServer(initialKeys: Array<Record<string, unknown>> = []): Promise<JwksServer> {
  let keys = initialKeys;
  let mode: ServerMode = 'ok';
  const counts = new Map<string, number>();
  const hanging = new Set<http.ServerResponse>();

  const server = http.createServer((req, res) => {
    const path = req.url ?? '/';
    counts.set(path, (counts.get(path) ?? 0) + 1);
    if (mode === 'hang') {
      hanging.add(res);
      return;
    }
    if (mode === 'error') return send(res, 503, { message: 'unavailable' });
    if (mode === 'garbage') return send(res, 200, '<html>not json</html>');
    if (path === '/jwks.json') return send(res, 200, { keys });
    if (path === '/issuer/.well-known/openid-configuration') {
      return send(res, 200, { issuer: `${origin}/issuer`, jwks_uri: `${origin}/jwks.json` });
    }
    send(res, 404, { message: 'not found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    jwksUri: `${origin}/jwks.json`,
    issuer: `${origin}/issuer`,
    setKeys: (next) => {
      keys = next;
    },
    setMode: (next) => {
      mode = next;
    },
    hits: (path) => (path ? (counts.get(path) ?? 0) : [...counts.values()].reduce((a, b) => a + b, 0)),
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json' }).end(text);
}
