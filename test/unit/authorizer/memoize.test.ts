// memoize/memoize2: pure results computed once per argument, errors never cached, the table bounded.
import { memoize, memoize2 } from '../../../authorizer/memoize';

describe('memoize', () => {
  it('computes once per argument and returns the same value', () => {
    const fn = jest.fn((x: string) => ({ x }));
    const memo = memoize(fn);
    expect(memo('a')).toBe(memo('a'));
    expect(fn).toHaveBeenCalledTimes(1);
    expect(memo('b')).toEqual({ x: 'b' });
    expect(fn).toHaveBeenCalledTimes(2);
  });

  it('caches undefined results but never errors', () => {
    let calls = 0;
    const memo = memoize((x: number) => {
      calls++;
      if (x < 0) throw new Error('negative');
      return x === 0 ? undefined : x;
    });
    expect(memo(0)).toBeUndefined();
    expect(memo(0)).toBeUndefined();
    expect(() => memo(-1)).toThrow('negative');
    expect(() => memo(-1)).toThrow('negative');
    expect(calls).toBe(3);
  });

  it('stays bounded: after 512 distinct arguments the table starts over', () => {
    const fn = jest.fn((x: number) => x * 2);
    const memo = memoize(fn);
    for (let i = 0; i < 513; i++) memo(i);
    memo(0);
    expect(fn).toHaveBeenCalledTimes(514);
  });

  it('memoize2 keys by both strings, including paths with spaces', () => {
    const fn = jest.fn((a: string, b: string) => `${a}|${b}`);
    const memo = memoize2(fn);
    expect(memo('GET', '/a b')).toBe('GET|/a b');
    expect(memo('GET', '/a b')).toBe('GET|/a b');
    expect(memo('GET /a', 'b')).toBe('GET /a|b');
    expect(fn).toHaveBeenCalledTimes(2);
  });
});
