// Every attack case by direct invocation of a real authorizer (real JWKS, counting attacker server), a subset via authorizer/handler.ts.
import { startAttackWorld, type AttackWorld } from './attack-world';
import type { APIGatewayAuthorizerResult, APIGatewayTokenAuthorizerEvent } from 'aws-lambda';
import { createHarness, type Harness } from '../helpers/authorizer-harness';
import { evaluatePolicy } from '../helpers/iam-evaluator';
import {
  ATTACK_CASES,
  attackAuthConfig,
  validReaderToken,
  type AttackCase,
  type AttackContext,
  type AttackGroup,
} from './attack-cases';
import { eventOf, expectDecision, expectOutcome } from './attack-runner';

type HandlerModule = {
  handler: (event: APIGatewayTokenAuthorizerEvent) => Promise<APIGatewayAuthorizerResult>;
  whenWarm: () => Promise<void>;
};

let world: AttackWorld | undefined;
let h: Harness;

beforeAll(async () => {
  world = await startAttackWorld();
  h = createHarness(attackAuthConfig(world.provider.origin));
  await h.authorizer.warm();
}, 30_000);
afterAll(() => world?.close());

function ctx(nowSeconds = h.clock.nowSeconds()): AttackContext {
  return world!.context(nowSeconds);
}

/** A fresh valid token still gets its Allow: nothing before it broke or stalled the authorizer. */
async function expectValidStillAllowed(
  run: (event: APIGatewayTokenAuthorizerEvent) => Promise<unknown>,
  context: AttackContext,
): Promise<void> {
  const event = eventOf(context, { authorization: `Bearer ${validReaderToken(context)}` });
  const started = performance.now();
  const result = (await run(event)) as APIGatewayAuthorizerResult;
  expect(result).toMatchObject({ principalId: 'cognito-user-1' });
  expect(evaluatePolicy(result.policyDocument as never, event.methodArn)).toBe('Allow');
  expect(performance.now() - started).toBeLessThan(1_000);
}

const GROUPS: readonly AttackGroup[] = [
  'alg-none',
  'alg-confusion',
  'alg-header',
  'key-alg-binding',
  'psychic-ecdsa',
  'signature',
  'tamper',
  'duplicate-header',
  'key-injection',
  'kid-injection',
  'published-keys',
  'crit',
  'time',
  'issuer',
  'tenant',
  'audience',
  'claims',
  'id-token',
  'scope',
  'path-variants',
  'cache-order',
  'oversized',
  'header-format',
  'structure',
];

describe('the attack table', () => {
  it('has unique ids, covers every group, and holds at least 300 cases', () => {
    const ids = ATTACK_CASES.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...new Set(ATTACK_CASES.map((c) => c.group))].sort()).toEqual([...GROUPS].sort());
    expect(ATTACK_CASES.length).toBeGreaterThanOrEqual(300);
  });
});

describe('attack cases, direct invocation', () => {
  it.each(ATTACK_CASES.map((c) => [`${c.id}: ${c.description}`, c] as const))('%s', async (_title, c) => {
    const context = ctx();
    const event = eventOf(context, c.build(context));
    const before = h.decisions().length;
    const result = await h.run(event);
    expectOutcome(c, result, event.methodArn);
    const lines = h.decisions().slice(before);
    expect(lines).toHaveLength(1);
    expectDecision(c, lines[0]);
    expect(world!.attacker.hits()).toBe(0);
    if (c.group === 'oversized') await expectValidStillAllowed(h.run, context);
  });

  it('answers a valid request at once right after the 64 KB and 10,000-deep inputs, back to back', async () => {
    const context = ctx();
    const heavy = ATTACK_CASES.filter((c) => c.oversizedHeader);
    expect(heavy.length).toBeGreaterThanOrEqual(4);
    const events = heavy.map((c) => eventOf(context, c.build(context)));
    const started = performance.now();
    for (let round = 0; round < 20; round++) {
      for (const event of events) expect(await h.run(event)).toHaveProperty('message', 'Unauthorized');
    }
    // 80 oversized inputs are refused before any decoding, in well under a second.
    expect(performance.now() - started).toBeLessThan(2_000);
    await expectValidStillAllowed(h.run, context);
  });

  it('never contacted the attacker server, across the whole table', () => {
    expect(world!.attacker.hits()).toBe(0);
    // ...while the provider's own JWKS and discovery document were read.
    expect(world!.provider.hits('/jwks.json')).toBeGreaterThanOrEqual(2);
  });
});

describe("the cache-order cases through a model of API Gateway's result cache", () => {
  // Keyed by the identity source alone and reused for every method and path, as API Gateway does.
  function gateway() {
    const cache = new Map<string, APIGatewayAuthorizerResult>();
    let invocations = 0;
    return {
      get invocations() {
        return invocations;
      },
      async request(authorization: string, verb: string, path: string): Promise<200 | 401 | 403> {
        const context = ctx();
        const methodArn = context.methodArn(verb, path);
        let result = cache.get(authorization);
        if (!result) {
          invocations++;
          const answer = await h.run({ type: 'TOKEN', authorizationToken: authorization, methodArn });
          if (answer instanceof Error) return 401;
          result = answer;
          cache.set(authorization, result);
        }
        return evaluatePolicy(result.policyDocument as never, methodArn) === 'Allow' ? 200 : 403;
      },
    };
  }

  const READER_EXPECTATIONS: Array<[string, string, 200 | 403]> = [
    ['GET', '/comments', 200],
    ['POST', '/comments', 403],
    ['GET', '/comments/7', 200],
    ['DELETE', '/comments/7', 403],
    ['GET', '/me', 200],
    ['GET', '/comments/7/secret', 403],
  ];

  it.each([
    ['permitted route first', READER_EXPECTATIONS],
    ['forbidden route first', [...READER_EXPECTATIONS].reverse()],
  ])(
    'a reader token, %s: one invocation, every later route answered correctly from the cache',
    async (_order, sequence) => {
      const context = ctx();
      const authorization = `Bearer ${validReaderToken(context)}`;
      const gw = gateway();
      const answers = [];
      for (const [verb, path] of sequence) answers.push([verb, path, await gw.request(authorization, verb, path)]);
      expect(answers).toEqual(sequence);
      expect(gw.invocations).toBe(1);
    },
  );

  it('returns the same document whichever route triggered it', async () => {
    const context = ctx();
    const token = validReaderToken(context);
    const documents = [];
    for (const [verb, path] of READER_EXPECTATIONS) {
      const result = (await h.run(
        eventOf(context, { authorization: `Bearer ${token}`, methodArn: context.methodArn(verb, path) }),
      )) as APIGatewayAuthorizerResult;
      documents.push(result.policyDocument);
    }
    for (const document of documents) expect(document).toEqual(documents[0]);
  });
});

describe('a representative subset through authorizer/handler.ts', () => {
  const savedEnv = { ...process.env };
  let stdout: jest.SpyInstance;
  let mod: HandlerModule | undefined;

  // One case per group, plus the headline attacks.
  const HEADLINE = new Set([
    'alg-none/nOnE-signed',
    'alg-confusion/HS256-pem-newline',
    'alg-confusion/HS512-modulus-bytes',
    'psychic-ecdsa/r-s-zero',
    'key-injection/all-four-provider-kid',
    'key-injection/jku-attacker-kid',
    'duplicate-header/alg-none-then-rs256',
    'kid-injection/path-traversal',
    'scope/scope-comma-joined',
    'cache-order/reader-forbidden-then-permitted',
    'oversized/token-64kb-signed',
    'oversized/payload-nested-10000-arrays',
    'oversized/payload-deepest-fit-forged',
  ]);
  const SUBSET: AttackCase[] = ATTACK_CASES.filter(
    (c, i, all) =>
      !c.exactClock && (HEADLINE.has(c.id) || all.findIndex((o) => o.group === c.group && !o.exactClock) === i),
  );

  beforeAll(async () => {
    // The handler logs JSON lines to stdout; keep them for the assertions instead of the test output.
    stdout = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    process.env.AUTH_CONFIG = JSON.stringify(attackAuthConfig(world!.provider.origin));
    process.env.LOG_LEVEL = 'info';
    jest.isolateModules(() => {
      // A fresh module: the handler reads AUTH_CONFIG once, at load, as Lambda does on a cold start.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      mod = require('../../authorizer/handler') as HandlerModule;
    });
    await mod!.whenWarm();
  });
  afterAll(() => {
    stdout?.mockRestore();
    process.env = { ...savedEnv };
  });

  function decisionsSince(call: number): Array<Record<string, unknown>> {
    return stdout.mock.calls
      .slice(call)
      .flatMap((c) => String(c[0]).split('\n'))
      .filter((line) => line.includes('"authorizer decision"'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  }

  it('covers every group', () => {
    expect(new Set(SUBSET.map((c) => c.group)).size).toBe(GROUPS.length);
  });

  it.each(SUBSET.map((c) => [`${c.id}: ${c.description}`, c] as const))('%s', async (_title, c) => {
    // The handler runs on the wall clock, so the tokens are built against it.
    const context = ctx(Math.floor(Date.now() / 1000));
    const event = eventOf(context, c.build(context));
    const call = stdout.mock.calls.length;
    const result = await mod!.handler(event).catch((err: unknown) => err);
    expectOutcome(c, result, event.methodArn);
    const lines = decisionsSince(call);
    expect(lines).toHaveLength(1);
    expectDecision(c, lines[0]);
    if (c.group === 'oversized') await expectValidStillAllowed((e) => mod!.handler(e), context);
    expect(world!.attacker.hits()).toBe(0);
  });
});
