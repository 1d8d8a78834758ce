// A bounded LRU of tokens that verified successfully, so a repeated token costs a map lookup, not an RSA verify.

/** What the cache needs of an entry: the instant after which it must not be served. */
export interface Expiring {
  /** Epoch ms after which the entry must not be served. */
  readonly expiresAtMs: number;
}

interface Slot<E> {
  readonly token: string;
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
  /**
   * The slots in a fixed ring that the clock hand walks: once full, an insert replaces the slot under the hand
   * instead of deleting a Map's oldest entry, whose iteration would first skip every hole earlier deletes left.
   */
  private ring: Array<Slot<E>> = [];
  private hand = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly now: () => number,
  ) {}

  get(token: string): E | undefined {
    const slot = this.entries.get(token);
    if (!slot) return undefined;
    if (slot.entry.expiresAtMs <= this.now()) {
      // Stays in the ring until the hand reaches it: an expired slot is the first one replaced.
      this.entries.delete(token);
      return undefined;
    }
    slot.used = true;
    return slot.entry;
  }

  set(token: string, entry: E): void {
    const now = this.now();
    if (this.maxEntries <= 0 || entry.expiresAtMs <= now) return;
    const known = this.entries.get(token);
    if (known) {
      known.entry = entry;
      return;
    }
    const slot: Slot<E> = { token, entry, used: false };
    this.entries.set(token, slot);
    if (this.ring.length < this.maxEntries) this.ring.push(slot);
    else this.ring[this.victim(now)] = slot;
  }

  // Oldest first; a recently used entry gets a second chance (its bit cleared) and the hand moves on.
  private victim(now: number): number {
    for (;;) {
      const index = this.hand;
      const slot = this.ring[index] as Slot<E>;
      this.hand = (index + 1) % this.ring.length;
      const live = this.entries.get(slot.token) === slot;
      if (!live || !slot.used || slot.entry.expiresAtMs <= now) {
        if (live) this.entries.delete(slot.token);
        return index;
      }
      slot.used = false;
    }
  }

  clear(): void {
    this.entries.clear();
    this.ring = [];
    this.hand = 0;
  }

  get size(): number {
    return this.entries.size;
  }
}
