// Decides whether two patterns can match a common string: a product-automaton search over both token lists.
import type { PatternToken } from './route-pattern';

/** True when some string is matched by both `a` and `b`. Exact, and linear in |a|·|b| states. */
export function patternsOverlap(a: readonly PatternToken[], b: readonly PatternToken[]): boolean {
  if (!literalEndsAgree(a, b)) return false;
  const seen = new Set<number>();
  const width = b.length + 1;
  const stack: Array<[number, number]> = [[0, 0]];
  while (stack.length > 0) {
    const [i, j] = stack.pop() as [number, number];
    const id = i * width + j;
    if (seen.has(id)) continue;
    seen.add(id);
    if (i === a.length && j === b.length) return true;
    const ta = a[i];
    const tb = b[j];
    // A star may match nothing: move past it without consuming.
    if (ta && isStar(ta)) stack.push([i + 1, j]);
    if (tb && isStar(tb)) stack.push([i, j + 1]);
    // Both consume one character they can agree on; a star stays in place after consuming.
    if (ta && tb && classesMeet(ta, tb)) stack.push([isStar(ta) ? i : i + 1, isStar(tb) ? j : j + 1]);
  }
  return false;
}

function isStar(t: PatternToken): boolean {
  return t.t === 'star' || t.t === 'nsStar';
}

function classesMeet(x: PatternToken, y: PatternToken): boolean {
  if (x.t === 'lit' && y.t === 'lit') return x.c === y.c;
  if (x.t === 'lit') return x.c !== '/' || !excludesSlash(y);
  if (y.t === 'lit') return y.c !== '/' || !excludesSlash(x);
  return true; // any two non-literal classes share every character but "/", which is enough
}

function excludesSlash(t: PatternToken): boolean {
  return t.t === 'ns' || t.t === 'nsStar';
}

// Cheap pre-check: literal prefixes and suffixes must agree, which rules out most route pairs at once.
function literalEndsAgree(a: readonly PatternToken[], b: readonly PatternToken[]): boolean {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x?.t !== 'lit' || y?.t !== 'lit') break;
    if (x.c !== y.c) return false;
  }
  for (let i = 1; i <= Math.min(a.length, b.length); i++) {
    const x = a[a.length - i];
    const y = b[b.length - i];
    if (x?.t !== 'lit' || y?.t !== 'lit') break;
    if (x.c !== y.c) return false;
  }
  return true;
}
