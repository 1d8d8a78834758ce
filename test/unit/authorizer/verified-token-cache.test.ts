// VerifiedTokenCache: bounded, expiring entries; an entry past its expiry is never served.
import fc from 'fast-check';
import { VerifiedTokenCache } from '../../../authorizer/verified-token-cache';
import { createClock } from '../../helpers/clock';

// The cache reads only `expiresAtMs`; the principal tells entries apart in the assertions.
interface Entry {
  principalId: string;
  expiresAtMs: number;
}
const entry = (expiresAtMs: number, principalId = 'u'): Entry => ({ principalId, expiresAtMs });

describe('VerifiedTokenCache', () => {
  it('serves an entry until just before its expiry and never at or after it', () => {
    const clock = createClock(1_000_000);
    const cache = new VerifiedTokenCache<Entry>(10, clock.now);
    cache.set('t', entry(1_005_000));
    clock.set(1_004_999);
    expect(cache.get('t')?.principalId).toBe('u');
    clock.set(1_005_000);
    expect(cache.get('t')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('never stores an already expired entry, nor anything when disabled', () => {
    const clock = createClock(1_000);
    const cache = new VerifiedTokenCache<Entry>(10, clock.now);
    cache.set('old', entry(1_000));
    expect(cache.get('old')).toBeUndefined();
    const off = new VerifiedTokenCache<Entry>(0, clock.now);
    off.set('t', entry(9_999));
    expect(off.get('t')).toBeUndefined();
  });

  it('stays within its bound, evicting the least recently used first (second chance)', () => {
    const clock = createClock(0);
    const cache = new VerifiedTokenCache<Entry>(3, clock.now);
    for (const t of ['a', 'b', 'c']) cache.set(t, entry(10_000, t));
    expect(cache.get('a')?.principalId).toBe('a'); // a is now recently used
    cache.set('d', entry(10_000, 'd')); // evicts b, the oldest unused
    expect(cache.size).toBe(3);
    expect(cache.get('b')).toBeUndefined();
    expect(['a', 'c', 'd'].map((t) => cache.get(t)?.principalId)).toEqual(['a', 'c', 'd']);
  });

  it('once full, replaces an expired or forgotten slot first, and keeps serving every entry it still holds', () => {
    // Prepare: a full cache whose "a" expires early and whose "b" was read after expiring (so forgotten).
    const clock = createClock(0);
    const cache = new VerifiedTokenCache<Entry>(3, clock.now);
    cache.set('a', entry(5, 'a'));
    cache.set('b', entry(5, 'b'));
    cache.set('c', entry(10_000, 'c'));
    expect(cache.get('c')?.principalId).toBe('c');
    clock.set(6);
    expect(cache.get('b')).toBeUndefined();

    // Act: two inserts take the slots of the expired "a" and the forgotten "b"; the used "c" stays.
    cache.set('d', entry(10_000, 'd'));
    cache.set('e', entry(10_000, 'e'));

    // Assess
    expect(['a', 'b', 'c', 'd', 'e'].map((t) => cache.get(t)?.principalId)).toEqual([
      undefined,
      undefined,
      'c',
      'd',
      'e',
    ]);
    expect(cache.size).toBe(3);
  });

  it('setting a token it holds replaces the entry in place, without taking another slot', () => {
    // Prepare
    const cache = new VerifiedTokenCache<Entry>(2, () => 0);
    cache.set('t', entry(10, 'first'));
    cache.set('u', entry(10, 'u'));

    // Act
    cache.set('t', entry(20, 'second'));

    // Assess
    expect([cache.get('t')?.principalId, cache.get('u')?.principalId, cache.size]).toEqual(['second', 'u', 2]);
  });

  it('fills again from empty after clear(), within its bound', () => {
    // Prepare
    const cache = new VerifiedTokenCache<Entry>(2, () => 0);
    for (const t of ['a', 'b', 'c']) cache.set(t, entry(10, t));

    // Act
    cache.clear();
    for (const t of ['x', 'y', 'z']) cache.set(t, entry(10, t));

    // Assess: x was the oldest unused, so z took its slot.
    expect(['a', 'x', 'y', 'z'].map((t) => cache.get(t)?.principalId)).toEqual([undefined, undefined, 'y', 'z']);
  });

  it('clear() forgets everything', () => {
    const cache = new VerifiedTokenCache<Entry>(5, () => 0);
    cache.set('t', entry(10));
    cache.clear();
    expect(cache.get('t')).toBeUndefined();
  });

  it('property: whatever the sequence of operations, no expired entry is served and the bound holds', () => {
    const op = fc.oneof(
      fc.record({
        kind: fc.constant('set' as const),
        token: fc.integer({ min: 0, max: 20 }),
        ttl: fc.integer({ min: -5, max: 50 }),
      }),
      fc.record({ kind: fc.constant('get' as const), token: fc.integer({ min: 0, max: 20 }) }),
      fc.record({ kind: fc.constant('tick' as const), ms: fc.integer({ min: 0, max: 30 }) }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.array(op, { maxLength: 200 }), (bound, ops) => {
        const clock = createClock(0);
        const cache = new VerifiedTokenCache<Entry>(bound, clock.now);
        for (const o of ops) {
          if (o.kind === 'set') {
            cache.set(String(o.token), entry(clock.now() + o.ttl));
            // An unexpired insert is held at once: eviction never takes the slot it is filling.
            if (o.ttl > 0) expect(cache.get(String(o.token))?.expiresAtMs).toBe(clock.now() + o.ttl);
          } else if (o.kind === 'tick') clock.advance(o.ms);
          else {
            const found = cache.get(String(o.token));
            if (found) expect(found.expiresAtMs).toBeGreaterThan(clock.now());
          }
          expect(cache.size).toBeLessThanOrEqual(bound);
        }
      }),
      { numRuns: 300 },
    );
  });
});
