// A JWKS server on 127.0.0.1 for failure drills: per-request delay, any status, hang, trickle and reset modes.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type DrillMode =
  | { kind: 'ok' }
  /** Serve the JWKS after `ms` milliseconds. */
  | { kind: 'delay'; ms: number }
  /** Answer every request with this status and a small JSON error body. */
  | { kind: 'status'; status: number }
  /** Accept the request and never answer. */
  | { kind: 'hang' }
  /** Send a 200 and then one byte of the body every `intervalMs`, forever. */
  | { kind: 'trickle'; intervalMs: number }
  /** Destroy the connection without an answer. */
  | { kind: 'reset' };

export interface DrillJwksServer {
  /** http://127.0.0.1:{port} */
  origin: string;
  jwksUri: string;
  setKeys(jwks: Array<Record<string, unknown>>): void;
  setMode(mode: DrillMode): void;
  /** Requests received (all paths, or one path). */
  hits(path?: string): number;
  /** Requests received but not yet answered. */
  pending(): number;
  close(): Promise<void>;
}

export async function startDrillJwksServer(initialKeys: Array<Record<string, unknown>> = []): Promise<DrillJwksServer> {
  let keys = initialKeys;
  let mode: DrillMode = { kind: 'ok' };
  const counts = new Map<string, number>();
  const open = new Set<http.ServerResponse>();
  const timers = new Set<NodeJS.Timeout>();

  const later = (ms: number, run: () => void, repeat = false) => {
    const timer = (repeat ? setInterval : setTimeout)(() => {
      if (!repeat) timers.delete(timer);
      run();
    }, ms);
    timers.add(timer);
    return timer;
  };

  const server = http.createServer((req, res) => {
    const path = req.url ?? '/';
    counts.set(path, (counts.get(path) ?? 0) + 1);
    open.add(res);
    res.on('close', () => open.delete(res));
    const body = path === '/jwks.json' ? { status: 200, json: { keys } } : { status: 404, json: { message: 'not found' } };
    const current = mode;
    switch (current.kind) {
      case 'ok':
        return send(res, body.status, body.json);
      case 'delay':
        later(current.ms, () => send(res, body.status, body.json));
        return;
      case 'status':
        return send(res, current.status, { message: `status ${current.status}` });
      case 'hang':
        return;
      case 'trickle': {
        res.writeHead(200, { 'content-type': 'application/json' });
        const timer = later(current.intervalMs, () => res.write(' '), true);
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
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    jwksUri: `${origin}/jwks.json`,
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
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
