// A fake Secrets Manager on 127.0.0.1 (awsJson1_1, GetSecretValue only): the real SDK client talks to it by `endpoint`.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** ok: the stored secret; denied: AccessDeniedException (400); error: InternalServiceError (500, retryable). */
export type FakeSecretsMode = 'ok' | 'denied' | 'error';

export interface FakeSecretsManager {
  endpoint: string;
  /** Every request received: its X-Amz-Target and JSON body. */
  requests: Array<{ target: string | undefined; body: Record<string, unknown> }>;
  /** Stores `value` under `arn`; a secret never stored answers ResourceNotFoundException. */
  setSecret(arn: string, value: string): void;
  setMode(mode: FakeSecretsMode): void;
  close(): Promise<void>;
}

const JSON_TYPE = 'application/x-amz-json-1.1';

export async function startFakeSecretsManager(): Promise<FakeSecretsManager> {
  const secrets = new Map<string, string>();
  const requests: FakeSecretsManager['requests'] = [];
  let mode: FakeSecretsMode = 'ok';

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
      const target = req.headers['x-amz-target'] as string | undefined;
      requests.push({ target, body });
      const answer = (status: number, payload: unknown) => {
        res.writeHead(status, { 'content-type': JSON_TYPE }).end(JSON.stringify(payload));
      };
      if (mode === 'denied') return answer(400, { __type: 'AccessDeniedException', message: 'not authorized' });
      if (mode === 'error') return answer(500, { __type: 'InternalServiceError', message: 'try again' });
      if (target !== 'secretsmanager.GetSecretValue')
        return answer(400, { __type: 'InvalidRequestException', message: 'unsupported' });
      const arn = String(body.SecretId);
      const value = secrets.get(arn);
      if (value === undefined)
        return answer(400, { __type: 'ResourceNotFoundException', message: "can't find the secret" });
      return answer(200, {
        ARN: arn,
        Name: arn.split(':').at(-1),
        VersionId: 'v1',
        SecretString: value,
        VersionStages: ['AWSCURRENT'],
        CreatedDate: 1_800_000_000,
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    setSecret: (arn, value) => void secrets.set(arn, value),
    setMode: (next) => void (mode = next),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
