// A settable clock for tests: time moves only when a test says so, so nothing sleeps.
export interface TestClock {
  now: () => number;
  nowSeconds: () => number;
  advance(ms: number): void;
  set(ms: number): void;
}

export function createClock(startMs = Date.UTC(2026, 10, 23, 12, 0, 0)): TestClock {
  let current = startMs;
  return {
    now: () => current,
    nowSeconds: () => Math.floor(current / 1000),
    advance: (ms) => {
      current += ms;
    },
    set: (ms) => {
      current = ms;
    },
  };
}
