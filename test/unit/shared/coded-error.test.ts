// The error base: `name` set once from the class, `code`, `cause` and instanceof; and names that survive minification.
import { buildSync } from 'esbuild';
import { shippedBuildOptions } from '../../../scripts/serverless/esbuild-settings.cjs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { ConfigError, FetchError, KeySourceUnavailableError, TokenRejectedError } from '../../../authorizer/errors';
import { SecretUnavailableError, InvalidCursorError } from '../../../services/comments/errors';
import { InvalidCredentialsError } from '../../../services/auth/cognito-errors';
import { CodedError } from '../../../shared/coded-error';
import { BadRequestError, EnvError, HttpError } from '../../../shared/errors';

const ROOT = path.resolve(__dirname, '..', '..', '..');

/** Every module that defines error classes; a new one belongs here so the minification check covers it. */
const ERROR_MODULES = {
  shared: './shared/errors',
  base: './shared/coded-error',
  authorizer: './authorizer/errors',
  comments: './services/comments/errors',
  auth: './services/auth/cognito-errors',
  failures: './authorizer/failure-facts',
  tokenRequests: './scripts/local/client-credentials',
  gatewayRuntime: './scripts/gateway/runtime/errors',
  gatewayModel: './scripts/gateway/model/errors',
  gatewayIncoming: './scripts/gateway/incoming',
  explain: './scripts/explain/errors',
  playground: './scripts/local/playground/playground-http',
};

type Exports = Record<string, unknown>;

/** Bundles the error modules as serverless.yml does (its shipped esbuild options) and loads the result. */
function loadMinified(): Record<string, Exports> {
  const reexports = Object.entries(ERROR_MODULES).map(([alias, file]) => `export * as ${alias} from '${file}';`);
  // A control with no name literal: proves the bundle really renames classes, so the check below is not vacuous.
  reexports.push('export class ControlError extends Error {}');
  const { outputFiles } = buildSync({
    stdin: { contents: reexports.join('\n'), resolveDir: ROOT, loader: 'ts' },
    ...shippedBuildOptions(),
    write: false,
  });
  const module = { exports: {} as Record<string, Exports> };
  // new Function, not node:vm: the bundle must share this test's realm, so its classes extend the same Error.
  const load = new Function('exports', 'require', 'module', outputFiles[0]?.text ?? '') as (
    exports: unknown,
    require: NodeJS.Require,
    module: unknown,
  ) => void;
  load(module.exports, createRequire(path.join(ROOT, 'package.json')), module);
  return module.exports;
}

const isErrorClass = (value: unknown): value is new (...args: never[]) => Error =>
  typeof value === 'function' && value.prototype instanceof Error;

describe('CodedError', () => {
  it('names each error after its class, so no subclass sets name itself', () => {
    // Prepare
    const errors = [
      new ConfigError('a', 'b'),
      new TokenRejectedError('expired'),
      new InvalidCursorError(),
      new EnvError('X', 'is unset'),
    ];

    // Act
    const names = errors.map((e) => e.name);

    // Assess
    expect(names).toEqual(['ConfigError', 'TokenRejectedError', 'InvalidCursorError', 'EnvError']);
    expect(String(errors[0]?.stack).split('\n')[0]).toBe('ConfigError: AUTH_CONFIG a: b');
  });

  it('keeps the class chain: every project error is a CodedError and still an instance of what it was', () => {
    // Prepare
    const cursor = new InvalidCursorError();
    const credentials = new InvalidCredentialsError();

    // Act
    const chain = [cursor instanceof BadRequestError, cursor instanceof HttpError, credentials instanceof HttpError];

    // Assess
    expect(chain).toEqual([true, true, true]);
    for (const err of [
      cursor,
      credentials,
      new FetchError('u', 'r'),
      new SecretUnavailableError('arn', new Error('x')),
    ]) {
      expect(err).toBeInstanceOf(CodedError);
      expect(err).toBeInstanceOf(Error);
    }
  });

  it('carries the code and passes the cause through', () => {
    // Prepare
    const cause = new Error('ECONNREFUSED');

    // Act
    const unavailable = new KeySourceUnavailableError('https://idp.example.com/jwks', cause);

    // Assess
    expect(unavailable).toMatchObject({ code: 'jwks_unavailable', source: 'https://idp.example.com/jwks', cause });
    expect(unavailable.message).toBe('key source unavailable: https://idp.example.com/jwks');
    expect(new BadRequestError('weak_password', 'too short')).toMatchObject({ statusCode: 400, code: 'weak_password' });
  });
});

describe('error names in a minified bundle (serverless.yml: minify: true)', () => {
  it('keeps every exported error class name, which logs show as `error`', () => {
    // Prepare
    const bundle = loadMinified();

    // Act
    const classes = Object.keys(ERROR_MODULES)
      .flatMap((alias) => Object.entries(bundle[alias] ?? {}))
      .filter((entry): entry is [string, new (...args: never[]) => Error] => isErrorClass(entry[1]));
    const misnamed = classes
      .filter(([exported, cls]) => cls.name !== exported)
      .map(([exported, cls]) => `${exported} is named ${cls.name}`);
    const MinifiedConfigError = bundle.authorizer?.ConfigError as typeof ConfigError;

    // Assess
    expect(classes.length).toBeGreaterThanOrEqual(20);
    expect(misnamed).toEqual([]);
    expect(new MinifiedConfigError('a', 'b').name).toBe('ConfigError');
    // The control class has no literal: minification renamed it, which is why every project error carries one.
    expect((bundle as unknown as Exports).ControlError).toHaveProperty(
      'name',
      expect.not.stringMatching(/^ControlError$/),
    );
  });
});
