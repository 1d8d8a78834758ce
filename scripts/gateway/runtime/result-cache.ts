// API Gateway's authorizer result cache: valid outputs by identity-source value, for the TTL, shared by every route.
import { createHash } from 'node:crypto';
import type { AuthorizerOutput } from './authorizer-output';

/** AWS::ApiGateway::Authorizer AuthorizerResultTtlInSeconds: default 300, 0 disables caching, at most 3600. */
export const DEFAULT_TTL_SECONDS = 300;
export const MAX_TTL_SECONDS = 3600;
export const DEFAULT_MAX_ENTRIES = 10_000;

export interface ResultCacheOptions {
  ttlSeconds: number;
  /** Bound on entries; the least recently used goes first. */
  maxEntries?: number;
  /** Epoch milliseconds; tests pass a fixed clock. */
  now?: () => number;
}

export interface AuthorizerResultCache {
  /** The output cached for this identity-source value, while its TTL lasts. */
  get(identity: string): AuthorizerOutput | undefined;
  /** Caches a valid output (only valid outputs have this type: a thrown Unauthorized or a 500 never reach here). */
  put(identity: string, output: AuthorizerOutput): void;
  readonly size: number;
  clear(): void;
}

/**
 * One cache per authorizer: API Gateway keys the result by the identity-source value alone (for a TOKEN authorizer the
 * whole Authorization header, "Bearer " included, compared exactly) and reuses it for every method and path of the
 * API until the TTL ends; the caller evaluates the cached policy again at each request's method ARN.
 *
 * What is cached: the Developer Guide's "Use API Gateway Lambda authorizers" (2019 revision, awsdocs/
 * amazon-api-gateway-developer-guide) says "For a valid policy, API Gateway caches the returned policy, associated
 * with the incoming token or identity source request parameters". So a thrown "Unauthorized", an error, a timeout
 * and a malformed output are never cached: each retry invokes the authorizer again. Today's page mentions caching
 * under "If access is allowed" only; this cache also keeps a valid output whose policy denied the first request (the
 * policy is what is cached, not the verdict), the stricter reading: a route-dependent policy shows its bug here too.
 *
 * Bounded (an LRU of `maxEntries`) and keyed by a SHA-256 of the header, so neither a flood of tokens nor a 10 KB
 * header grows memory beyond the bound, and no raw token sits in the map.
 */
export function createResultCache(options: ResultCacheOptions): AuthorizerResultCache {
  const { ttlSeconds, maxEntries = DEFAULT_MAX_ENTRIES, now = Date.now } = options;
  if (!Number.isInteger(ttlSeconds) || ttlSeconds < 0 || ttlSeconds > MAX_TTL_SECONDS) {
    throw new TypeError(`ttlSeconds must be a whole number from 0 to ${MAX_TTL_SECONDS}, got ${ttlSeconds}`);
  }
  if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new TypeError('maxEntries must be a positive integer');
  const ttlMs = ttlSeconds * 1000;
  // Map keeps insertion order: the first key is the least recently used one.
  const entries = new Map<string, { output: AuthorizerOutput; expiresAtMs: number }>();

  function get(identity: string): AuthorizerOutput | undefined {
    const key = keyOf(identity);
    const entry = entries.get(key);
    if (!entry) return undefined;
    entries.delete(key);
    // Served while now < expiry: at exactly ttl seconds after the put the entry is gone.
    if (now() >= entry.expiresAtMs) return undefined;
    entries.set(key, entry);
    return entry.output;
  }

  function put(identity: string, output: AuthorizerOutput): void {
    if (ttlMs === 0) return;
    const key = keyOf(identity);
    entries.delete(key);
    entries.set(key, { output, expiresAtMs: now() + ttlMs });
    for (const oldest of entries.keys()) {
      if (entries.size <= maxEntries) break;
      entries.delete(oldest);
    }
  }

  return {
    get,
    put,
    get size() {
      return entries.size;
    },
    clear: () => entries.clear(),
  };
}

function keyOf(identity: string): string {
  return createHash('sha256').update(identity, 'utf8').digest('base64');
}
