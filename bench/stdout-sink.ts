// Sinks process.stdout.write to a no-op while "ours" runs at the default log level: the line is built, never written.
type Write = typeof process.stdout.write;

export interface StdoutSink {
  /** Lines (write calls) swallowed so far: lets the bench check that the info rows did log. */
  writes(): number;
  restore(): void;
}

/**
 * shared/logger.ts writes with `process.stdout.write(line)`, looked up at each call, so replacing the method sinks
 * the decision line without touching the code under test. The bench prints only after restore() (console.log
 * writes through the same method).
 */
export function sinkStdout(): StdoutSink {
  const original: Write = process.stdout.write;
  let writes = 0;
  process.stdout.write = ((_chunk: unknown, encoding?: unknown, callback?: unknown) => {
    writes++;
    const done = typeof encoding === 'function' ? encoding : callback;
    if (typeof done === 'function') process.nextTick(done as () => void);
    return true;
  }) as Write;
  return {
    writes: () => writes,
    restore: () => {
      process.stdout.write = original;
    },
  };
}
