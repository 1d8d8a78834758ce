// memorySize, modelled: Lambda's CPU share grows with memory, so this machine's timings are scaled, not measured, per size.

/** AWS: a function gets one vCPU's worth of CPU at 1,769 MB, proportionally less below it. */
const FULL_VCPU_MB = 1769;
/** arm64 (the stack's architecture), USD per GB-second, first pricing tier (us-east-1 and eu-west-1, 2025). */
const ARM_GB_SECOND_USD = 0.0000133334;
/** USD per request, at every memory size. */
const REQUEST_USD = 0.2 / 1e6;
export const MEMORY_SIZES = [128, 256, 512, 1024, 1769];

export interface CostRow {
  memoryMb: number;
  cpuShare: number;
  warmMs: number;
  /** Lambda bills duration in 1 ms steps. */
  billedWarmMs: number;
  usdPerMillionWarm: number;
  coldMs: number;
  usdPerColdStart: number;
}

/**
 * Assumes every millisecond measured here is CPU-bound (true of verification and of module load; the loopback
 * JWKS fetch is ~1 ms) and that one core of this machine is worth one Lambda vCPU (unverified: Graviton vs this
 * CPU), so time scales by 1 / min(1, memory / 1769). Above 1,769 MB a single-threaded handler gains nothing. Not
 * included: the runtime's own per-invoke work, a real network JWKS fetch (not CPU-bound), and Node 22 vs 20.
 */
export function costModel(warmMicros: number, coldMs: number, sizes = MEMORY_SIZES): CostRow[] {
  return sizes.map((memoryMb) => {
    const cpuShare = Math.min(1, memoryMb / FULL_VCPU_MB);
    const gb = memoryMb / 1024;
    const warmMs = warmMicros / 1000 / cpuShare;
    const billedWarmMs = Math.max(1, Math.ceil(warmMs));
    const scaledCold = coldMs / cpuShare;
    return {
      memoryMb,
      cpuShare,
      warmMs,
      billedWarmMs,
      usdPerMillionWarm: 1e6 * ((billedWarmMs / 1000) * gb * ARM_GB_SECOND_USD + REQUEST_USD),
      coldMs: scaledCold,
      // INIT is billed since August 2025; the first invoke's duration with it, in one 1 ms-rounded figure.
      usdPerColdStart: (Math.ceil(scaledCold) / 1000) * gb * ARM_GB_SECOND_USD,
    };
  });
}

export function printCostModel(rows: CostRow[], current: number): void {
  console.log(
    '\nmemorySize, modelled (not measured: no CPU quota here; time scaled by 1 / min(1, MB / 1769), arm64 prices)',
  );
  console.log(
    `${'MB'.padStart(5)} ${'CPU'.padStart(5)} ${'warm ms'.padStart(8)} ${'billed'.padStart(7)} ${'$ / 1M warm'.padStart(12)} ${'cold ms'.padStart(8)} ${'$ / 1M cold starts'.padStart(19)}`,
  );
  for (const r of rows) {
    console.log(
      `${String(r.memoryMb).padStart(5)} ${r.cpuShare.toFixed(2).padStart(5)} ${r.warmMs.toFixed(3).padStart(8)} ${`${r.billedWarmMs} ms`.padStart(7)} ${r.usdPerMillionWarm.toFixed(4).padStart(12)} ${r.coldMs.toFixed(0).padStart(8)} ${(r.usdPerColdStart * 1e6).toFixed(2).padStart(19)}${r.memoryMb === current ? '   (serverless.yml)' : ''}`,
    );
  }
}
