// A bounded LRU of tokens that verified successfully, so a repeated token costs a map lookup, not an RSA verify.

/** What the cache needs of an entry: the instant after which it must not be served. */
export interface Expiring {
  /** Epoch ms after which the entry must not be served. */
  readonly expiresAtMs: number;
}

interface Slot<E> {
  entry: E;
  /** Second-chance bit (CLOCK, an LRU approximation): a hit costs a flag, not a delete and re-insert. */
  used: boolean;
}

/**
 * Only successes are stored, keyed by the exact token string. An entry expires at its `expiresAtMs`: the bound the
 * verifier gave its answer (the token's `exp` minus the clock tolerance, earlier than the verifier itself would
 * refuse it, or its maximum age, whichever is first), and `clear()` drops everything when a key source changes its
 * keys (rotation or revocation).
 */
export class VerifiedTokenCache<E extends Expiring> {
  private readonly entries = new Map<string, Slot<E>>();

  constructor(
    private readonly maxEntries: number,
    private readonly now: () => number,
  ) {}

  get(token: string): E | undefined {
    const slot = this.entries.get(token);
    if (!slot) return undefined;
    if (slot.entry.expiresAtMs <= this.now()) {
      this.entries.delete(token);
      return undefined;
    }
    slot.used = true;
    return slot.entry;
  }

  set(token: string, entry: E): void {
    if (this.maxEntries <= 0 || entry.expiresAtMs <= this.now()) return;
    this.entries.delete(token);
    while (this.entries.size >= this.maxEntries) this.evictOne();
    this.entries.set(token, { entry, used: false });
  }

  // Oldest first; a recently used entry gets a second chance at the back of the queue instead.
  private evictOne(): void {
    for (const [token, slot] of this.entries) {
      this.entries.delete(token);
      if (!slot.used || slot.entry.expiresAtMs <= this.now()) return;
      slot.used = false;
      this.entries.set(token, slot);
    }
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
