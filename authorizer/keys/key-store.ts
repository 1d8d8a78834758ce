// Keys of one JWKS source by kid: single-flight refetch, a cool-down against random-kid floods, bounded stale-if-error.
import type { KeyObject } from 'node:crypto';
import { KeySourceUnavailableError, TokenRejectedError } from '../errors';

export interface VerificationKey {
  key: KeyObject;
  /** The JWK's own `alg`, when it declares one; the token's header alg must then equal it. */
  alg?: string;
}
export type KeySet = ReadonlyMap<string, VerificationKey>;
/** Loads the whole current key set of a source (possibly empty); rejects when the source cannot be read. */
export type KeyLoader = () => Promise<KeySet>;

export interface KeyStoreOptions {
  /** Names the source in errors and logs (the JWKS URI or issuer). */
  source: string;
  load: KeyLoader;
  /** Minimum time between two fetches: a flood of unknown kids costs the provider one fetch per cool-down. */
  cooldownMs: number;
  /** After this age a known key still answers at once while a background refresh picks up revocations. */
  maxAgeMs: number;
  /**
   * Stale-if-error ends here: once the last successful load is older than this, the known keys are dropped, since
   * a key the IdP withdrew while we could not read it must not verify forever. Must be >= maxAgeMs.
   */
  maxStaleMs: number;
  now: () => number;
  /** Called when a reload drops or replaces a key that was in use: caches of verified tokens must forget them. */
  onKeysChanged?: () => void;
}

export class KeyStore {
  private keys: KeySet = new Map();
  private loadedAt = Number.NEGATIVE_INFINITY;
  private lastAttemptAt = Number.NEGATIVE_INFINITY;
  private lastError: unknown = undefined;
  private inflight: Promise<void> | undefined;

  constructor(private readonly options: KeyStoreOptions) {}

  /** The known key for `kid`, without any await; undefined when a fetch would be needed. */
  peek(kid: string): VerificationKey | undefined {
    if (this.keys.size === 0) return undefined;
    const age = this.options.now() - this.loadedAt;
    // Past the staleness bound the hot path must not serve the keys: `resolve` then refetches or fails retryably.
    if (age > this.options.maxStaleMs) {
      this.dropStaleKeys();
      return undefined;
    }
    const found = this.keys.get(kid);
    if (found && age > this.options.maxAgeMs && this.mayFetch()) void this.refresh();
    return found;
  }

  /**
   * The key for `kid`, refetching at most once per cool-down when it is unknown or the known keys are too stale.
   * A source that never fails but sees no request for longer than maxStaleMs is simply refetched here, once,
   * synchronously for that request: the bound counts from the last successful load, not from the last failure.
   */
  async resolve(kid: string): Promise<VerificationKey> {
    const known = this.peek(kid);
    if (known) return known;
    if (this.inflight) await this.inflight;
    else if (this.mayFetch()) await this.refresh();
    return this.keys.get(kid) ?? this.miss();
  }

  /** Loads the key set now (single-flight). Never rejects: a failure is kept for `resolve` to report. */
  refresh(): Promise<void> {
    if (this.inflight) return this.inflight;
    this.lastAttemptAt = this.options.now();
    this.inflight = this.startLoad()
      .then(
        (keys) => {
          if (dropsOrReplaces(this.keys, keys)) this.options.onKeysChanged?.();
          this.keys = keys;
          this.loadedAt = this.options.now();
          this.lastError = undefined;
        },
        // Stale-if-error: the keys already known stay in use while the source is down, up to maxStaleMs.
        (err: unknown) => {
          this.lastError = err ?? new Error(`key source ${this.options.source} failed`);
          if (this.isTooStale()) this.dropStaleKeys();
        },
      )
      .finally(() => {
        this.inflight = undefined;
      });
    return this.inflight;
  }

  // A loader that throws synchronously must still end up as a recorded failure, never as a throw here.
  private startLoad(): Promise<KeySet> {
    try {
      return this.options.load();
    } catch (err) {
      return Promise.reject(err);
    }
  }

  /** The error of the most recent fetch, if it failed. */
  get failure(): unknown {
    return this.lastError;
  }

  private mayFetch(): boolean {
    return !this.inflight && this.options.now() - this.lastAttemptAt >= this.options.cooldownMs;
  }

  /** True when no load has succeeded within maxStaleMs (or none ever has). */
  private isTooStale(): boolean {
    return this.options.now() - this.loadedAt > this.options.maxStaleMs;
  }

  // Keys we could not confirm for maxStaleMs may have been withdrawn (a compromised key, say): stop trusting
  // them, and make the verified-token cache forget what they signed.
  private dropStaleKeys(): void {
    if (this.keys.size === 0) return;
    this.keys = new Map();
    this.options.onKeysChanged?.();
  }

  // Unknown kid: if the source could not be read we cannot tell a rotated key from a forged one,
  // so fail closed as retryable; if it was read and the kid is absent, the token is simply invalid.
  // Without a successful read within maxStaleMs (a refetch held back by the cool-down) it is not "read" either.
  private miss(): never {
    if (this.lastError !== undefined) throw new KeySourceUnavailableError(this.options.source, this.lastError);
    if (this.isTooStale()) {
      const stale = new Error(`no successful load of ${this.options.source} within ${this.options.maxStaleMs} ms`);
      throw new KeySourceUnavailableError(this.options.source, stale);
    }
    throw new TokenRejectedError('unknown_kid');
  }
}

function dropsOrReplaces(before: KeySet, after: KeySet): boolean {
  for (const [kid, old] of before) {
    const next = after.get(kid);
    if (!next || next.alg !== old.alg || !next.key.equals(old.key)) return true;
  }
  return false;
}
