// authorizer/handler.ts as Lambda loads it: AUTH_CONFIG read at module load, keys pre-warmed, exact Unauthorized.
import type { APIGatewayAuthorizerResult, APIGatewayTokenAuthorizerEvent } from 'aws-lambda';
import { COGNITO_CLIENT, testConfig } from '../../helpers/config';
import { bearerEvent, tokenEvent } from '../../helpers/events';
import { evaluatePolicy } from '../../helpers/iam-evaluator';
import { startJwksServer, type JwksServer } from '../../helpers/jwks-server';
import { createRsaKey, type TestKey } from '../../helpers/keys';
import { signToken } from '../../helpers/tokens';

type HandlerModule = {
  handler: (event: APIGatewayTokenAuthorizerEvent) => Promise<APIGatewayAuthorizerResult>;
  whenWarm: () => Promise<void>;
};

let server: JwksServer;
let key: TestKey;
const savedEnv = { ...process.env };
let stdout: jest.SpyInstance;

beforeAll(async () => {
  key = createRsaKey('handler-key');
  server = await startJwksServer([key.jwk]);
});
afterAll(() => server.close());
beforeEach(() => {
  // The handler logs JSON lines to stdout; keep them for assertions instead of the test output.
  stdout = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
});
afterEach(() => {
  stdout.mockRestore();
  process.env = { ...savedEnv };
});

function loadHandler(authConfig: string | undefined): HandlerModule {
  process.env.LOG_LEVEL = 'info';
  if (authConfig === undefined) delete process.env.AUTH_CONFIG;
  else process.env.AUTH_CONFIG = authConfig;
  let mod: HandlerModule | undefined;
  jest.isolateModules(() => {
    // A fresh module per test: the handler reads AUTH_CONFIG once, at load, as Lambda does on a cold start.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    mod = require('../../../authorizer/handler') as HandlerModule;
  });
  return mod as HandlerModule;
}

function loggedLines(): string {
  return stdout.mock.calls.map((c) => String(c[0])).join('');
}

describe('authorizer/handler', () => {
  it('pre-warms the JWKS at load and allows a valid token', async () => {
    const before = server.hits('/jwks.json');
    const { handler, whenWarm } = loadHandler(JSON.stringify(testConfig(server.origin)));
    await whenWarm();
    // Both test providers publish keys here (the OIDC one found through discovery): one fetch each, at load.
    const afterWarm = server.hits('/jwks.json');
    expect(afterWarm - before).toBe(2);
    const now = Math.floor(Date.now() / 1000);
    const token = signToken(key, {
      iss: `${server.origin}/eu-west-1_TestPool`,
      sub: 'u-1',
      token_use: 'access',
      client_id: COGNITO_CLIENT,
      'cognito:groups': ['readers'],
      iat: now,
      exp: now + 300,
    });
    const result = await handler(bearerEvent(token));
    expect(result.principalId).toBe('u-1');
    expect(evaluatePolicy(result.policyDocument as never, bearerEvent(token).methodArn)).toBe('Allow');
    expect(server.hits('/jwks.json')).toBe(afterWarm);
    expect(loggedLines()).toContain('"outcome":"allow"');
    expect(loggedLines()).not.toContain(token.split('.')[2]);
  });

  it('throws exactly Error("Unauthorized") for an invalid token', async () => {
    const { handler, whenWarm } = loadHandler(JSON.stringify(testConfig(server.origin)));
    await whenWarm();
    await expect(handler(tokenEvent('Bearer a.b.c'))).rejects.toThrow(new Error('Unauthorized'));
    await expect(handler(tokenEvent(''))).rejects.toThrow(new Error('Unauthorized'));
  });

  it('stops at load on a bad AUTH_CONFIG, naming the key, and logs it', () => {
    const bad = testConfig(server.origin);
    const doc = { ...bad, providers: [{ ...bad.providers[1], issuer: 'http://idp.example.com' }] };
    // isolateModules loads a fresh copy of errors.ts, so compare the stable name and code, not the class.
    expect(() => loadHandler(JSON.stringify(doc))).toThrow(
      expect.objectContaining({ name: 'ConfigError', code: 'invalid_config' }),
    );
    expect(() => loadHandler(JSON.stringify(doc))).toThrow(/AUTH_CONFIG providers\[0\]\.issuer: must be https/);
    expect(() => loadHandler(undefined)).toThrow(/AUTH_CONFIG is not set/);
    expect(loggedLines()).toContain('authorizer init failed');
  });

  it('refuses loopback http key sources at load unless AUTH_ALLOW_INSECURE_LOOPBACK=true (as on Lambda)', () => {
    // Prepare: the variable setup-env sets for the test servers, removed as on a deployed function.
    delete process.env.AUTH_ALLOW_INSECURE_LOOPBACK;

    // Act + Assess
    expect(() => loadHandler(JSON.stringify(testConfig(server.origin)))).toThrow(
      /AUTH_CONFIG providers\[0\]\.issuer: must be https: .*AUTH_ALLOW_INSECURE_LOOPBACK=true/,
    );
  });

  it('logs, without crashing, when the pre-warm cannot reach the key source', async () => {
    const doc = testConfig(server.origin, {});
    const unreachable = { ...doc, providers: [{ ...doc.providers[0], jwksUri: 'http://127.0.0.1:1/jwks.json' }] };
    const { whenWarm } = loadHandler(JSON.stringify(unreachable));
    await whenWarm();
    expect(loggedLines()).toContain('key prewarm failed');
  });
});
