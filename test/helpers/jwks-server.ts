// A real JWKS (and OIDC discovery) server on 127.0.0.1 whose keys and failure mode tests and drills can change.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** The failure modes of a key source, from a plain outage to the slow and broken answers drills need. */
export type ServerMode =
  | 'ok'
  /** 503 with a small JSON body. */
  | 'error'
  /** Accept the request and never answer. */
  | 'hang'
  /** 200 with a body that is not JSON. */
  | 'garbage'
  | { kind: 'ok' }
  /** Serve after `ms` milliseconds. */
  | { kind: 'delay'; ms: number }
  /** Answer every request with this status and a small JSON error body. */
  | { kind: 'status'; status: number }
  | { kind: 'hang' }
  /** Send a 200 and then one byte of the body every `intervalMs`, forever. */
  | { kind: 'trickle'; intervalMs: number }
  /** Destroy the connection without an answer. */
  | { kind: 'reset' };

export interface JwksServer {
  /** http://127.0.0.1:{port} */
  origin: string;
  jwksUri: string;
  /** Issuer for discovery: {origin}/issuer; its discovery document is served by this server too. */
  issuer: string;
  setKeys(jwks: Array<Record<string, unknown>>): void;
  setMode(mode: ServerMode): void;
  /** Requests received (all paths, or one path). */
  hits(path?: string): number;
  /** Requests received but not yet answered. */
  pending(): number;
  close(): Promise<void>;
}

type Body = { status: number; json: unknown };

export async function startJwksServer(initialKeys: Array<Record<string, unknown>> = []): Promise<JwksServer> {
  let keys = initialKeys;
  let mode: ServerMode = 'ok';
  const counts = new Map<string, number>();
  const open = new Set<http.ServerResponse>();
  const timers = new Set<NodeJS.Timeout>();
  let origin = '';

  const later = (ms: number, run: () => void, repeat = false) => {
    const timer = (repeat ? setInterval : setTimeout)(() => {
      if (!repeat) timers.delete(timer);
      run();
    }, ms);
    timers.add(timer);
    return timer;
  };

  const bodyOf = (path: string): Body => {
    if (path === '/jwks.json') return { status: 200, json: { keys } };
    if (path === '/issuer/.well-known/openid-configuration') {
      return { status: 200, json: { issuer: `${origin}/issuer`, jwks_uri: `${origin}/jwks.json` } };
    }
    return { status: 404, json: { message: 'not found' } };
  };

  const server = http.createServer((req, res) => {
    const path = req.url ?? '/';
    counts.set(path, (counts.get(path) ?? 0) + 1);
    open.add(res);
    res.on('close', () => open.delete(res));
    const body = bodyOf(path);
    const current = typeof mode === 'string' ? mode : mode.kind;
    switch (current) {
      case 'ok':
        return send(res, body.status, body.json);
      case 'error':
        return send(res, 503, { message: 'unavailable' });
      case 'garbage':
        return send(res, 200, '<html>not json</html>');
      case 'hang':
        return;
      case 'delay':
        later((mode as { ms: number }).ms, () => send(res, body.status, body.json));
        return;
      case 'status': {
        const { status } = mode as { status: number };
        return send(res, status, { message: `status ${status}` });
      }
      case 'trickle': {
        res.writeHead(200, { 'content-type': 'application/json' });
        const timer = later((mode as { intervalMs: number }).intervalMs, () => res.write(' '), true);
        res.on('close', () => {
          clearInterval(timer);
          timers.delete(timer);
        });
        return;
      }
      case 'reset':
        req.socket.destroy();
        return;
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

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
    pending: () => open.size,
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      for (const res of open) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  if (res.destroyed) return;
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json' }).end(text);
}
