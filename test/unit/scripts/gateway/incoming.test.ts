// readRequest: headers and query strings in their single and multi forms, bodies as text or base64, limits.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readRequest, type GatewayRequest } from '../../../../scripts/gateway/incoming';

/** Sends one real request to a throwaway server and returns what readRequest made of it (or what it threw). */
async function read(send: (port: number) => Promise<unknown>): Promise<GatewayRequest | Error> {
  let result: GatewayRequest | Error = new Error('no request');
  const server = http.createServer((req, res) => {
    readRequest(req)
      .then(
        (r) => (result = r),
        (err: Error) => (result = err),
      )
      .finally(() => res.end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    await send((server.address() as AddressInfo).port).catch(() => undefined);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  return result;
}

describe('readRequest', () => {
  it('keeps repeated headers and query values in the multi maps and the last in the single ones', async () => {
    // Act
    const request = (await read((port) =>
      fetch(`http://127.0.0.1:${port}/comments?limit=5&tag=a&tag=b&__proto__=x`, {
        headers: { 'X-Trace': 'one', 'Content-Type': 'application/json' },
      }),
    )) as GatewayRequest;

    // Assess
    expect(request.path).toBe('/comments');
    expect(request.query).toEqual({ limit: '5', tag: 'b', ['__proto__']: 'x' });
    expect(request.multiValueQuery?.tag).toEqual(['a', 'b']);
    expect(Object.getPrototypeOf(request.query)).toBe(Object.prototype);
    expect(request.headers['x-trace'] ?? request.headers['X-Trace']).toBe('one');
    expect(request.body).toBeNull();
  });

  it('passes a JSON body as text and a binary one as base64', async () => {
    const json = (await read((port) =>
      fetch(`http://127.0.0.1:${port}/`, {
        method: 'POST',
        body: '{"a":1}',
        headers: { 'Content-Type': 'application/json' },
      }),
    )) as GatewayRequest;
    const binary = (await read((port) =>
      fetch(`http://127.0.0.1:${port}/`, {
        method: 'POST',
        body: Buffer.from([0, 255]),
        headers: { 'Content-Type': 'image/png' },
      }),
    )) as GatewayRequest;
    expect([json.body, json.isBase64Encoded]).toEqual(['{"a":1}', false]);
    expect([binary.body, binary.isBase64Encoded]).toEqual(['AP8=', true]);
  });

  it('marks a body over 10 MB as too large and drops it, reading it to its end (so the client gets an answer)', async () => {
    // Act
    let status = 0;
    const result = (await read(async (port) => {
      status = (await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', body: Buffer.alloc(10 * 1024 * 1024 + 1) }))
        .status;
    })) as GatewayRequest;
    const atLimit = (await read((port) =>
      fetch(`http://127.0.0.1:${port}/`, { method: 'POST', body: Buffer.alloc(10 * 1024 * 1024) }),
    )) as GatewayRequest;

    // Assess
    expect([result.tooLarge, result.body]).toEqual([true, null]);
    expect(status).toBe(200);
    expect(atLimit.tooLarge).toBeUndefined();
    expect(atLimit.body).toHaveLength(10 * 1024 * 1024);
  });
});
