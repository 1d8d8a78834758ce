// The logger: one JSON object per line, level filtering, base fields, and the pre-serialized `line` of hot paths.
import { createLogger, logLevelFrom, type LoggerOptions } from '../../../shared/logger';

const NOW = Date.UTC(2026, 11, 2, 1, 30, 0, 5);

function capture(options: LoggerOptions = {}) {
  const lines: string[] = [];
  let clock = NOW;
  const logger = createLogger({ sink: (l) => lines.push(l), now: () => clock, ...options });
  return { lines, logger, parsed: () => lines.map((l) => JSON.parse(l)), setClock: (ms: number) => (clock = ms) };
}

describe('createLogger', () => {
  it('writes level, time, message, the base fields and the line fields, in that order', () => {
    // Prepare
    const { logger, parsed } = capture({ base: { service: 'authorizer' } });

    // Act
    logger.info('hello', { a: 1 });

    // Assess
    expect(parsed()).toEqual([
      { level: 'info', time: new Date(NOW).toISOString(), message: 'hello', service: 'authorizer', a: 1 },
    ]);
    expect(Object.keys(parsed()[0])).toEqual(['level', 'time', 'message', 'service', 'a']);
  });

  it('filters by level, and a child adds its fields to every line', () => {
    // Prepare
    const { logger, parsed } = capture({ level: 'warn', base: { service: 's' } });

    // Act
    logger.info('dropped');
    logger.child({ requestId: 'r' }).warn('kept');

    // Assess
    expect(parsed()).toEqual([expect.objectContaining({ message: 'kept', service: 's', requestId: 'r' })]);
    expect([logger.enabled('info'), logger.enabled('error')]).toEqual([false, true]);
  });

  it('a new millisecond gets a new time; the same one reuses it', () => {
    // Prepare
    const { logger, parsed, setClock } = capture();

    // Act
    logger.info('a');
    logger.info('b');
    setClock(NOW + 1);
    logger.info('c');

    // Assess
    expect(parsed().map((l) => l.time)).toEqual([
      new Date(NOW).toISOString(),
      new Date(NOW).toISOString(),
      new Date(NOW + 1).toISOString(),
    ]);
  });

  it('throws for a clock that gives no date, as toISOString does', () => {
    // Prepare
    const { logger } = capture({ now: () => NaN });

    // Act / Assess
    expect(() => logger.info('x')).toThrow(RangeError);
  });
});

describe('Logger.line', () => {
  it('writes what info() would write for the same fields, at the given time', () => {
    // Prepare
    const { logger, lines } = capture({ base: { service: 'authorizer', region: 'eu "west"' } });
    const fields = { principalId: 'a"b\\c\u0001', n: 1.5, nested: { x: [1] } };

    // Act
    logger.line?.('info', 'authorizer decision', JSON.stringify(fields).slice(1, -1), NOW + 7);
    logger.info('authorizer decision', fields);

    // Assess: the same text, but for the time given to line().
    expect(lines[0]).toBe((lines[1] as string).replace(new Date(NOW).toISOString(), new Date(NOW + 7).toISOString()));
  });

  it('writes a valid line with no base fields, no members, or neither', () => {
    // Prepare
    const bare = capture();
    const based = capture({ base: { service: 's' } });

    // Act
    bare.logger.line?.('warn', 'm', '', NOW);
    bare.logger.line?.('warn', 'm', '"a":1', NOW);
    based.logger.line?.('warn', 'other', '', NOW);

    // Assess
    const time = new Date(NOW).toISOString();
    expect(bare.parsed()).toEqual([
      { level: 'warn', time, message: 'm' },
      { level: 'warn', time, message: 'm', a: 1 },
    ]);
    expect(based.parsed()).toEqual([{ level: 'warn', time, message: 'other', service: 's' }]);
  });

  it('a member repeating a base field parses to the member, as the field does in info()', () => {
    // Prepare
    const { logger, parsed } = capture({ base: { provider: 'base' } });

    // Act
    logger.line?.('info', 'm', '"provider":"member"', NOW);
    logger.info('m', { provider: 'member' });

    // Assess
    expect(parsed()[0]).toEqual(parsed()[1]);
  });

  it('serializes each new message, and writes nothing below the level or at a level outside the list', () => {
    // Prepare
    const { logger, parsed } = capture({ level: 'info' });

    // Act
    logger.line?.('debug', 'dropped', '', NOW);
    logger.line?.('nonsense' as 'info', 'dropped', '', NOW);
    logger.line?.('info', 'first "quoted"', '', NOW);
    logger.line?.('error', 'second', '', NOW);

    // Assess
    expect(parsed().map((l) => [l.level, l.message])).toEqual([
      ['info', 'first "quoted"'],
      ['error', 'second'],
    ]);
  });
});

describe('logLevelFrom', () => {
  it('reads LOG_LEVEL in any case and falls back to info', () => {
    expect([logLevelFrom({ LOG_LEVEL: 'WARN' }), logLevelFrom({ LOG_LEVEL: 'loud' }), logLevelFrom({})]).toEqual([
      'warn',
      'info',
      'info',
    ]);
  });
});
