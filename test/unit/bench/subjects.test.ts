// loadShipped: a fresh module instance per environment, the environment restored; validate: accept good, refuse bad.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadShipped, validate } from '../../../bench/subjects';

// A stand-in artifact: reads its environment at load, like the shipped handler, and says what it read.
const MODULE = `const level = process.env.LOG_LEVEL; const options = process.env.NODE_OPTIONS;
let warmed = false;
exports.whenWarm = async () => { warmed = true; };
exports.handler = async () => ({ principalId: 'user-0', level, options, warmed });`;

describe('loadShipped', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'subjects-'));
    await writeFile(path.join(dir, 'handler.js'), MODULE);
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('loads a fresh instance with the shipped variables and the overrides, then restores process.env', async () => {
    const shipped = {
      file: path.join(dir, 'handler.js'),
      exportName: 'handler',
      bytes: 0,
      environment: { LOG_LEVEL: 'info', NODE_OPTIONS: '--enable-source-maps', BENCH_ONLY_VAR: 'x' },
      memorySize: 512,
      reused: false,
    };
    const before = { ...process.env };

    const info = await loadShipped(shipped, {});
    // Under node, deleting require.cache gives the fresh instance; jest keeps its own registry, reset here.
    jest.resetModules();
    const warn = await loadShipped(shipped, { LOG_LEVEL: 'warn' });

    const event = { type: 'TOKEN' as const, authorizationToken: 'Bearer x', methodArn: 'arn' };
    expect(await info(event)).toEqual({ principalId: 'user-0', level: 'info', options: undefined, warmed: true });
    expect(await warn(event)).toMatchObject({ level: 'warn' });
    expect(process.env).toEqual(before);
  });

  it('refuses an artifact without the named export', async () => {
    const shipped = {
      file: path.join(dir, 'handler.js'),
      exportName: 'main',
      bytes: 0,
      environment: {},
      memorySize: 1,
      reused: false,
    };

    await expect(loadShipped(shipped, {})).rejects.toThrow(/exports no function main/);
  });
});

describe('validate', () => {
  const good = 'good';
  const answer = async (t: string) => {
    if (t !== good) throw new Error('Unauthorized');
    return { principalId: 'user-0', policyDocument: { Statement: [] } };
  };

  it('passes a subject that accepts the good token and refuses the tampered one', async () => {
    await expect(validate('subject', answer, good, 'bad')).resolves.toBeUndefined();
  });

  it('fails a subject that accepts the tampered token, names another principal or answers no policy', async () => {
    await expect(validate('lax', async () => answer(good), good, 'bad')).rejects.toThrow(/lax did not reject/);
    await expect(validate('other', async () => ({ principalId: 'x' }), good, 'bad')).rejects.toThrow(/did not accept/);
    await expect(validate('bare', async () => ({ principalId: 'user-0' }), good, 'bad')).rejects.toThrow(
      /no policy document/,
    );
  });
});
