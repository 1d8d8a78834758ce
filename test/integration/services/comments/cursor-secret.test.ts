// The cursor secret from Secrets Manager with the real SDK client against a fake endpoint on 127.0.0.1: the injected
// client, and the deployed list handler (default client, CURSOR_SECRET_ARN) including a Secrets Manager outage.
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { loadCursorSecret } from '../../../../services/comments/cursor-secret';
import { SecretUnavailableError } from '../../../../services/comments/errors';
import type { LambdaHttpHandler } from '../../../../shared/http/with-http';
import { deliveredContext } from '../../../helpers/authorizer-output';
import { rejectionOf } from '../../../helpers/caught';
import { createTestTable, type TestTable } from '../../../helpers/dynamo';
import { startFakeSecretsManager, type FakeSecretsManager } from '../../../helpers/fake-secrets-manager';
import { jsonRequest, restEvent } from '../../../helpers/http-events';
import { lambdaContext } from '../../../helpers/lambda-context';

const ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:comments-api-dev-CursorSecret-AbCdEf';
const SECRET = 'generated-by-secrets-manager-0123456789abcdef';
const READER = deliveredContext({ principalId: 'rita', permissions: ['comments:read', 'comments:write'] });

let sm: FakeSecretsManager;
let table: TestTable;
const savedEnv = { ...process.env };

beforeAll(async () => {
  sm = await startFakeSecretsManager();
  sm.setSecret(ARN, SECRET);
  table = await createTestTable();
});
afterAll(async () => {
  await sm.close();
  table.client.destroy();
});
beforeEach(() => {
  sm.requests.length = 0;
  sm.setMode('ok');
});
afterEach(() => {
  process.env = { ...savedEnv };
});

describe('loadCursorSecret with the real SDK client', () => {
  const client = () =>
    new SecretsManagerClient({
      endpoint: sm.endpoint,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      // One attempt, so the failure cases do not wait for the SDK's back-off.
      maxAttempts: 1,
    });

  it('reads the secret with one GetSecretValue call for its ARN', async () => {
    const source = loadCursorSecret({ CURSOR_SECRET_ARN: ARN }, { secretsManager: client() });
    await expect(source()).resolves.toBe(SECRET);
    await expect(source()).resolves.toBe(SECRET);
    expect(sm.requests).toEqual([{ target: 'secretsmanager.GetSecretValue', body: { SecretId: ARN } }]);
  });

  it.each([
    ['an access denial', 'denied', ARN, 'AccessDeniedException'],
    ['a deleted secret', 'ok', `${ARN}-deleted`, 'ResourceNotFoundException'],
    ['a service error', 'error', ARN, 'InternalServiceError'],
  ] as const)('reports %s as SecretUnavailableError naming the SDK error', async (_label, mode, arn, errorName) => {
    sm.setMode(mode);
    const err = await rejectionOf(loadCursorSecret({ CURSOR_SECRET_ARN: arn }, { secretsManager: client() })());
    expect(err).toBeInstanceOf(SecretUnavailableError);
    expect((err as Error).message).toBe(`GetSecretValue ${arn} failed: ${errorName}`);
  });
});

describe('the deployed list handler with CURSOR_SECRET_ARN', () => {
  function loadListHandler(env: Record<string, string | undefined>): LambdaHttpHandler {
    process.env = { ...savedEnv, TABLE_NAME: table.tableName, ...env };
    let handler: LambdaHttpHandler | undefined;
    jest.isolateModules(() => {
      // A fresh module: the handler builds its deps (and its Secrets Manager client) at load, as on a cold start.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      handler = (require('../../../../services/comments/list-comments') as { handler: LambdaHttpHandler }).handler;
    });
    return handler as LambdaHttpHandler;
  }
  const awsEnv = () => ({
    CURSOR_SECRET: undefined,
    CURSOR_SECRET_ARN: ARN,
    // The SDK's service-specific endpoint variable: the handler's own `new SecretsManagerClient({})` goes to the fake.
    AWS_ENDPOINT_URL_SECRETS_MANAGER: sm.endpoint,
    AWS_MAX_ATTEMPTS: '1',
  });
  const list = (handler: LambdaHttpHandler, query: Record<string, string> = {}): Promise<APIGatewayProxyResult> =>
    handler(restEvent({ method: 'GET', path: '/comments', query, authorizer: READER }), lambdaContext());

  beforeAll(async () => {
    // Two comments, so a page of one has a next cursor to sign.
    process.env = { ...savedEnv, TABLE_NAME: table.tableName };
    let create: LambdaHttpHandler | undefined;
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      create = (require('../../../../services/comments/create-comment') as { handler: LambdaHttpHandler }).handler;
    });
    for (const text of ['first', 'second']) {
      const created = await (create as LambdaHttpHandler)(
        restEvent({ ...jsonRequest({ text }), authorizer: READER }),
        lambdaContext(),
      );
      expect(created.statusCode).toBe(201);
    }
  });

  it('fetches the secret on the first request only, and signs cursors with it', async () => {
    // Prepare
    const handler = loadListHandler(awsEnv());
    expect(sm.requests).toHaveLength(0);

    // Act
    const first = await list(handler, { limit: '1' });
    const { nextCursor } = JSON.parse(first.body) as { nextCursor?: string };
    const second = await list(handler, { limit: '1', cursor: nextCursor as string });

    // Assess
    expect([first.statusCode, second.statusCode]).toEqual([200, 200]);
    expect(nextCursor).toEqual(expect.any(String));
    expect(sm.requests).toHaveLength(1);
  });

  it('answers a Secrets Manager outage with a generic 500 for that request, then recovers without a restart', async () => {
    // Prepare: the handler's default logger writes to stdout; capture it.
    const stdout = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const handler = loadListHandler(awsEnv());
    sm.setMode('error');

    // Act
    const during = await list(handler);
    sm.setMode('ok');
    const after = await list(handler);
    const logged = stdout.mock.calls.map((c) => String(c[0])).join('');
    stdout.mockRestore();

    // Assess
    expect(during.statusCode).toBe(500);
    expect(JSON.parse(during.body)).toEqual({ error: 'internal', message: 'Internal server error' });
    expect(during.body).not.toContain(ARN);
    expect(logged).toContain(
      `"error":"SecretUnavailableError","detail":"GetSecretValue ${ARN} failed: InternalServiceError"`,
    );
    expect(logged).not.toContain(SECRET);
    expect(after.statusCode).toBe(200);
    expect(sm.requests).toHaveLength(2);
  });

  it('stops at load, naming the variable, when neither CURSOR_SECRET nor CURSOR_SECRET_ARN is set', () => {
    expect(() => loadListHandler({ CURSOR_SECRET: undefined, CURSOR_SECRET_ARN: undefined })).toThrow(
      expect.objectContaining({ name: 'EnvError', code: 'invalid_env', variable: 'CURSOR_SECRET' }),
    );
  });

  it('leaves the functions that never page without any cursor secret', () => {
    process.env = { ...savedEnv, TABLE_NAME: table.tableName, CURSOR_SECRET: undefined, CURSOR_SECRET_ARN: undefined };
    for (const module of ['get-comment', 'create-comment', 'delete-comment']) {
      jest.isolateModules(() => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        expect(typeof (require(`../../../../services/comments/${module}`) as { handler: unknown }).handler).toBe(
          'function',
        );
      });
    }
  });
});
