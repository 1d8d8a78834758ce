// Counts calls of the built-ins an authorization leans on (JSON, base64url, crypto, clock), by wrapping them from outside.
import crypto from 'node:crypto';

export type Counts = Record<string, number>;

type Patch = [target: Record<string, unknown>, key: string, label: (args: unknown[]) => string | undefined];

const isBase64 = (encoding: unknown) => encoding === 'base64url' || encoding === 'base64';

// The shipped bundle calls these through the same global objects and the same `crypto` module object as this
// process (esbuild leaves `require("crypto")` to node), so wrapping them here sees every call it makes.
const PATCHES: Patch[] = [
  [JSON as never, 'parse', () => 'JSON.parse'],
  [JSON as never, 'stringify', () => 'JSON.stringify'],
  [Buffer as never, 'from', (a) => (isBase64(a[1]) ? 'Buffer.from(…, base64url) (a decode)' : undefined)],
  [Buffer.prototype as never, 'toString', (a) => (isBase64(a[0]) ? 'buffer.toString(base64url)' : undefined)],
  [crypto as never, 'createVerify', () => 'crypto.createVerify (a signature check)'],
  [crypto as never, 'verify', () => 'crypto.verify (a signature check)'],
  [crypto as never, 'createPublicKey', () => 'crypto.createPublicKey'],
  [Date.prototype as never, 'toISOString', () => 'Date#toISOString'],
  [Date as never, 'now', () => 'Date.now'],
  [performance as never, 'now', () => 'performance.now'],
];

/** Wraps the built-ins, runs `body`, restores them and returns how often each was called. */
export async function countCalls(body: () => Promise<void>): Promise<Counts> {
  const counts: Counts = {};
  const originals = PATCHES.map(([target, key, label]) => {
    const original = target[key] as (...args: unknown[]) => unknown;
    target[key] = function counted(this: unknown, ...args: unknown[]) {
      const name = label(args);
      if (name) counts[name] = (counts[name] ?? 0) + 1;
      return original.apply(this, args);
    };
    return () => {
      target[key] = original;
    };
  });
  try {
    await body();
  } finally {
    for (const restore of originals) restore();
  }
  return counts;
}
