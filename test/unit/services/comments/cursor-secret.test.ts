// loadCursorSecret: the CURSOR_SECRET value path, the Secrets Manager path with an injected client (fetched once per
// cold start, retried after a failure), and every configuration mistake as an EnvError naming the variable.
import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { loadCursorSecret, type SecretsClient } from '../../../../services/comments/cursor-secret';
import { SecretUnavailableError } from '../../../../services/comments/errors';
import { EnvError } from '../../../../shared/errors';
import { caught, rejectionOf } from '../../../helpers/caught';

const ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:comments-api-dev-CursorSecret-AbCdEf';
const SECRET = 'a-cursor-secret-from-secrets-manager-0001';

/** A fake client: answers each send with the next outcome (a value, or an error to throw). */
function fakeClient(...outcomes: Array<{ SecretString?: string } | Error>) {
  const send = jest.fn(async (command: GetSecretValueCommand) => {
    void command;
    const next = outcomes.length > 1 ? outcomes.shift() : outcomes[0];
    if (next instanceof Error) throw next;
    return next ?? {};
  });
  return { client: { send } satisfies SecretsClient, send };
}

describe('loadCursorSecret with CURSOR_SECRET (local stack, tests)', () => {
  it('resolves the value, trimmed, without any client', async () => {
    const { client, send } = fakeClient({ SecretString: 'unused' });
    const source = loadCursorSecret({ CURSOR_SECRET: `  ${SECRET}  ` }, { secretsManager: client });
    await expect(source()).resolves.toBe(SECRET);
    expect(send).not.toHaveBeenCalled();
  });

  it.each([
    ['a short CURSOR_SECRET', { CURSOR_SECRET: 'short' }, 'CURSOR_SECRET', /must be at least 32 characters/],
    ['neither variable', {}, 'CURSOR_SECRET', /is not set \(on AWS, set CURSOR_SECRET_ARN/],
    ['blank values', { CURSOR_SECRET: ' ', CURSOR_SECRET_ARN: '' }, 'CURSOR_SECRET', /is not set/],
    ['both variables', { CURSOR_SECRET: SECRET, CURSOR_SECRET_ARN: ARN }, 'CURSOR_SECRET', /both set; set only one/],
    [
      'a secret name instead of an ARN',
      { CURSOR_SECRET_ARN: 'CursorSecret' },
      'CURSOR_SECRET_ARN',
      /Secrets Manager secret ARN/,
    ],
    [
      'an ARN of another service',
      { CURSOR_SECRET_ARN: 'arn:aws:ssm:eu-west-1:123456789012:parameter/x' },
      'CURSOR_SECRET_ARN',
      /secret ARN/,
    ],
  ])('throws EnvError at load for %s', (_label, env, variable, problem) => {
    const err = caught(EnvError, () => loadCursorSecret(env, { secretsManager: fakeClient().client }));
    expect(err.code).toBe('invalid_env');
    expect(err.variable).toBe(variable);
    expect(err.message).toMatch(problem);
    expect(err.message.startsWith(`environment variable ${variable} `)).toBe(true);
  });
});

describe('loadCursorSecret with CURSOR_SECRET_ARN (AWS)', () => {
  it('fetches nothing at load, then the secret once per cold start, by its ARN', async () => {
    // Prepare
    const { client, send } = fakeClient({ SecretString: SECRET });
    const source = loadCursorSecret({ CURSOR_SECRET_ARN: ARN }, { secretsManager: client });
    expect(send).not.toHaveBeenCalled();

    // Act
    const values = [await source(), await source(), await source()];

    // Assess
    expect(values).toEqual([SECRET, SECRET, SECRET]);
    expect(send).toHaveBeenCalledTimes(1);
    const command = send.mock.calls[0]?.[0];
    expect(command).toBeInstanceOf(GetSecretValueCommand);
    expect(command?.input).toEqual({ SecretId: ARN });
  });

  it('shares one fetch between concurrent first calls', async () => {
    const { client, send } = fakeClient({ SecretString: SECRET });
    const source = loadCursorSecret({ CURSOR_SECRET_ARN: ARN }, { secretsManager: client });
    await expect(Promise.all([source(), source(), source()])).resolves.toEqual([SECRET, SECRET, SECRET]);
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('turns a Secrets Manager failure into SecretUnavailableError, then retries on the next call', async () => {
    // Prepare: the first call fails as the SDK reports a throttled or denied call, the second succeeds.
    const denied = Object.assign(new Error('User is not authorized to perform: secretsmanager:GetSecretValue'), {
      name: 'AccessDeniedException',
    });
    const { client, send } = fakeClient(denied, { SecretString: SECRET });
    const source = loadCursorSecret({ CURSOR_SECRET_ARN: ARN }, { secretsManager: client });

    // Act
    const failure = await rejectionOf(source());
    const recovered = await source();

    // Assess
    expect(failure).toBeInstanceOf(SecretUnavailableError);
    expect(failure).toMatchObject({ code: 'secret_unavailable', cause: denied });
    expect((failure as Error).message).toBe(`GetSecretValue ${ARN} failed: AccessDeniedException`);
    expect(recovered).toBe(SECRET);
    expect(send).toHaveBeenCalledTimes(2);
  });

  it.each([
    ['shorter than 32 characters', { SecretString: 'too-short' }, /names a secret shorter than 32 characters/],
    ['binary (no SecretString)', {}, /names a secret without a SecretString/],
  ])(
    'rejects a secret that is %s with EnvError naming CURSOR_SECRET_ARN, never its value',
    async (_label, output, problem) => {
      const { client } = fakeClient(output);
      const err = await rejectionOf(loadCursorSecret({ CURSOR_SECRET_ARN: ARN }, { secretsManager: client })());
      expect(err).toBeInstanceOf(EnvError);
      expect(err).toMatchObject({ code: 'invalid_env', variable: 'CURSOR_SECRET_ARN' });
      expect((err as Error).message).toMatch(problem);
      expect((err as Error).message).not.toContain('too-short');
    },
  );

  it('never leaves a rejected promise behind when no request asks for the secret', async () => {
    // Prepare: a client that would fail, and a listener for what Node would report as a crash.
    const unhandled = jest.fn();
    process.on('unhandledRejection', unhandled);
    try {
      const { send } = fakeClient(new Error('unreachable'));
      loadCursorSecret({ CURSOR_SECRET_ARN: ARN }, { secretsManager: { send } });

      // Act: let any stray promise settle.
      await new Promise((resolve) => setImmediate(resolve));

      // Assess
      expect(send).not.toHaveBeenCalled();
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off('unhandledRejection', unhandled);
    }
  });
});
