// Keys of one JWKS source by kid: single-flight refetch, a cool-down against random-kid floods, and stale-if-error.
import type { KeyObject } from 'node:crypto';
import { KeySourceUnavailableError, TokenRejectedError } from '../errors';

export interface VerificationKey {
  key: KeyObject;
  /** The JWK's own `alg`, when it declares one; the token's header alg must then equal it. */
  alg?: string;
}
export type KeySet = ReadonlyMap<string, VerificationKey>;
/** Loads the whole current key set of a source; rejects when the source cannot be read. */
export type KeyLoader = () => Promise<KeySet>;

export interface KeyStoreOptions {
  /** Names the source in errors and logs (the JWKS URI or issuer). */
  source: string;
  load: KeyLoader;
  /** Minimum time between two fetches: a flood of unknown kids costs the provider one fetch per cool-down. */
  cooldownMs: number;
  /** After this age a known key still answers at once while a background refresh picks up revocations. */
  maxAgeMs: number;
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
    const found = this.keys.get(kid);
    if (found && this.options.now() - this.loadedAt > this.options.maxAgeMs && this.mayFetch()) {
      void this.refresh();
    }
    return found;
  }

  /** The key for `kid`, refetching at most once per cool-down when it is unknown. */
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
        // Stale-if-error: the keys already known stay in use while the source is down.
        (err: unknown) => {
          this.lastError = err ?? new Error(`key source ${this.options.source} failed`);
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

  // Unknown kid: if the source could not be read we cannot tell a rotated key from a forged one,
  // so fail closed as retryable; if it was read and the kid is absent, the token is simply invalid.
  private miss(): never {
    if (this.lastError !== undefined) throw new KeySourceUnavailableError(this.options.source, this.lastError);
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
