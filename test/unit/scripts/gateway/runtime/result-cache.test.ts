// The authorizer result cache: by exact header value, for the TTL and never past it, bounded, on a fixed clock.
import fc from 'fast-check';
import type { AuthorizerOutput } from '../../../../../scripts/gateway/runtime/authorizer-output';
import {
  createResultCache,
  DEFAULT_MAX_ENTRIES,
  DEFAULT_TTL_SECONDS,
  MAX_TTL_SECONDS,
} from '../../../../../scripts/gateway/runtime/result-cache';
import { createClock } from '../../../../helpers/clock';

const PREFIX = 'arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/prod';
function outputFor(principalId: string): AuthorizerOutput {
  return {
    principalId,
    policyDocument: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: `${PREFIX}/*` }],
    },
  };
}

describe('createResultCache', () => {
  it('serves the output for the same header value until the TTL ends, and not at its end', () => {
    // Prepare
    const clock = createClock();
    const cache = createResultCache({ ttlSeconds: 300, now: clock.now });
    const alice = outputFor('alice');
    cache.put('Bearer a.b.c', alice);

    // Act
    clock.advance(299_999);
    const justBefore = cache.get('Bearer a.b.c');
    clock.advance(1);
    const atTtl = cache.get('Bearer a.b.c');

    // Assess
    expect(justBefore).toBe(alice);
    expect(atTtl).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('misses on any other header value: case, scheme and whitespace count', () => {
    // Prepare
    const cache = createResultCache({ ttlSeconds: 300, now: createClock().now });
    cache.put('Bearer a.b.c', outputFor('alice'));

    // Act
    const others = ['bearer a.b.c', 'Bearer a.b.c ', 'Bearer  a.b.c', 'a.b.c', 'Bearer a.b.d'].map((h) => cache.get(h));

    // Assess
    expect(others).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect(cache.get('Bearer a.b.c')?.principalId).toBe('alice');
  });

  it('caches nothing with a TTL of 0', () => {
    // Prepare
    const cache = createResultCache({ ttlSeconds: 0, now: createClock().now });

    // Act
    cache.put('Bearer a.b.c', outputFor('alice'));

    // Assess
    expect(cache.get('Bearer a.b.c')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('keeps a put fresh: a second put restarts the TTL and replaces the output', () => {
    // Prepare
    const clock = createClock();
    const cache = createResultCache({ ttlSeconds: 10, now: clock.now });
    cache.put('h', outputFor('first'));
    clock.advance(9_000);
    cache.put('h', outputFor('second'));

    // Act
    clock.advance(9_000);
    const hit = cache.get('h');

    // Assess
    expect(hit?.principalId).toBe('second');
  });

  it('evicts the least recently used entry past maxEntries, so a flood of headers cannot grow memory', () => {
    // Prepare
    const cache = createResultCache({ ttlSeconds: 300, maxEntries: 3, now: createClock().now });
    cache.put('Bearer alice', outputFor('alice'));

    // Act
    for (let i = 0; i < 1000; i++) cache.put(`Bearer random-${i}`, outputFor('x'));

    // Assess
    expect(cache.size).toBe(3);
    expect(cache.get('Bearer random-999')?.principalId).toBe('x');
    expect(cache.get('Bearer alice')).toBeUndefined();
  });

  it('drops the least recently used, not the oldest put', () => {
    // Prepare
    const cache = createResultCache({ ttlSeconds: 300, maxEntries: 3, now: createClock().now });
    for (const h of ['a', 'b', 'c']) cache.put(h, outputFor(h));
    cache.get('a');

    // Act
    cache.put('d', outputFor('d'));

    // Assess
    expect(['a', 'b', 'c', 'd'].map((h) => cache.get(h)?.principalId)).toEqual(['a', undefined, 'c', 'd']);
  });

  it('empties on clear', () => {
    // Prepare
    const cache = createResultCache({ ttlSeconds: 300, now: createClock().now });
    cache.put('h', outputFor('x'));

    // Act
    cache.clear();

    // Assess
    expect(cache.size).toBe(0);
    expect(cache.get('h')).toBeUndefined();
  });

  it.each([-1, 3601, 1.5, NaN])('refuses a TTL of %s at construction', (ttlSeconds) => {
    // Prepare / Act / Assess
    expect(() => createResultCache({ ttlSeconds })).toThrow(TypeError);
  });

  it.each([0, -5, 2.5])('refuses maxEntries %s', (maxEntries) => {
    // Prepare / Act / Assess
    expect(() => createResultCache({ ttlSeconds: 300, maxEntries })).toThrow(TypeError);
  });

  it('exposes AWS’s defaults and bound', () => {
    // Prepare / Act / Assess
    expect([DEFAULT_TTL_SECONDS, MAX_TTL_SECONDS, DEFAULT_MAX_ENTRIES]).toEqual([300, 3600, 10_000]);
    expect(() => createResultCache({ ttlSeconds: MAX_TTL_SECONDS })).not.toThrow();
  });

  it('never serves an entry past its TTL, and serves every live one (property)', () => {
    const step = fc.oneof(
      fc.record({ op: fc.constant('put' as const), key: fc.integer({ min: 0, max: 4 }) }),
      fc.record({ op: fc.constant('get' as const), key: fc.integer({ min: 0, max: 4 }) }),
      fc.record({ op: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 4_000 }) }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5 }), fc.array(step, { maxLength: 60 }), (ttlSeconds, steps) => {
        // Prepare
        const clock = createClock();
        const cache = createResultCache({ ttlSeconds, now: clock.now });
        const putAt = new Map<number, { at: number; output: AuthorizerOutput }>();

        for (const s of steps) {
          // Act
          if (s.op === 'advance') clock.advance(s.ms);
          else if (s.op === 'put') {
            const output = outputFor(`p${s.key}`);
            cache.put(`Bearer ${s.key}`, output);
            putAt.set(s.key, { at: clock.now(), output });
          } else {
            const served = cache.get(`Bearer ${s.key}`);
            const last = putAt.get(s.key);
            const live = last !== undefined && clock.now() - last.at < ttlSeconds * 1000;

            // Assess
            expect(served).toBe(live ? last.output : undefined);
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});
