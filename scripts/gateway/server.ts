// The local gateway's HTTP front on 127.0.0.1: reads each request, hands it to the gateway, never crashes on one.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Gateway, GatewayAnswer } from './gateway';
import { readRequest } from './incoming';

export interface GatewayServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface GatewayServerOptions {
  port: number;
  gateway: Gateway;
  /** A request the gateway itself failed on (a bug, never the caller's fault): logged, answered 500. */
  onError?: (err: unknown) => void;
}

/** API Gateway's limit on the request line plus headers; a larger request is refused before anything runs. */
const MAX_HEADER_BYTES = 10_240;

export async function startGatewayServer(options: GatewayServerOptions): Promise<GatewayServer> {
  const server = http.createServer({ maxHeaderSize: MAX_HEADER_BYTES }, (req, res) => {
    respond(req, res, options).catch((err: unknown) => {
      options.onError?.(err);
      res.destroy();
    });
  });
  // Malformed HTTP (a bad request line, oversized headers) is answered here and the socket closed; the server stays up.
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return socket.destroy();
    const status = err.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
    socket.end(
      `HTTP/1.1 ${status}\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n{"message":"${status.slice(4)}"}`,
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function respond(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  options: GatewayServerOptions,
): Promise<void> {
  let answer: GatewayAnswer;
  try {
    answer = await options.gateway(await readRequest(req));
  } catch (err) {
    options.onError?.(err);
    answer = json(500, '{"message":"Internal server error"}');
  }
  if (res.destroyed) return;
  res.writeHead(answer.statusCode, answer.headers);
  res.end(answer.body);
}

function json(statusCode: number, body: string): GatewayAnswer {
  return { statusCode, headers: { 'Content-Type': 'application/json' }, body };
}
