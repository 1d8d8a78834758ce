// The warm and cached rows: every in-process subject, interleaved round by round, ours at info (sunk) and at warn.
import jwt from 'jsonwebtoken';
import type { JwksServer } from '../test/helpers/jwks-server';
import type { TestKey } from '../test/helpers/keys';
import { createCommonAuthorizer } from './common-pattern';
import { createFloorAuthorizer } from './floor-authorizer';
import { measureInterleaved, type BenchCase, type CaseStats } from './measure';
import { createPeerAuthorizer } from './peer-aws-jwt-verify';
import { tokenStream, type BenchTokens } from './presign';
import { WARMUP_ROUNDS } from './report';
import type { ShippedAuthorizer } from './shipped-artifact';
import { sinkStdout, type StdoutSink } from './stdout-sink';
import { loadShipped, validate, type Authorize } from './subjects';

export interface BenchSetup {
  key: TestKey;
  server: JwksServer;
  tokens: BenchTokens;
  shipped: ShippedAuthorizer;
  audience: string;
  methodArn: string;
  /** What ours's environment adds to the shipped variables: the bench's AUTH_CONFIG and the loopback opt-in. */
  ourEnv: Record<string, string>;
}

export const WARM_OPS = 1000;
const CACHED_OPS = 20000;

export async function measureWarmRows(setup: BenchSetup, rounds: number): Promise<CaseStats[]> {
  const { key, server, tokens, shipped, audience, methodArn: arn, ourEnv } = setup;
  const sink = sinkStdout();
  try {
    // The shipped level (the template's LOG_LEVEL, info), and logging off; the token cache stays on, as it ships.
    const oursInfo = await loadShipped(shipped, ourEnv);
    const oursWarn = await loadShipped(shipped, { ...ourEnv, LOG_LEVEL: 'warn' });
    await checkLogging(sink, oursInfo, oursWarn, tokens.good, arn);
    const provider = { issuer: server.issuer, audience, jwksUri: server.jwksUri };
    const floor = createFloorAuthorizer({ issuer: server.issuer, audience, jwks: { keys: [key.jwk] } });
    const peer = createPeerAuthorizer(provider);
    await peer.hydrate();
    const common = createCommonAuthorizer(provider);
    const event = (t: string) => ({ type: 'TOKEN' as const, authorizationToken: `Bearer ${t}`, methodArn: arn });
    const subjects: Array<[string, (t: string) => unknown]> = [
      ['floor (node:crypto)', (t) => floor(`Bearer ${t}`, arn)],
      ['peer (aws-jwt-verify)', (t) => peer.authorize(`Bearer ${t}`, arn)],
      ['common pattern (PEM per call)', (t) => common(`Bearer ${t}`, arn)],
      ['ours, warm, info (shipped)', (t) => oursInfo(event(t))],
      ['ours, warm, warn (logging off)', (t) => oursWarn(event(t))],
    ];
    for (const [name, run] of subjects) await validate(name, run, tokens.good, tokens.tampered);
    // Each warm case walks the same never-seen tokens, in its own stream: every token is new to every subject.
    const warmCase = ([name, run]: [string, (t: string) => unknown]): BenchCase => {
      const next = tokenStream(tokens.fresh);
      return { name, ops: WARM_OPS, run: () => run(next()) };
    };
    const jwtAlone = tokenStream(tokens.fresh);
    const jwtOptions = { algorithms: ['RS256' as const], issuer: server.issuer, audience };
    return await measureInterleaved(
      [
        ...subjects.map(warmCase),
        // What any jsonwebtoken-based authorizer pays at least: one jwt.verify with a cached KeyObject, nothing else.
        {
          name: 'jsonwebtoken.verify alone',
          ops: WARM_OPS,
          run: () => jwt.verify(jwtAlone(), key.publicKey, jwtOptions),
        },
        { name: 'ours, cached, info (shipped)', ops: CACHED_OPS, run: () => oursInfo(event(tokens.good)) },
        { name: 'ours, cached, warn (logging off)', ops: CACHED_OPS, run: () => oursWarn(event(tokens.good)) },
      ],
      rounds,
      WARMUP_ROUNDS,
    );
  } finally {
    sink.restore();
  }
}

// At info every answer writes exactly one line (the decision), at warn none: otherwise the rows measure the wrong thing.
export async function checkLogging(
  sink: Pick<StdoutSink, 'writes'>,
  info: Authorize,
  warn: Authorize,
  good: string,
  methodArn: string,
): Promise<void> {
  const event = { type: 'TOKEN' as const, authorizationToken: `Bearer ${good}`, methodArn };
  const levels: Array<[string, Authorize, number]> = [
    ['info', info, 10],
    ['warn', warn, 0],
  ];
  for (const [level, run, expected] of levels) {
    const before = sink.writes();
    for (let i = 0; i < 10; i++) await run(event);
    const lines = sink.writes() - before;
    if (lines !== expected) throw new Error(`ours at ${level} wrote ${lines} lines for 10 decisions, not ${expected}`);
  }
}
