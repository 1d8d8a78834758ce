// Interleaved micro-benchmark rounds in one process: every case runs once per round, so drift hits all alike.
export interface BenchCase {
  name: string;
  ops: number;
  /** One operation; awaited only if it returns a promise. */
  run: (i: number) => unknown;
}

export interface CaseStats {
  name: string;
  median: number;
  best: number;
  worst: number;
  /** Per round, in run order: lets two cases run side by side be compared round by round. */
  samples: number[];
}

export async function measureInterleaved(
  cases: BenchCase[],
  rounds: number,
  warmupRounds: number,
): Promise<CaseStats[]> {
  const samples = new Map<string, number[]>(cases.map((c) => [c.name, []]));
  for (let round = 0; round < warmupRounds + rounds; round++) {
    for (const c of cases) {
      const started = process.hrtime.bigint();
      for (let i = 0; i < c.ops; i++) {
        const r = c.run(i);
        if (r instanceof Promise) await r;
      }
      const perOpMicros = Number(process.hrtime.bigint() - started) / 1000 / c.ops;
      if (round >= warmupRounds) samples.get(c.name)?.push(perOpMicros);
    }
  }
  return cases.map((c) => stats(c.name, samples.get(c.name) ?? []));
}

export function stats(name: string, values: number[]): CaseStats {
  const sorted = [...values].sort((a, b) => a - b);
  return { name, median: median(sorted), best: sorted[0] ?? NaN, worst: sorted.at(-1) ?? NaN, samples: values };
}

export function median(sorted: number[]): number {
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Median over rounds of a − b: two cases run next to each other in each round see the same machine state. */
export function pairedDifference(a: CaseStats, b: CaseStats): number {
  const diffs = a.samples.map((value, i) => value - (b.samples[i] ?? NaN)).filter((d) => !Number.isNaN(d));
  return median(diffs.sort((x, y) => x - y));
}
