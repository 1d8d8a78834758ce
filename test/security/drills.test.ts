// Identity-provider failure drills against a real JWKS server on 127.0.0.1: flood, rotation, outage, slow endpoint, recovery,
// the staleness bound and a key withdrawn without replacement.
import { randomUUID } from 'node:crypto';
import type { AuthConfigInput } from '../../authorizer/config/schema';
import { GROUP_PERMISSIONS, authorizedRoutes } from '../../shared/route-manifest';
import { createHarness, type Harness } from '../helpers/authorizer-harness';
import { COGNITO_CLIENT, testCognitoProvider } from '../helpers/config';
import { startJwksServer, type JwksServer, type ServerMode } from '../helpers/jwks-server';
import { bearerEvent } from '../helpers/events';
import { createRsaKey, type TestKey } from '../helpers/keys';
import { signToken, type Claims } from '../helpers/tokens';

const TIMEOUT_MS = 300;
const COOLDOWN_MS = 10_000;
const MAX_AGE_MS = 600_000;
/** Shorter than a token's hour of life, so a token remembered before the outage is still unexpired past the bound. */
const MAX_STALE_MS = 1_800_000;
/** Generous: the fetch deadline plus scheduling slack on a loaded CI machine. */
const SETTLE_BOUND_MS = TIMEOUT_MS + 1_200;

let known: TestKey;
let rotated: TestKey;
let server: JwksServer | undefined;
let h: Harness;

beforeAll(() => {
  known = createRsaKey('rsa-1');
  rotated = createRsaKey('rsa-2');
});

beforeEach(async () => {
  server = await startJwksServer([known.jwk]);
  h = createHarness(drillConfig(server));
  await h.authorizer.warm();
  expect(server.hits('/jwks.json')).toBe(1);
});
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function drillConfig(s: JwksServer): AuthConfigInput {
  return {
    providers: [testCognitoProvider(s.origin, { jwksUri: s.jwksUri, groupPermissions: GROUP_PERMISSIONS })],
    jwks: {
      timeoutMs: TIMEOUT_MS,
      cooldownSeconds: COOLDOWN_MS / 1000,
      maxAgeSeconds: MAX_AGE_MS / 1000,
      maxStaleSeconds: MAX_STALE_MS / 1000,
    },
    routes: authorizedRoutes(),
  };
}

/** A fresh token (its own jti, so the authorizer's cache of verified tokens never answers for it). */
function token(key: TestKey, header: Claims = {}): string {
  const now = h.clock.nowSeconds();
  const claims = {
    iss: `${server!.origin}/eu-west-1_TestPool`,
    sub: 'drill-user',
    token_use: 'access',
    client_id: COGNITO_CLIENT,
    'cognito:groups': ['readers'],
    jti: randomUUID(),
    iat: now,
    exp: now + 3600,
  };
  return signToken(key, claims, header);
}

const unknownKid = () => token(known, { kid: `random-${randomUUID()}` });
const fetches = () => server!.hits('/jwks.json');

type Answer = 'allow' | 'Unauthorized' | 'KeySourceUnavailable' | string;

async function answer(t: string): Promise<Answer> {
  const result = await h.run(bearerEvent(t));
  if (result instanceof Error)
    return Object.getPrototypeOf(result) === Error.prototype ? result.message : `${result.name}: ${result.message}`;
  return result.principalId === 'drill-user' ? 'allow' : 'unexpected result';
}

function lastReason(): unknown {
  return h.decisions().at(-1)?.reason;
}

/** Runs `count` tasks with at most `width` in flight; returns the results in order and the peak concurrency. */
async function inFlight<T>(
  count: number,
  width: number,
  task: (i: number) => Promise<T>,
): Promise<{ results: T[]; peak: number }> {
  const results: T[] = new Array(count);
  let next = 0;
  let running = 0;
  let peak = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      running++;
      peak = Math.max(peak, running);
      results[i] = await task(i);
      running--;
    }
  };
  await Promise.all(Array.from({ length: width }, worker));
  return { results, peak };
}

/** Polls `check` every 10 ms (real time) until it holds or `withinMs` passes; returns whether it held. */
async function eventually(check: () => Promise<boolean>, withinMs = 2_000): Promise<boolean> {
  const deadline = performance.now() + withinMs;
  while (performance.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return false;
}

/** Waits (real time) long enough for a background fetch to have ended: answered, failed, or hit the fetch deadline. */
async function settle(ms = TIMEOUT_MS + 100): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

describe('flood: random unknown kids', () => {
  it('50 tokens with random kids, 5 in flight, over 12.5 simulated seconds cost exactly 2 JWKS fetches', async () => {
    server!.setMode({ kind: 'delay', ms: 20 });
    h.clock.advance(COOLDOWN_MS + 1_000);
    const before = fetches();
    const { results, peak } = await inFlight(50, 5, async () => {
      h.clock.advance(250);
      const result = await answer(unknownKid());
      return [result, lastReason()];
    });
    expect(peak).toBe(5);
    expect(results.map(([a]) => a)).toEqual(new Array(50).fill('Unauthorized'));
    expect(new Set(results.map(([, r]) => r))).toEqual(new Set(['unknown_kid']));
    // One fetch per cool-down (10 s) of flood, not one per token: 12.5 s of flood -> 2 fetches.
    expect(fetches() - before).toBe(2);
    expect(await answer(token(known))).toBe('allow');
  });

  it('a burst of 200 unknown kids at one instant costs one fetch (single-flight), and known keys keep answering', async () => {
    server!.setMode({ kind: 'delay', ms: 50 });
    h.clock.advance(COOLDOWN_MS + 1_000);
    const before = fetches();
    const answers = await Promise.all([
      ...Array.from({ length: 200 }, () => answer(unknownKid())),
      answer(token(known)),
    ]);
    expect(answers.slice(0, 200)).toEqual(new Array(200).fill('Unauthorized'));
    expect(answers[200]).toBe('allow');
    expect(fetches() - before).toBe(1);
  });
});

describe('rotation', () => {
  it('a key added to the JWKS is accepted after exactly one refetch', async () => {
    server!.setKeys([known.jwk, rotated.jwk]);
    h.clock.advance(COOLDOWN_MS + 1_000);
    const before = fetches();
    expect(await answer(token(rotated))).toBe('allow');
    expect(fetches() - before).toBe(1);
    expect(await answer(token(rotated))).toBe('allow');
    expect(await answer(token(known))).toBe('allow');
    expect(fetches() - before).toBe(1);
  });

  it('a key published inside a cool-down is refused until it ends, then accepted after one refetch', async () => {
    h.clock.advance(COOLDOWN_MS + 1_000);
    const before = fetches();
    expect(await answer(unknownKid())).toBe('Unauthorized');
    expect(fetches() - before).toBe(1);
    server!.setKeys([known.jwk, rotated.jwk]);
    expect(await answer(token(rotated))).toBe('Unauthorized');
    expect(lastReason()).toBe('unknown_kid');
    expect(fetches() - before).toBe(1);
    h.clock.advance(COOLDOWN_MS);
    expect(await answer(token(rotated))).toBe('allow');
    expect(fetches() - before).toBe(2);
  });

  it('a key removed from the JWKS stops verifying after one refresh, cached verified tokens included', async () => {
    const remembered = token(known);
    expect(await answer(remembered)).toBe('allow');
    server!.setKeys([rotated.jwk]);
    // Past the maximum age the stale key still answers at once, while one background refresh reads the new set.
    h.clock.advance(MAX_AGE_MS + 1_000);
    const before = fetches();
    expect(await answer(token(known))).toBe('allow');
    // As soon as that one refresh lands, the removed key is refused (polled, so a slow machine cannot flake).
    expect(await eventually(async () => (await answer(token(known))) === 'Unauthorized')).toBe(true);
    expect(lastReason()).toBe('unknown_kid');
    expect(fetches() - before).toBe(1);
    expect(await answer(remembered)).toBe('Unauthorized');
    expect(await answer(token(rotated))).toBe('allow');
  });
});

const OUTAGES: Array<[string, ServerMode]> = [
  ['answers 503', { kind: 'status', status: 503 }],
  ['answers 500', { kind: 'status', status: 500 }],
  ['resets the connection', { kind: 'reset' }],
  ['times out (never answers)', { kind: 'hang' }],
];

describe('outage', () => {
  it.each(OUTAGES)(
    'while the JWKS endpoint %s: known keys keep working, unknown kids fail closed as retryable',
    async (_what, mode) => {
      server!.setMode(mode);
      // Stale: past the maximum age, so using the known key starts a refresh, which fails.
      h.clock.advance(MAX_AGE_MS + 1_000);
      const before = fetches();
      expect(await answer(token(known))).toBe('allow');
      await settle();
      expect(fetches() - before).toBe(1);
      expect(await answer(unknownKid())).toBe('KeySourceUnavailable');
      expect(h.decisions().at(-1)).toMatchObject({ outcome: 'unavailable', reason: 'jwks_unavailable' });
      // Inside the cool-down: still fail closed, still retryable, and no extra load on the provider.
      const answers = await Promise.all(Array.from({ length: 20 }, () => answer(unknownKid())));
      expect(answers).toEqual(new Array(20).fill('KeySourceUnavailable'));
      expect(await answer(token(known))).toBe('allow');
      expect(fetches() - before).toBe(1);
      // After the cool-down, one more attempt, which fails the same way.
      h.clock.advance(COOLDOWN_MS);
      expect(await answer(unknownKid())).toBe('KeySourceUnavailable');
      expect(fetches() - before).toBe(2);
      expect(await answer(token(known))).toBe('allow');
    },
  );
});

describe('slow endpoint', () => {
  const SLOW: Array<[string, ServerMode]> = [
    ['hangs', { kind: 'hang' }],
    ['answers after 5 s', { kind: 'delay', ms: 5_000 }],
    ['trickles one byte every 50 ms', { kind: 'trickle', intervalMs: 50 }],
  ];

  it.each(SLOW)(
    'a JWKS endpoint that %s holds an unknown kid no longer than the fetch timeout',
    async (_what, mode) => {
      server!.setMode(mode);
      h.clock.advance(COOLDOWN_MS + 1_000);
      const before = fetches();
      const started = performance.now();
      const unknown = Array.from({ length: 10 }, () => answer(unknownKid()));
      // A known key does not wait for the fetch in flight.
      const knownStarted = performance.now();
      expect(await answer(token(known))).toBe('allow');
      expect(performance.now() - knownStarted).toBeLessThan(TIMEOUT_MS - 50);
      expect(await Promise.all(unknown)).toEqual(new Array(10).fill('KeySourceUnavailable'));
      const elapsed = performance.now() - started;
      expect(elapsed).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
      expect(elapsed).toBeLessThan(SETTLE_BOUND_MS);
      expect(fetches() - before).toBe(1);
      // The authorizer gave up on the request: nothing is left open on the server.
      await settle(100);
      expect(server!.pending()).toBe(0);
    },
  );
});

describe('recovery', () => {
  it('once the endpoint is back, the next unknown kid after the cool-down is fetched normally', async () => {
    server!.setMode({ kind: 'status', status: 503 });
    h.clock.advance(COOLDOWN_MS + 1_000);
    expect(await answer(unknownKid())).toBe('KeySourceUnavailable');
    const before = fetches();
    server!.setMode({ kind: 'ok' });
    server!.setKeys([known.jwk, rotated.jwk]);
    // Still inside the cool-down of the failed attempt: no fetch yet, still retryable.
    expect(await answer(unknownKid())).toBe('KeySourceUnavailable');
    expect(fetches() - before).toBe(0);
    h.clock.advance(COOLDOWN_MS);
    // The next unknown kid is fetched, the set is read, and the kid is simply unknown: 401, not retryable.
    expect(await answer(unknownKid())).toBe('Unauthorized');
    expect(lastReason()).toBe('unknown_kid');
    expect(fetches() - before).toBe(1);
    // The key published during the outage came with that fetch.
    expect(await answer(token(rotated))).toBe('allow');
    expect(fetches() - before).toBe(1);
  });
});

describe('maximum staleness', () => {
  it.each(OUTAGES)(
    'while the JWKS endpoint %s: known keys work up to jwks.maxStaleSeconds, then fail retryably, then recover',
    async (_what, mode) => {
      // Prepare: a token verified (and cached) while the source was healthy, then the outage.
      const remembered = token(known);
      expect(await answer(remembered)).toBe('allow');
      server!.setMode(mode);

      // Inside the bound: stale-if-error, the background refresh fails and the known key keeps answering.
      h.clock.advance(MAX_STALE_MS - 5_000);
      expect(await answer(token(known))).toBe('allow');
      await settle();
      expect(await answer(token(known))).toBe('allow');
      expect(await answer(remembered)).toBe('allow');

      // Past the bound (counted from the last successful load, cool-down over): one refetch, still failing.
      h.clock.advance(COOLDOWN_MS);
      const before = fetches();
      const past = await answer(token(known));
      expect(past).toBe('KeySourceUnavailable');
      expect(past).not.toBe('Unauthorized');
      expect(h.decisions().at(-1)).toMatchObject({ outcome: 'unavailable', reason: 'jwks_unavailable', kid: 'rsa-1' });
      expect(fetches() - before).toBe(1);
      // The dropped keys emptied the cache of verified tokens too.
      expect(await answer(remembered)).toBe('KeySourceUnavailable');
      expect(fetches() - before).toBe(1);

      // Act: the endpoint is back; inside the cool-down of the failed refetch nothing changes yet.
      server!.setMode({ kind: 'ok' });
      expect(await answer(token(known))).toBe('KeySourceUnavailable');
      expect(fetches() - before).toBe(1);
      h.clock.advance(COOLDOWN_MS);

      // Assess: one refetch and the known key verifies again, then from memory without fetching.
      expect(await answer(token(known))).toBe('allow');
      expect(fetches() - before).toBe(2);
      expect(await answer(remembered)).toBe('allow');
      expect(await answer(token(known))).toBe('allow');
      expect(fetches() - before).toBe(2);
    },
  );
});

describe('withdrawn key', () => {
  it('a key the IdP withdraws without a replacement ({"keys":[]}) is refused as unknown_kid, its cached tokens included', async () => {
    // Prepare: a token verified and remembered by the authorizer's cache, then the only key disappears.
    const remembered = token(known);
    expect(await answer(remembered)).toBe('allow');
    expect(await answer(remembered)).toBe('allow');
    server!.setKeys([]);

    // Act: an unknown kid after the cool-down makes the authorizer read the (now empty) set.
    h.clock.advance(COOLDOWN_MS + 1_000);
    const before = fetches();
    expect(await answer(unknownKid())).toBe('Unauthorized');
    expect(fetches() - before).toBe(1);

    // Assess: the source answered fine, so this is a plain 401, not a retryable failure, with the reason logged.
    const result = await h.run(bearerEvent(remembered));
    expect(result).toBeInstanceOf(Error);
    expect(Object.getPrototypeOf(result)).toBe(Error.prototype);
    expect((result as Error).message).toBe('Unauthorized');
    expect(h.decisions().at(-1)).toMatchObject({ outcome: 'unauthorized', reason: 'unknown_kid', kid: 'rsa-1' });
    expect(await answer(token(known))).toBe('Unauthorized');
    expect(lastReason()).toBe('unknown_kid');
    expect(fetches() - before).toBe(1);
    // No decision line carries the token.
    expect(h.logger.lines.some((line) => line.includes(remembered) || line.includes(remembered.split('.')[2]!))).toBe(
      false,
    );
  });

  it('a withdrawn key that the IdP publishes again is accepted after the next refetch', async () => {
    // Prepare: withdrawn, and the empty set read once.
    server!.setKeys([]);
    h.clock.advance(COOLDOWN_MS + 1_000);
    expect(await answer(unknownKid())).toBe('Unauthorized');
    expect(await answer(token(known))).toBe('Unauthorized');
    expect(lastReason()).toBe('unknown_kid');
    const before = fetches();

    // Act: the IdP publishes the key again; its kid is now unknown, so the first request after the cool-down refetches.
    server!.setKeys([known.jwk]);
    h.clock.advance(COOLDOWN_MS);
    const result = await answer(token(known));

    // Assess
    expect(result).toBe('allow');
    expect(fetches() - before).toBe(1);
  });
});
