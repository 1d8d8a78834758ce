// The modules the authorizer's bundle replaces with small shims: read by serverless.yml's esbuild `alias`, jest's
// moduleNameMapper and bench/bundle.ts, so what ships, what is tested and what is measured are one list.
'use strict';

/** Module name → shim, relative to the repository root (each shim's comment says what it stands in for and why). */
module.exports = {
  // jwks-rsa only needs two jose calls; node:crypto does them (~1 KB, not ~93 KB).
  jose: './authorizer/keys/jose-node-shim.ts',
  // jsonwebtoken checks three fixed node-version ranges at load; the real semver is ~29 KB and ~8 ms of cold start.
  semver: './authorizer/jwt/semver-shim.ts',
  // jwks-rsa's loggers, never enabled here (its cache and rate limit are off): ~8 KB and ~4 ms of cold start.
  debug: './authorizer/keys/debug-off-shim.cjs',
  // jwks-rsa's cache and rate limit, both off (KeyStore caches): ~26 KB and several ms of cold start.
  'lru-memoizer': './authorizer/keys/jwks-cache-off-shim.cjs',
  limiter: './authorizer/keys/jwks-cache-off-shim.cjs',
};
