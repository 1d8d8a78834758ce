// KeyStore: lookup by kid, single-flight refetch, cool-down, rotation, bounded stale-if-error, withdrawn keys, maxAge refresh.
import { KeySourceUnavailableError, TokenRejectedError } from '../../../../authorizer/errors';
import {
  KeyStore,
  type KeySet,
  type KeyStoreOptions,
  type VerificationKey,
} from '../../../../authorizer/keys/key-store';
import { createClock, type TestClock } from '../../../helpers/clock';
import { createRsaKey, type TestKey } from '../../../helpers/keys';
import { rejectionOf } from '../../../helpers/caught';

const SOURCE = 'https://idp.example.com/.well-known/jwks.json';
const COOLDOWN_MS = 10_000;
const MAX_AGE_MS = 600_000;
const MAX_STALE_MS = 86_400_000;

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(err: unknown): void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

let keyA: TestKey;
let keyB: TestKey;
let keyC: TestKey;

beforeAll(() => {
  keyA = createRsaKey('kid-a');
  keyB = createRsaKey('kid-b', 'RS384');
  keyC = createRsaKey('kid-c');
});

function keySet(...keys: TestKey[]): KeySet {
  return new Map(keys.map((k): [string, VerificationKey] => [k.kid, { key: k.publicKey, alg: k.alg }]));
}

/** Identity, not toEqual: jest's toEqual considers any two KeyObjects equal. */
function expectKey(found: VerificationKey | undefined, expected: TestKey): void {
  expect(found?.key).toBe(expected.publicKey);
  expect(found?.alg).toBe(expected.alg);
}

interface Harness {
  store: KeyStore;
  load: jest.Mock<Promise<KeySet>, []>;
  clock: TestClock;
  keysChanged: jest.Mock<void, []>;
}

function setup(overrides: Partial<KeyStoreOptions> = {}): Harness {
  const clock = createClock();
  const load = jest.fn<Promise<KeySet>, []>();
  const keysChanged = jest.fn<void, []>();
  const store = new KeyStore({
    source: SOURCE,
    load,
    cooldownMs: COOLDOWN_MS,
    maxAgeMs: MAX_AGE_MS,
    maxStaleMs: MAX_STALE_MS,
    now: clock.now,
    onKeysChanged: keysChanged,
    ...overrides,
  });
  return { store, load, clock, keysChanged };
}

function expectUnknownKidError(err: unknown): void {
  expect(err).toBeInstanceOf(TokenRejectedError);
  expect((err as TokenRejectedError).code).toBe('unknown_kid');
}

async function expectUnknownKid(promise: Promise<unknown>): Promise<void> {
  expectUnknownKidError(await rejectionOf(promise));
}

async function expectUnavailable(promise: Promise<unknown>, cause?: unknown): Promise<void> {
  expectUnavailableError(await rejectionOf(promise), cause);
}

function expectUnavailableError(err: unknown, cause?: unknown): void {
  expect(err).toBeInstanceOf(KeySourceUnavailableError);
  expect(err).not.toBeInstanceOf(TokenRejectedError);
  const unavailable = err as KeySourceUnavailableError;
  expect(unavailable.code).toBe('jwks_unavailable');
  expect(unavailable.source).toBe(SOURCE);
  if (cause !== undefined) expect(unavailable.cause).toBe(cause);
}

describe('KeyStore', () => {
  describe('known and unknown kids', () => {
    it('peek never fetches an unknown kid', () => {
      const { store, load } = setup();
      expect(store.peek('kid-a')).toBeUndefined();
      expect(load).not.toHaveBeenCalled();
    });

    it('loads exactly once for an unknown kid, then serves it from peek without fetching', async () => {
      const { store, load } = setup();
      load.mockResolvedValue(keySet(keyA, keyB));

      expectKey(await store.resolve('kid-a'), keyA);
      expect(load).toHaveBeenCalledTimes(1);

      const known = store.peek('kid-a');
      expect(known?.key).toBe(keyA.publicKey);
      expect(known?.alg).toBe('RS256');
      expectKey(store.peek('kid-b'), keyB);
      expectKey(await store.resolve('kid-b'), keyB);
      expect(load).toHaveBeenCalledTimes(1);
    });

    it('shares one load among 20 concurrent resolves of unknown kids (single-flight)', async () => {
      const { store, load } = setup();
      const pending = deferred<KeySet>();
      load.mockReturnValueOnce(pending.promise);

      const kids = ['kid-a', 'kid-b', ...Array.from({ length: 18 }, (_, i) => `random-${i}`)];
      const results = Promise.allSettled(kids.map((kid) => store.resolve(kid)));
      expect(load).toHaveBeenCalledTimes(1);

      pending.resolve(keySet(keyA, keyB));
      const settled = await results;
      expect(load).toHaveBeenCalledTimes(1);
      expectKey(settled[0]?.status === 'fulfilled' ? settled[0].value : undefined, keyA);
      expectKey(settled[1]?.status === 'fulfilled' ? settled[1].value : undefined, keyB);
      for (const outcome of settled.slice(2)) {
        expect(outcome.status).toBe('rejected');
        expectUnknownKidError(outcome.status === 'rejected' ? outcome.reason : undefined);
      }
    });
  });

  describe('cool-down', () => {
    it('does not load again within the cool-down; unknown kids are rejected as unknown_kid', async () => {
      const { store, load, clock } = setup();
      load.mockResolvedValue(keySet(keyA));
      await store.resolve('kid-a');

      clock.advance(COOLDOWN_MS - 1);
      for (let i = 0; i < 5; i++) await expectUnknownKid(store.resolve(`flood-${i}`));
      expect(load).toHaveBeenCalledTimes(1);
      expectKey(await store.resolve('kid-a'), keyA);
    });

    it('rejects the kid that triggered the first load when the set does not contain it', async () => {
      const { store, load } = setup();
      load.mockResolvedValue(keySet(keyA));
      await expectUnknownKid(store.resolve('kid-x'));
      await expectUnknownKid(store.resolve('kid-y'));
      expect(load).toHaveBeenCalledTimes(1);
    });

    it('allows exactly one more load once the cool-down has passed', async () => {
      const { store, load, clock } = setup();
      load.mockResolvedValue(keySet(keyA));
      await store.resolve('kid-a');

      clock.advance(COOLDOWN_MS);
      await expectUnknownKid(store.resolve('kid-x'));
      expect(load).toHaveBeenCalledTimes(2);
      await expectUnknownKid(store.resolve('kid-y'));
      expect(load).toHaveBeenCalledTimes(2);
    });
  });

  describe('rotation', () => {
    it('serves a kid that appears in the next load after the cool-down', async () => {
      const { store, load, clock } = setup();
      load.mockResolvedValueOnce(keySet(keyA)).mockResolvedValueOnce(keySet(keyA, keyB));
      await store.resolve('kid-a');

      clock.advance(COOLDOWN_MS);
      expectKey(await store.resolve('kid-b'), keyB);
      expect(load).toHaveBeenCalledTimes(2);
      expectKey(store.peek('kid-b'), keyB);
      expectKey(store.peek('kid-a'), keyA);
      expect(load).toHaveBeenCalledTimes(2);
    });

    it('no longer serves a kid removed by a successful reload', async () => {
      const { store, load, clock } = setup();
      load.mockResolvedValueOnce(keySet(keyA, keyB)).mockResolvedValue(keySet(keyB, keyC));
      expectKey(await store.resolve('kid-a'), keyA);

      clock.advance(COOLDOWN_MS);
      expectKey(await store.resolve('kid-c'), keyC);
      expect(store.peek('kid-a')).toBeUndefined();
      await expectUnknownKid(store.resolve('kid-a'));
      expect(load).toHaveBeenCalledTimes(2);

      clock.advance(COOLDOWN_MS);
      await expectUnknownKid(store.resolve('kid-a'));
      expect(load).toHaveBeenCalledTimes(3);
    });
  });

  describe('stale-if-error', () => {
    it('keeps serving known keys while the loader fails; an unknown kid fails closed as jwks_unavailable', async () => {
      const { store, load, clock } = setup();
      const outage = new Error('connect ECONNREFUSED');
      load.mockResolvedValueOnce(keySet(keyA)).mockRejectedValue(outage);
      await store.resolve('kid-a');

      clock.advance(COOLDOWN_MS);
      await expectUnavailable(store.resolve('kid-x'), outage);
      expect(load).toHaveBeenCalledTimes(2);
      expect(store.failure).toBe(outage);

      expectKey(store.peek('kid-a'), keyA);
      expectKey(await store.resolve('kid-a'), keyA);

      // Still inside the cool-down that followed the failure: no new fetch, still retryable, never unknown_kid.
      clock.advance(COOLDOWN_MS - 1);
      await expectUnavailable(store.resolve('kid-y'), outage);
      expect(load).toHaveBeenCalledTimes(2);
      expectKey(await store.resolve('kid-a'), keyA);
    });

    it('keeps serving known keys past maxAge while background reloads fail', async () => {
      const { store, load, clock } = setup();
      load.mockResolvedValueOnce(keySet(keyA)).mockRejectedValue(new Error('HTTP 503'));
      await store.resolve('kid-a');

      clock.advance(MAX_AGE_MS + 1);
      expectKey(store.peek('kid-a'), keyA);
      await store.refresh(); // joins the background load started by peek
      expect(load).toHaveBeenCalledTimes(2);
      expectKey(store.peek('kid-a'), keyA);
      expectKey(await store.resolve('kid-a'), keyA);

      // The failed background load still counts for the cool-down: stale peeks do not hammer a down provider.
      clock.advance(COOLDOWN_MS - 1);
      for (let i = 0; i < 5; i++) expectKey(store.peek('kid-a'), keyA);
      expect(load).toHaveBeenCalledTimes(2);
      clock.advance(1);
      expectKey(store.peek('kid-a'), keyA);
      expect(load).toHaveBeenCalledTimes(3);
    });

    it('fails closed as jwks_unavailable when the very first load fails', async () => {
      const { store, load } = setup();
      const outage = new Error('timeout');
      load.mockRejectedValue(outage);
      await expectUnavailable(store.resolve('kid-a'), outage);
      expect(store.peek('kid-a')).toBeUndefined();
    });

    it('gives every caller sharing a failed load jwks_unavailable', async () => {
      const { store, load } = setup();
      const pending = deferred<KeySet>();
      load.mockReturnValueOnce(pending.promise);
      const results = Promise.allSettled(Array.from({ length: 5 }, (_, i) => store.resolve(`kid-${i}`)));
      const outage = new Error('reset');
      pending.reject(outage);
      for (const outcome of await results) {
        expect(outcome.status).toBe('rejected');
        expectUnavailableError(outcome.status === 'rejected' ? outcome.reason : undefined, outage);
      }
      expect(load).toHaveBeenCalledTimes(1);
    });

    it('recovers: after the cool-down the next unknown kid is fetched normally', async () => {
      const { store, load, clock } = setup();
      load
        .mockResolvedValueOnce(keySet(keyA))
        .mockRejectedValueOnce(new Error('down'))
        .mockResolvedValueOnce(keySet(keyA, keyB));
      await store.resolve('kid-a');
      clock.advance(COOLDOWN_MS);
      await expectUnavailable(store.resolve('kid-b'));

      clock.advance(COOLDOWN_MS);
      expectKey(await store.resolve('kid-b'), keyB);
      expect(load).toHaveBeenCalledTimes(3);
      expect(store.failure).toBeUndefined();
      // The source answered, so a kid absent from it is now simply invalid.
      await expectUnknownKid(store.resolve('kid-z'));
      expect(load).toHaveBeenCalledTimes(3);
    });
  });

  describe('maximum staleness', () => {
    it('serves known keys through an outage up to maxStale after the last successful load, then drops them', async () => {
      // Prepare: one good load, then a source that keeps failing; background loads keep being attempted.
      const { store, load, clock, keysChanged } = setup();
      const outage = new Error('HTTP 503');
      load.mockResolvedValueOnce(keySet(keyA)).mockRejectedValue(outage);
      await store.resolve('kid-a');
      clock.advance(MAX_AGE_MS + 1);
      expectKey(store.peek('kid-a'), keyA);
      await store.refresh();
      expect(load).toHaveBeenCalledTimes(2);

      // Act + Assess: exactly at the bound the key still answers (the failed attempt did not restart the clock).
      clock.advance(MAX_STALE_MS - MAX_AGE_MS - 1);
      expectKey(store.peek('kid-a'), keyA);
      await store.refresh();
      expect(keysChanged).not.toHaveBeenCalled();

      // One millisecond later the hot path refuses it, and the verified-token cache is told.
      clock.advance(1);
      expect(store.peek('kid-a')).toBeUndefined();
      expect(keysChanged).toHaveBeenCalledTimes(1);
    });

    it('past the bound, resolve tries one refetch and, while the source still fails, is retryable (never unknown_kid)', async () => {
      // Prepare
      const { store, load, clock, keysChanged } = setup();
      const outage = new Error('connect ECONNREFUSED');
      load.mockResolvedValueOnce(keySet(keyA)).mockRejectedValue(outage);
      await store.resolve('kid-a');
      clock.advance(MAX_STALE_MS + 1);

      // Act
      const first = await rejectionOf(store.resolve('kid-a'));

      // Assess: one refetch, retryable failure; inside its cool-down no further fetch, still retryable.
      expectUnavailableError(first, outage);
      expect(load).toHaveBeenCalledTimes(2);
      expect(keysChanged).toHaveBeenCalledTimes(1);
      for (let i = 0; i < 5; i++) await expectUnavailable(store.resolve('kid-a'), outage);
      expect(load).toHaveBeenCalledTimes(2);
      expect(store.peek('kid-a')).toBeUndefined();
      clock.advance(COOLDOWN_MS);
      await expectUnavailable(store.resolve('kid-a'), outage);
      expect(load).toHaveBeenCalledTimes(3);
      expect(keysChanged).toHaveBeenCalledTimes(1);
    });

    it('shares one refetch among concurrent resolves past the bound (single-flight)', async () => {
      // Prepare
      const { store, load, clock } = setup();
      const pending = deferred<KeySet>();
      load.mockResolvedValueOnce(keySet(keyA)).mockReturnValueOnce(pending.promise);
      await store.resolve('kid-a');
      clock.advance(MAX_STALE_MS + 1);

      // Act
      const results = Promise.allSettled(Array.from({ length: 10 }, () => store.resolve('kid-a')));
      pending.reject(new Error('reset'));

      // Assess
      for (const outcome of await results) {
        expect(outcome.status).toBe('rejected');
        expectUnavailableError(outcome.status === 'rejected' ? outcome.reason : undefined);
      }
      expect(load).toHaveBeenCalledTimes(2);
    });

    it('recovers when the refetch past the bound succeeds', async () => {
      // Prepare
      const { store, load, clock } = setup();
      load
        .mockResolvedValueOnce(keySet(keyA))
        .mockRejectedValueOnce(new Error('down'))
        .mockResolvedValueOnce(keySet(keyA, keyB));
      await store.resolve('kid-a');
      clock.advance(MAX_STALE_MS + 1);
      await expectUnavailable(store.resolve('kid-a'));

      // Act
      clock.advance(COOLDOWN_MS);
      const found = await store.resolve('kid-a');

      // Assess: fresh again, so the hot path serves the keys and a missing kid is a plain 401 again.
      expectKey(found, keyA);
      expectKey(store.peek('kid-a'), keyA);
      expectKey(store.peek('kid-b'), keyB);
      expect(store.failure).toBeUndefined();
      await expectUnknownKid(store.resolve('kid-z'));
      expect(load).toHaveBeenCalledTimes(3);
    });

    it('refetches an idle, healthy source synchronously on the first request past the bound', async () => {
      // Prepare
      const { store, load, clock } = setup();
      load.mockResolvedValue(keySet(keyA));
      await store.resolve('kid-a');
      clock.advance(MAX_STALE_MS + 1);

      // Act
      const peeked = store.peek('kid-a');
      const found = await store.resolve('kid-a');

      // Assess: peek neither serves nor fetches; resolve does the one fetch.
      expect(peeked).toBeUndefined();
      expectKey(found, keyA);
      expect(load).toHaveBeenCalledTimes(2);
      expectKey(store.peek('kid-a'), keyA);
    });

    it('drops the keys as soon as a background load fails past the bound', async () => {
      // Prepare: a background load starts inside the bound and fails after it.
      const { store, load, clock, keysChanged } = setup();
      const background = deferred<KeySet>();
      load.mockResolvedValueOnce(keySet(keyA)).mockReturnValueOnce(background.promise);
      await store.resolve('kid-a');
      clock.advance(MAX_STALE_MS - 1);
      expectKey(store.peek('kid-a'), keyA);

      // Act
      clock.advance(2);
      background.reject(new Error('timeout'));
      await store.refresh();

      // Assess
      expect(keysChanged).toHaveBeenCalledTimes(1);
      expect(store.peek('kid-a')).toBeUndefined();
      await expectUnavailable(store.resolve('kid-a'));
      expect(load).toHaveBeenCalledTimes(2);
    });

    it('is retryable, not unknown_kid, when a cool-down longer than the bound holds the refetch back', async () => {
      // Prepare: config forbids this (maxStaleSeconds >= cooldownSeconds); the store still fails safe.
      const { store, load, clock } = setup({ cooldownMs: 2 * MAX_STALE_MS });
      load.mockResolvedValue(keySet(keyA));
      await store.resolve('kid-a');
      clock.advance(MAX_STALE_MS + 1);

      // Act
      const err = await rejectionOf(store.resolve('kid-a'));

      // Assess
      expectUnavailableError(err);
      expect((err as Error).cause).toBeInstanceOf(Error);
      expect(load).toHaveBeenCalledTimes(1);
    });
  });

  describe('withdrawn keys', () => {
    it('a successful load of an empty set withdraws every key, reports the change, and the kid becomes unknown_kid', async () => {
      // Prepare
      const { store, load, clock, keysChanged } = setup();
      load.mockResolvedValueOnce(keySet(keyA, keyB)).mockResolvedValue(new Map());
      await store.resolve('kid-a');

      // Act: an unknown kid after the cool-down reads the (now empty) set.
      clock.advance(COOLDOWN_MS);
      await expectUnknownKid(store.resolve('kid-x'));

      // Assess: the source was read fine, so the withdrawn kids are invalid (401), not retryable.
      expect(load).toHaveBeenCalledTimes(2);
      expect(keysChanged).toHaveBeenCalledTimes(1);
      expect(store.peek('kid-a')).toBeUndefined();
      expect(store.peek('kid-b')).toBeUndefined();
      await expectUnknownKid(store.resolve('kid-a'));
      expect(store.failure).toBeUndefined();
    });

    it('a failed load after the withdrawal does not bring the keys back', async () => {
      // Prepare
      const { store, load, clock } = setup();
      load.mockResolvedValueOnce(keySet(keyA)).mockResolvedValueOnce(new Map()).mockRejectedValue(new Error('down'));
      await store.resolve('kid-a');
      clock.advance(COOLDOWN_MS);
      await store.refresh();

      // Act
      clock.advance(COOLDOWN_MS);
      const err = await rejectionOf(store.resolve('kid-a'));

      // Assess: unreadable now, so retryable, but the withdrawn key is gone for good.
      expectUnavailableError(err);
      expect(store.peek('kid-a')).toBeUndefined();
      expect(load).toHaveBeenCalledTimes(3);
    });

    it('does not report a change when a reload returns the same keys', async () => {
      // Prepare
      const { store, load, clock, keysChanged } = setup();
      load.mockResolvedValue(keySet(keyA));
      await store.resolve('kid-a');

      // Act
      clock.advance(COOLDOWN_MS);
      await store.refresh();

      // Assess
      expect(load).toHaveBeenCalledTimes(2);
      expect(keysChanged).not.toHaveBeenCalled();
      expectKey(store.peek('kid-a'), keyA);
    });
  });

  describe('refresh', () => {
    it('never rejects, and keeps the failure for resolve to report', async () => {
      const { store, load } = setup();
      const outage = new Error('boom');
      load.mockRejectedValueOnce(outage).mockRejectedValueOnce('not even an Error');
      await expect(store.refresh()).resolves.toBeUndefined();
      expect(store.failure).toBe(outage);
      await expect(store.refresh()).resolves.toBeUndefined();
      expect(store.failure).toBe('not even an Error');
    });

    it('records a loader that throws synchronously or rejects with undefined as a failure', async () => {
      const { store, load, clock } = setup();
      load.mockImplementationOnce(() => {
        throw new Error('sync');
      });
      await expect(store.refresh()).resolves.toBeUndefined();
      await expectUnavailable(store.resolve('kid-a'));
      clock.advance(COOLDOWN_MS);
      load.mockReturnValueOnce(Promise.reject(undefined));
      await expectUnavailable(store.resolve('kid-a'));
      expect(store.failure).toBeInstanceOf(Error);
    });

    it('is single-flight', async () => {
      const { store, load } = setup();
      const pending = deferred<KeySet>();
      load.mockReturnValueOnce(pending.promise);
      const first = store.refresh();
      const second = store.refresh();
      expect(second).toBe(first);
      expect(load).toHaveBeenCalledTimes(1);
      pending.resolve(keySet(keyA));
      await first;
      expectKey(store.peek('kid-a'), keyA);
    });
  });

  describe('maxAge', () => {
    it('does not reload a known key before maxAge', async () => {
      const { store, load, clock } = setup();
      load.mockResolvedValue(keySet(keyA));
      await store.resolve('kid-a');
      clock.advance(MAX_AGE_MS);
      expectKey(store.peek('kid-a'), keyA);
      expectKey(await store.resolve('kid-a'), keyA);
      expect(load).toHaveBeenCalledTimes(1);
    });

    it('after maxAge, peek answers synchronously and starts exactly one background load', async () => {
      const { store, load, clock } = setup();
      const background = deferred<KeySet>();
      load.mockResolvedValueOnce(keySet(keyA)).mockReturnValueOnce(background.promise);
      await store.resolve('kid-a');

      clock.advance(MAX_AGE_MS + 1);
      expectKey(store.peek('kid-a'), keyA);
      expect(load).toHaveBeenCalledTimes(2);
      for (let i = 0; i < 10; i++) expectKey(store.peek('kid-a'), keyA);
      expectKey(await store.resolve('kid-a'), keyA);
      expect(load).toHaveBeenCalledTimes(2);

      // The background load picks up a revocation of kid-a and the new kid-b.
      background.resolve(keySet(keyB));
      await store.refresh(); // joins the in-flight background load
      expect(load).toHaveBeenCalledTimes(2);
      expect(store.peek('kid-a')).toBeUndefined();
      expectKey(store.peek('kid-b'), keyB);
      expect(load).toHaveBeenCalledTimes(2);
    });

    it('lets an unknown kid join the background load instead of starting another', async () => {
      const { store, load, clock } = setup();
      const background = deferred<KeySet>();
      load.mockResolvedValueOnce(keySet(keyA)).mockReturnValueOnce(background.promise);
      await store.resolve('kid-a');

      clock.advance(MAX_AGE_MS + 1);
      store.peek('kid-a');
      const rotated = store.resolve('kid-b');
      background.resolve(keySet(keyA, keyB));
      expectKey(await rotated, keyB);
      expect(load).toHaveBeenCalledTimes(2);
    });
  });
});
