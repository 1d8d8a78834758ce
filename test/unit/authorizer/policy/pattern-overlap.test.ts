// patternsOverlap: hand cases on real route patterns, and a fast-check comparison with a brute-force regex oracle.
import fc from 'fast-check';
import type { RouteConfig } from '../../../../authorizer/config/schema';
import { patternsOverlap } from '../../../../authorizer/policy/pattern-overlap';
import { compileRoute, globTokens, type PatternToken } from '../../../../authorizer/policy/route-pattern';

const ns: PatternToken = { t: 'ns' };
const nsStar: PatternToken = { t: 'nsStar' };
const char: PatternToken = { t: 'char' };
const star: PatternToken = { t: 'star' };
const lit = (text: string): PatternToken[] => [...text].map((c) => ({ t: 'lit', c }));

function route(method: RouteConfig['method'], path: string) {
  return compileRoute({ method, path, permissions: [] }, 0);
}

/** The token list as a JavaScript RegExp with the same meaning ("s": "." also matches "/"). */
function toRegExp(tokens: readonly PatternToken[]): RegExp {
  const source = tokens
    .map((t) => {
      switch (t.t) {
        case 'lit':
          return t.c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
        case 'ns':
          return '[^/]';
        case 'char':
          return '.';
        case 'star':
          return '.*';
        case 'nsStar':
          return '[^/]*';
      }
    })
    .join('');
  return new RegExp(`^${source}$`, 's');
}

const ALPHABET = ['a', 'b', '/'] as const;
const MAX_WITNESS = 8;

/** Every string over ALPHABET, grouped by length 0..MAX_WITNESS (9,841 strings in all). */
const STRINGS_BY_LENGTH: string[][] = [['']];
for (let n = 1; n <= MAX_WITNESS; n++) {
  STRINGS_BY_LENGTH.push((STRINGS_BY_LENGTH[n - 1] ?? []).flatMap((s) => ALPHABET.map((c) => s + c)));
}

const nonStars = (tokens: readonly PatternToken[]) => tokens.filter((t) => t.t !== 'star' && t.t !== 'nsStar').length;

/**
 * A common string of length at most `limit`, or undefined.
 *
 * Why a bounded search is exact: in a shortest common string every character is consumed by a non-star token
 * of at least one side (a character eaten by a star on both sides can be deleted and both still match).
 * So a shortest witness has length <= nonStars(a) + nonStars(b). And the alphabet {a, b, /} is enough:
 * the patterns' literals use only these, and any other character can only be eaten by a non-literal class
 * on both sides, where "a" is accepted too.
 */
function bruteForceWitness(a: readonly PatternToken[], b: readonly PatternToken[], limit: number): string | undefined {
  const ra = toRegExp(a);
  const rb = toRegExp(b);
  for (let n = 0; n <= limit; n++) {
    const found = (STRINGS_BY_LENGTH[n] ?? []).find((s) => ra.test(s) && rb.test(s));
    if (found !== undefined) return found;
  }
  return undefined;
}

const tokenArb: fc.Arbitrary<PatternToken> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...ALPHABET).map((c): PatternToken => ({ t: 'lit', c })) },
  { weight: 1, arbitrary: fc.constantFrom(ns, nsStar, char, star) },
);
/** Any mix of the five token kinds, at most 4 tokens, so a witness never needs more than 8 characters. */
const tokensArb = fc.array(tokenArb, { maxLength: 4 });
/** An IAM Resource glob over the same alphabet, compiled by the production globTokens. */
const globArb = fc
  .array(fc.constantFrom('a', 'b', '/', '*', '?'), { maxLength: 4 })
  .map((chars) => globTokens(chars.join('')));

describe('patternsOverlap', () => {
  it('sees that an Allow on GET/comments/* reaches the requests of GET /comments/{id}/likes', () => {
    // Prepare
    const allow = route('GET', '/comments/{id}');
    const withheld = route('GET', '/comments/{id}/likes');

    // Act and Assess
    expect(patternsOverlap(allow.glob, withheld.language)).toBe(true);
    // ...but a Deny on GET/comments/*/likes cannot reach the single-segment requests of /comments/{id}.
    expect(patternsOverlap(withheld.glob, allow.language)).toBe(false);
  });

  it('sees that an Allow on GET/users/*/avatar cannot reach GET /users/{id}', () => {
    const avatar = route('GET', '/users/{id}/avatar');
    const user = route('GET', '/users/{id}');
    expect(patternsOverlap(avatar.glob, user.language)).toBe(false);
    expect(patternsOverlap(user.glob, avatar.language)).toBe(true);
  });

  it('treats an ANY route as "*/path": it reaches every verb at that path and also deeper paths', () => {
    const any = route('ANY', '/comments');
    expect(patternsOverlap(any.glob, route('DELETE', '/comments').language)).toBe(true);
    // "*" spans "/": */comments also matches GET/x/comments.
    expect(patternsOverlap(any.glob, route('GET', '/{x}/comments').language)).toBe(true);
    // ...even GET/comments/comments, a request of GET /comments/{id} with id "comments".
    expect(patternsOverlap(any.glob, route('GET', '/comments/{id}').language)).toBe(true);
    expect(patternsOverlap(any.glob, route('GET', '/comments/{id}/likes').language)).toBe(false);
  });

  it('keeps different verbs and different literals apart', () => {
    expect(patternsOverlap(route('GET', '/comments').glob, route('POST', '/comments').language)).toBe(false);
    expect(patternsOverlap(route('GET', '/comments').glob, route('GET', '/users').language)).toBe(false);
    expect(patternsOverlap(route('GET', '/a/{id}').glob, route('GET', '/b/{id}').language)).toBe(false);
  });

  it('reads a greedy {proxy+} as one character or more, across segments', () => {
    const proxy = route('GET', '/files/{proxy+}');
    expect(patternsOverlap(route('GET', '/files/{id}/raw').glob, proxy.language)).toBe(true);
    expect(patternsOverlap(globTokens('GET/files/?/raw'), proxy.language)).toBe(true);
    expect(patternsOverlap(globTokens('GET/files/?'), route('GET', '/files/{id}').language)).toBe(true);
    expect(patternsOverlap(globTokens('GET/files/?/'), proxy.language)).toBe(true);
    expect(patternsOverlap(globTokens('GET/files/?/'), route('GET', '/files/{id}').language)).toBe(false);
    expect(patternsOverlap(globTokens('GET/files/'), proxy.language)).toBe(false);
    expect(patternsOverlap(globTokens('GET/files/*'), proxy.language)).toBe(true);
  });

  it('matches the root resource only against itself or a star', () => {
    const root = route('GET', '/');
    expect(root.language).toEqual(lit('GET/'));
    expect(patternsOverlap(globTokens('GET/'), root.language)).toBe(true);
    expect(patternsOverlap(globTokens('*/'), root.language)).toBe(true);
    expect(patternsOverlap(route('GET', '/{proxy+}').glob, root.language)).toBe(true);
    expect(patternsOverlap(globTokens('GET/*'), route('GET', '/{proxy+}').language)).toBe(true);
    expect(patternsOverlap(route('GET', '/comments').glob, root.language)).toBe(false);
  });

  it.each<[string, PatternToken[], PatternToken[], boolean]>([
    ['two empty patterns', [], [], true],
    ['empty against a star', [], [star], true],
    ['empty against nsStar', [], [nsStar], true],
    ['empty against one character', [], [ns], false],
    ['"/" against ns', lit('/'), [ns], false],
    ['"/" against nsStar', lit('/'), [nsStar], false],
    ['"/" against char', lit('/'), [char], true],
    ['"/" against star', lit('/'), [star], true],
    ['ns against char', [ns], [char], true],
    ['nsStar "/" nsStar against "a/b"', [nsStar, ...lit('/'), nsStar], lit('a/b'), true],
    ['nsStar against "a/b"', [nsStar], lit('a/b'), false],
    ['star against "a/b"', [star], lit('a/b'), true],
    ['different first literals behind equal stars', [...lit('a'), star], [...lit('b'), star], false],
    ['different last literals behind equal stars', [star, ...lit('a')], [star, ...lit('b')], false],
    ['a* against *b (witness "ab")', [...lit('a'), star], [star, ...lit('b')], true],
    ['ns ns against one character', [ns, ns], [char], false],
    ['star in the middle must leave room', [...lit('ab'), star, ...lit('ba')], lit('aba'), false],
    ['star in the middle, long enough', [...lit('ab'), star, ...lit('ba')], lit('abba'), true],
  ])('decides %s', (_label, a, b, expected) => {
    // Act
    const forward = patternsOverlap(a, b);
    const backward = patternsOverlap(b, a);

    // Assess
    expect(forward).toBe(expected);
    expect(backward).toBe(expected);
    expect(bruteForceWitness(a, b, MAX_WITNESS) !== undefined).toBe(expected);
  });

  it('agrees with a brute-force regex oracle on random token lists (both directions, exact)', () => {
    fc.assert(
      fc.property(tokensArb, tokensArb, (a, b) => {
        const witness = bruteForceWitness(a, b, nonStars(a) + nonStars(b));
        expect(patternsOverlap(a, b)).toBe(witness !== undefined);
        expect(patternsOverlap(b, a)).toBe(witness !== undefined);
      }),
      { numRuns: 500 },
    );
  });

  it('agrees with the oracle for an IAM glob (globTokens) against a request language', () => {
    let overlapping = 0;
    fc.assert(
      fc.property(globArb, tokensArb, (glob, language) => {
        const witness = bruteForceWitness(glob, language, nonStars(glob) + nonStars(language));
        const overlap = patternsOverlap(glob, language);
        if (overlap) overlapping++;
        expect(overlap).toBe(witness !== undefined);
      }),
      { numRuns: 500 },
    );
    // Both answers must actually occur, or the comparison says little.
    expect(overlapping).toBeGreaterThan(50);
    expect(overlapping).toBeLessThan(450);
  });
});
