// The memorySize model: CPU share by memory, time scaled by it, 1 ms billing steps, arm64 prices.
import { costModel } from '../../../bench/cost-model';

describe('costModel', () => {
  it('scales time by 1 / (MB / 1769), no further above one vCPU, and bills at least 1 ms', () => {
    const [small, full, large] = costModel(100, 50, [128, 1769, 3538]);

    expect(small?.cpuShare).toBeCloseTo(128 / 1769);
    expect(small?.warmMs).toBeCloseTo(0.1 / (128 / 1769));
    expect(small?.billedWarmMs).toBe(2);
    expect(full?.warmMs).toBeCloseTo(0.1);
    expect(full?.billedWarmMs).toBe(1);
    expect(large?.coldMs).toBeCloseTo(50);
  });

  it('prices a million warm calls (duration plus requests) and one cold start', () => {
    const [row] = costModel(500, 100, [1024]);

    const duration = 1e6 * 0.001 * 1 * 0.0000133334;
    expect(row?.usdPerMillionWarm).toBeCloseTo(duration + 0.2, 6);
    // 100 ms at 1024 MB: 100 / (1024 / 1769) = 172.75 ms, billed as 173 ms at 1 GB.
    expect(row?.usdPerColdStart).toBeCloseTo(0.173 * 0.0000133334, 12);
  });
});
