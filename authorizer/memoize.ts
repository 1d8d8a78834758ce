// Small bounded memo tables for pure functions the hot path calls with a handful of distinct arguments.

const LIMIT = 512;

/** Memoizes a pure function of one argument; thrown errors are not cached. The table is dropped when full. */
export function memoize<A, R>(fn: (arg: A) => R): (arg: A) => R {
  const table = new Map<A, { value: R }>();
  return (arg) => {
    const known = table.get(arg);
    if (known) return known.value;
    const value = fn(arg);
    if (table.size >= LIMIT) table.clear();
    table.set(arg, { value });
    return value;
  };
}

/** The same for two strings, keyed unambiguously by both ("{length of a}:{a}{b}"). */
export function memoize2<R>(fn: (a: string, b: string) => R): (a: string, b: string) => R {
  const table = memoize((key: string) => {
    const colon = key.indexOf(':');
    const end = colon + 1 + Number(key.slice(0, colon));
    return fn(key.slice(colon + 1, end), key.slice(end));
  });
  return (a, b) => table(`${a.length}:${a}${b}`);
}
