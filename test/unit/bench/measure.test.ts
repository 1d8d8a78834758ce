// Interleaved rounds: every case once per round, warm-up rounds dropped, promises awaited; paired round differences.
import { measureInterleaved, pairedDifference, stats } from '../../../bench/measure';

describe('measureInterleaved', () => {
  it('runs each case ops times per round, interleaved, and keeps one sample per measured round', async () => {
    const order: string[] = [];
    const cases = ['a', 'b'].map((name) => ({
      name,
      ops: 3,
      run: (i: number) => {
        order.push(`${name}${i}`);
        return name === 'b' ? Promise.resolve() : undefined;
      },
    }));

    const [a, b] = await measureInterleaved(cases, 2, 1);

    expect(order).toEqual(Array.from({ length: 3 }, () => ['a0', 'a1', 'a2', 'b0', 'b1', 'b2']).flat());
    expect(a?.samples).toHaveLength(2);
    expect(b?.samples).toHaveLength(2);
    expect(a?.best).toBeLessThanOrEqual(a?.worst ?? -1);
  });
});

describe('pairedDifference', () => {
  it('is the median of the per-round differences, not the difference of the medians', () => {
    const info = stats('info', [10, 30, 100]);
    const warn = stats('warn', [5, 28, 20]);

    const difference = pairedDifference(info, warn);

    expect(difference).toBe(5);
    expect(info.median - warn.median).toBe(10);
  });
});
