// The attack table end to end through the local stack (serverless-offline running authorizer/handler.ts): 401 or 403.
import { startAttackWorld, type AttackWorld } from './attack-world';
import { startStack, type Stack } from '../../scripts/local/stack';
import { apiClient } from '../helpers/api-client';
import {
  ATTACK_CASES,
  attackAuthConfig,
  routeOf,
  validReaderToken,
  type AttackCase,
  type AttackContext,
} from './attack-cases';

// The local stack runs on the wall clock: cases pinned to the second of an injected clock run only directly.
const E2E_CASES = ATTACK_CASES.filter((c) => !c.exactClock);
/** A request the authorizer let through reaches the handler: 200/201, 204, or 404 for an id that does not exist. */
const PASSED = [200, 201, 204, 404];
/** serverless-offline turns any thrown error into 401 (on AWS "KeySourceUnavailable" would be a 5xx). */
const REJECTED = [401];
/** Headers larger than any gateway accepts are refused by the gateway itself (Node's limit locally, 10,240 bytes on AWS). */
const REFUSED_BY_GATEWAY = [400, 401, 431];

let world: AttackWorld | undefined;
let stack: Stack | undefined;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  world = await startAttackWorld();
  // The real routes (stack-config.cjs) and a configuration trusting only the test JWKS server on 127.0.0.1.
  stack = await startStack({
    profile: 'cognito',
    port: 0,
    authConfig: JSON.stringify(attackAuthConfig(world.provider.origin)),
  });
  api = apiClient(stack.url);
}, 120_000);
afterAll(async () => {
  await stack?.stop();
  await world?.close();
}, 60_000);

function ctx(): AttackContext {
  return world!.context(Math.floor(Date.now() / 1000));
}

async function send(authorization: string, verb: string, path: string): Promise<number> {
  const body = verb === 'POST' ? { body: { text: 'from the attack suite' } } : {};
  return (await api(verb, path, { rawAuthorization: authorization, ...body })).status;
}

function statusesFor(c: AttackCase): number[] {
  if (typeof c.expect === 'string') return c.oversizedHeader ? REFUSED_BY_GATEWAY : REJECTED;
  return 'deny' in c.expect ? [403] : PASSED;
}

/** An asymmetric matcher, so a failure reads "status: one of [401]" against the status received. */
function oneOf(statuses: number[]) {
  return {
    $$typeof: Symbol.for('jest.asymmetricMatcher'),
    asymmetricMatch: (status: unknown) => statuses.includes(status as number),
    toAsymmetricMatcher: () => `one of [${statuses.join(', ')}]`,
  };
}

/** Splits "VERB/path" into a request. */
function request(suffix: string): [string, string] {
  const slash = suffix.indexOf('/');
  return [suffix.slice(0, slash), suffix.slice(slash)];
}

describe('attack cases end to end through serverless-offline', () => {
  it.each(E2E_CASES.map((c) => [`${c.id}: ${c.description}`, c] as const))('%s', async (_title, c) => {
    const context = ctx();
    const input = c.build(context);
    const { verb, path } = routeOf(input.methodArn ?? context.methodArn('GET', '/comments'));
    const status = await send(input.authorization, verb, path);
    expect({ status }).toEqual({ status: oneOf(statusesFor(c)) });
    if (c.group === 'cache-order' && typeof c.expect !== 'string') {
      // Locally nothing is cached, so each later route is a fresh decision: it must match the cached-policy probes.
      for (const suffix of c.expect.allowAt ?? [])
        expect({ [suffix]: await send(input.authorization, ...request(suffix)) }).toEqual({ [suffix]: oneOf(PASSED) });
      for (const suffix of c.expect.denyAt ?? [])
        expect({ [suffix]: await send(input.authorization, ...request(suffix)) }).toEqual({ [suffix]: 403 });
    }
    if (c.group === 'oversized')
      expect(await send(`Bearer ${validReaderToken(context)}`, 'GET', '/comments')).toBe(200);
  });

  it('never contacted the attacker server, while it did read the trusted JWKS', () => {
    expect(world!.attacker.hits()).toBe(0);
    expect(world!.provider.hits('/jwks.json')).toBeGreaterThanOrEqual(1);
  });
});
