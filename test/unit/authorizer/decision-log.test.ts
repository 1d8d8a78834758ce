// The decision line, serialized by hand: the same text as the object it replaced, for any facts a decision can carry.
import fc from 'fast-check';
import { DECISION_REASONS, createDecisionLog, type Outcome, type TokenFacts } from '../../../authorizer/decision-log';
import { createLogger, type LogFields, type Logger } from '../../../shared/logger';

const NOW = Date.UTC(2026, 11, 2, 1, 30, 0, 123);
const OUTCOMES: Outcome[] = ['allow', 'deny', 'unauthorized', 'unavailable', 'error'];
const DIRECTIVES = [
  {
    Namespace: 'ApiAuthorizer',
    Dimensions: [['outcome'], ['outcome', 'reason'], ['provider', 'outcome']],
    Metrics: [
      { Name: 'Decisions', Unit: 'Count' },
      { Name: 'DecisionLatency', Unit: 'Milliseconds' },
    ],
  },
];

/** The line as the logger and decision log built it before (a fresh object through JSON.stringify): the oracle. */
function previousLine(facts: TokenFacts, outcome: Outcome, reason: string, latencyMs: number, base: LogFields) {
  const { kid, principalId } = facts;
  const latency = Math.round(latencyMs * 1000) / 1000;
  const fields = {
    ...(principalId !== undefined ? { principalId } : {}),
    outcome,
    reason,
    provider: facts.provider ?? 'none',
    ...(facts.tenant !== undefined ? { tenant: facts.tenant } : {}),
    ...(kid !== undefined
      ? { kid: typeof kid === 'string' && /^[A-Za-z0-9._:-]{1,128}$/.test(kid) ? kid : '(invalid)' }
      : {}),
    latencyMs: latency,
    Decisions: 1,
    DecisionLatency: latency,
    _aws: { Timestamp: NOW, CloudWatchMetrics: DIRECTIVES },
  };
  const level = outcome === 'error' || outcome === 'unavailable' ? 'error' : 'info';
  const time = new Date(NOW).toISOString();
  return JSON.stringify({ level, time, message: 'authorizer decision', ...base, ...fields });
}

function capture(base: LogFields = { service: 'authorizer' }) {
  const lines: string[] = [];
  const logger = createLogger({ sink: (l) => lines.push(l), now: () => NOW, base, level: 'debug' });
  return { lines, log: createDecisionLog({ logger, now: () => NOW, namespace: 'ApiAuthorizer' }) };
}

// Text that can hold anything: quotes, backslashes, control characters, lone surrogates, astral characters.
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('"', '\\', '\u0000', '\n\r\t', '\u2028', '\ud800', 'é', '😀', '</script>', '__proto__'),
);
const kid = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9._:-]{1,12}$/),
  anyText,
  fc.constant('k'.repeat(129)),
  fc.anything(),
);
const facts: fc.Arbitrary<TokenFacts> = fc.record(
  { principalId: anyText, provider: anyText, tenant: anyText, kid },
  { requiredKeys: [] },
);
const latency = fc.oneof(
  fc.double({ min: 0, max: 1e6, noNaN: true }),
  fc.constantFrom(0, 1e-7, -1e-7, 123.4565, NaN, Infinity, 1e21),
);

describe('createDecisionLog', () => {
  it('writes the same line, byte for byte, as the object it replaced (property)', () => {
    // Prepare
    const { lines, log } = capture();
    fc.assert(
      fc.property(
        facts,
        fc.constantFrom(...OUTCOMES),
        fc.constantFrom(...DECISION_REASONS),
        latency,
        (f, outcome, reason, ms) => {
          // Act
          log(f, outcome, reason, ms);

          // Assess: the exact text, and so one valid JSON object with the same keys and values.
          const line = lines.pop() as string;
          expect(line).toBe(previousLine(f, outcome, reason, ms, { service: 'authorizer' }));
          expect(JSON.parse(line)).toEqual(JSON.parse(previousLine(f, outcome, reason, ms, { service: 'authorizer' })));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('reuses the serialized facts of an object it has seen, and serializes new facts afresh', () => {
    // Prepare
    const { lines, log } = capture();
    const entry = { principalId: 'user "1"', provider: 'pool', kid: 'rsa-1' };

    // Act
    log(entry, 'allow', 'ok', 1);
    log(entry, 'deny', 'insufficient_scope', 2);
    log({ ...entry, principalId: 'user-2' }, 'allow', 'ok', 3);

    // Assess
    expect(lines.map((l) => JSON.parse(l).principalId)).toEqual(['user "1"', 'user "1"', 'user-2']);
    expect(JSON.parse(lines[1] as string)).toMatchObject({ outcome: 'deny', reason: 'insufficient_scope' });
  });

  it('names a kid that is no key id "(invalid)", and leaves out what is unknown', () => {
    // Prepare
    const { lines, log } = capture();

    // Act
    log({ kid: 'a b' }, 'unauthorized', 'unknown_kid', 0);
    log({}, 'unauthorized', 'malformed', 0);

    // Assess
    expect(JSON.parse(lines[0] as string)).toMatchObject({ kid: '(invalid)', provider: 'none' });
    expect(Object.keys(JSON.parse(lines[1] as string))).toEqual([
      'level',
      'time',
      'message',
      'service',
      'outcome',
      'reason',
      'provider',
      'latencyMs',
      'Decisions',
      'DecisionLatency',
      '_aws',
    ]);
  });

  it('serializes a value outside the closed lists as JSON, never as raw text', () => {
    // Prepare: what the types forbid, at run time.
    const { lines, log } = capture();

    // Act
    log({}, 'allow' as Outcome, '"}, "x":"' as 'ok', 0);
    log({}, '"y' as Outcome, 'ok', 0);

    // Assess
    expect(JSON.parse(lines[0] as string)).toMatchObject({ reason: '"}, "x":"' });
    expect(JSON.parse(lines[0] as string)).not.toHaveProperty('x');
    expect(JSON.parse(lines[1] as string)).toMatchObject({ outcome: '"y', level: 'info' });
  });

  it('writes nothing when the level is off: info decisions at warn, every decision at a higher level', () => {
    // Prepare
    const lines: string[] = [];
    const logger = createLogger({ sink: (l) => lines.push(l), now: () => NOW, level: 'warn' });
    const log = createDecisionLog({ logger, now: () => NOW, namespace: 'ApiAuthorizer' });

    // Act
    log({ principalId: 'p' }, 'allow', 'ok', 1);
    log({}, 'unavailable', 'jwks_unavailable', 1);

    // Assess: only the error-level decision.
    expect(lines.map((l) => JSON.parse(l).level)).toEqual(['error']);
  });

  it('gives a Logger without `line` the same fields as an object', () => {
    // Prepare: a Logger of someone else's making, as scripts/explain's note logger is.
    const written: Array<[string, LogFields | undefined]> = [];
    const keep = (message: string, fields?: LogFields) => void written.push([message, fields]);
    const plain: Logger = {
      debug: keep,
      info: keep,
      warn: keep,
      error: keep,
      child: () => plain,
      enabled: () => true,
    };
    const log = createDecisionLog({ logger: plain, now: () => NOW, namespace: 'ApiAuthorizer' });
    const f = { principalId: 'p\\"', provider: 'pool', tenant: 't', kid: 'k' };

    // Act
    log(f, 'deny', 'insufficient_scope', 1.23456);

    // Assess
    const { level, time, message, ...fields } = JSON.parse(previousLine(f, 'deny', 'insufficient_scope', 1.23456, {}));
    expect([level, time]).toEqual(['info', new Date(NOW).toISOString()]);
    expect(written).toEqual([[message, fields]]);
  });
});
