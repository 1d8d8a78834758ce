// Stands in for `lru-memoizer` and `limiter` inside jwks-rsa in the bundle: its cache and rate limit, which are off.
'use strict';

/**
 * jwks-rsa requires both at load but calls them only with `cache: true` or `rateLimit: true`; jwks-loader.ts turns
 * both off because KeyStore owns caching, single-flight and the cool-down. Loading them costs ~26 KB of bundle
 * (lru-cache, lodash.clonedeep, limiter). Should either option ever be switched on, the key load throws (a
 * retryable key-source failure) instead of running without the library's wrapper. CommonJS, as jwks-rsa requires
 * them; wired in by authorizer/bundle-aliases.cjs.
 */
function refuse() {
  throw new Error("jwks-cache-off-shim: jwks-rsa's cache and rateLimit are off here (KeyStore caches)");
}

// lru-memoizer's export is the memoizer function itself; limiter's is { RateLimiter }.
module.exports = refuse;
module.exports.RateLimiter = function RateLimiter() {
  refuse();
};
