// colonSafe: each mid-pattern "*" in both colon forms, so a Resource means the same under every wildcard model.
import fc from 'fast-check';
import { colonSafe, colonSafeAll } from '../../../../authorizer/policy/colon-safe';
import { globMatches, WILDCARD_MODELS } from '../../../helpers/iam-evaluator';

describe('colonSafe', () => {
  it('leaves literals, the ANY verb "*" and the trailing "*" alone', () => {
    expect(colonSafe('GET/comments')).toEqual(['GET/comments']);
    expect(colonSafe('GET/comments/*')).toEqual(['GET/comments/*']);
    expect(colonSafe('*/comments/*')).toEqual(['*/comments/*']);
  });

  it('writes a mid-pattern "*" as "*" and as "*:*"', () => {
    expect(colonSafe('GET/comments/*/likes')).toEqual(['GET/comments/*/likes', 'GET/comments/*:*/likes']);
    expect(colonSafe('GET/a/*/b/*/c')).toEqual([
      'GET/a/*/b/*/c',
      'GET/a/*/b/*:*/c',
      'GET/a/*:*/b/*/c',
      'GET/a/*:*/b/*:*/c',
    ]);
  });

  it('drops repeats across a list', () => {
    expect(colonSafeAll(['GET/a/*/b', 'GET/a/*/b', 'GET/c'])).toEqual(['GET/a/*/b', 'GET/a/*:*/b', 'GET/c']);
  });

  // The property the policy relies on: under the colon rule the forms together match exactly what the single
  // pattern matches where "*" spans everything; under the other two models they add nothing.
  const segment = fc.constantFrom('a', 'b', 'x:y', 'u:r:n', ':', 'a/b', 'a:b/c', 'c/d:e', '');
  const patternArb = fc
    .array(fc.oneof(fc.constantFrom('a', 'b', 'likes'), fc.constant('*')), { minLength: 1, maxLength: 4 })
    .map((parts) => `GET/${parts.join('/')}`);

  it('matches under the colon rule exactly what "*"-spans-all matches, and no more under any model', () => {
    fc.assert(
      fc.property(patternArb, fc.array(segment, { minLength: 1, maxLength: 5 }), (pattern, parts) => {
        // Prepare
        const arn = `GET/${parts.join('/')}`;
        const forms = colonSafe(pattern);

        // Act
        const under = (model: (typeof WILDCARD_MODELS)[number]) => forms.some((f) => globMatches(f, arn, model));

        // Assess
        expect(under('colon')).toBe(globMatches(pattern, arn, 'spanning'));
        expect(under('spanning')).toBe(globMatches(pattern, arn, 'spanning'));
        expect(under('segment')).toBe(globMatches(pattern, arn, 'segment'));
      }),
      { numRuns: 2000 },
    );
  });
});
