// A backend that crashes, answers garbage or hangs gets API Gateway's 502/504, and the gateway keeps serving.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { createGateway } from '../../../../scripts/gateway/gateway';
import type { Invocation } from '../../../../scripts/gateway/lambda-client';
import { gatewayModelOf } from '../../../../scripts/gateway/model/read-template';
import { startGatewayServer, type GatewayServer } from '../../../../scripts/gateway/server';

const model = gatewayModelOf(
  JSON.parse(readFileSync(path.resolve(__dirname, '../../../fixtures/gateway/packaged-template.json'), 'utf8')),
);
const ALLOW = {
  principalId: 'user-1',
  policyDocument: {
    Version: '2012-10-17',
    Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: [`${model.api.methodArnPrefix}/*`] }],
  },
};

/** What the backend does on its next call; the authorizer always allows. */
let backend: () => Promise<Invocation> = async () => ({ kind: 'ok', payload: { statusCode: 200, body: '{}' } });
const lambda = {
  invoke: (name: string): Promise<Invocation> =>
    name.endsWith('-authorizer') ? Promise.resolve({ kind: 'ok', payload: ALLOW }) : backend(),
  close() {},
};

let server: GatewayServer;
beforeAll(async () => {
  server = await startGatewayServer({ port: 0, gateway: createGateway({ model, lambda }) });
});
afterAll(() => server.close());

function rawStatus(requestPath: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const url = new URL(server.url);
    const req = http.request(
      { host: url.hostname, port: url.port, path: requestPath, headers: { Authorization: 'Bearer a.b.c' } },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

const get = (p = '/me') => fetch(`${server.url}${p}`, { headers: { Authorization: 'Bearer a.b.c' } });

describe('integration failures', () => {
  it.each<[string, () => Promise<Invocation>, number, string]>([
    [
      'a function that throws',
      async () => ({ kind: 'error', errorMessage: 'boom', errorType: 'Error' }),
      502,
      '{"message": "Internal server error"}',
    ],
    [
      'a malformed proxy result',
      async () => ({ kind: 'ok', payload: { body: {} } }),
      502,
      '{"message": "Internal server error"}',
    ],
    [
      'no answer within the integration timeout',
      async () => ({ kind: 'timeout' }),
      504,
      '{"error":"internal","message":"Internal server error"}',
    ],
    [
      'a header HTTP cannot carry',
      async () => ({ kind: 'ok', payload: { statusCode: 200, headers: { 'X-A': 'a\nb' }, body: '{}' } }),
      502,
      '{"message": "Internal server error"}',
    ],
    [
      'a header name with a space',
      async () => ({ kind: 'ok', payload: { statusCode: 200, headers: { 'bad name': 'x' }, body: '{}' } }),
      502,
      '{"message": "Internal server error"}',
    ],
  ])('%s → %i, and the next request is served', async (_label, failure, status, body) => {
    // Prepare
    backend = failure;

    // Act
    const failed = await get();
    const failedBody = await failed.text();
    backend = async () => ({ kind: 'ok', payload: { statusCode: 200, body: '{"ok":true}' } });
    const next = await get();

    // Assess
    expect([failed.status, failedBody]).toEqual([status, body]);
    expect(failed.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    expect([next.status, await next.text()]).toEqual([200, '{"ok":true}']);
  });

  it('routes the raw path (no "//" or ".." folding) and refuses a method ARN over 1,600 bytes with 414', async () => {
    // node:http sends the path as given; fetch would normalise it before it left the client.
    const doubled = await rawStatus('//me');
    const dotted = await rawStatus('/comments/../me');
    const long = await get(`/comments/${'x'.repeat(1_700)}`);
    expect([doubled, dotted, long.status]).toEqual([404, 404, 414]);
    expect((await get()).status).toBe(200);
  });

  it("refuses a body over 10 MB with the REQUEST_TOO_LARGE response (the template's DEFAULT_4XX), calling nothing", async () => {
    // Prepare
    let calls = 0;
    backend = async () => {
      calls += 1;
      return { kind: 'ok', payload: { statusCode: 200, body: '{}' } };
    };

    // Act
    const tooLarge = await fetch(`${server.url}/comments`, {
      method: 'POST',
      headers: { Authorization: 'Bearer a.b.c', 'Content-Type': 'application/json' },
      body: Buffer.alloc(10 * 1024 * 1024 + 1, 0x20),
    });

    // Assess
    expect(tooLarge.status).toBe(413);
    expect(await tooLarge.json()).toEqual({ error: 'bad_request', message: 'Request Too Long' });
    expect(tooLarge.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:5180');
    expect(calls).toBe(0);
    expect((await get()).status).toBe(200);
  });

  it('answers a request line it cannot parse and oversized headers without going down', async () => {
    // Act
    const huge = await fetch(`${server.url}/me`, {
      headers: { Authorization: 'Bearer a.b.c', 'X-Big': 'x'.repeat(12_000) },
    });
    const after = await get();

    // Assess
    expect(huge.status).toBe(431);
    expect(after.status).toBe(200);
  });
});
