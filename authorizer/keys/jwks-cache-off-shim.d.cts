// Types for jwks-cache-off-shim.cjs: lru-memoizer's and limiter's entry points, each throwing when called.
declare function refuse(...args: unknown[]): never;
declare namespace refuse {
  const RateLimiter: new (...args: unknown[]) => never;
}
export = refuse;
