// Java's String.matches over the regex subset serverless writes: a full match, with Java's `.`.
import { MappingTemplateError } from '../../../../../scripts/gateway/model/errors';
import { compileFullMatch } from '../../../../../scripts/gateway/model/java-regex';
import { caught } from '../../../../helpers/caught';

describe('compileFullMatch', () => {
  it.each([
    ['http://127[.]0[.]0[.]1:5173', 'http://127.0.0.1:5173', true],
    ['http://127[.]0[.]0[.]1:5173', 'http://127x0x0x1:5173', false],
    ['http://localhost:5173', 'http://localhost:5173/', false],
    ['http://localhost:5173', 'xhttp://localhost:5173', false],
    ['https://.+[.]example[.]com', 'https://a.b.example.com', true],
    ['https://.+[.]example[.]com', 'https://.example.com', false],
    ['https://app[.]example[.]com', 'https://app.example.com', true],
    ['a\\.b', 'a.b', true],
    ['a\\.b', 'axb', false],
    ['[a-c]x?', 'b', true],
  ])('%s matches %s: %s', (pattern, value, expected) => {
    // Act
    const matched = compileFullMatch(pattern).test(value);

    // Assess
    expect(matched).toBe(expected);
  });

  it("does not let `.` match Java's line terminators, U+0085 included", () => {
    // Prepare
    const regex = compileFullMatch('a.b');

    // Act
    const results = ['a\nb', 'a\u0085b', 'a\u2028b', 'a-b'].map((v) => regex.test(v));

    // Assess
    expect(results).toEqual([false, false, false, true]);
  });

  it('matches code points, as Java does', () => {
    // Act
    const matched = compileFullMatch('a.b').test('a\u{1F600}b');

    // Assess
    expect(matched).toBe(true);
  });

  it.each(['a|b', '(a)', 'a{2}', '^a', 'a$', '[^a]', '\\d', '\\Qa\\E', 'a++', '+a', 'é'])(
    'refuses %s rather than approximating it',
    (pattern) => {
      // Act
      const error = caught(MappingTemplateError, () => compileFullMatch(pattern));

      // Assess
      expect(error.code).toBe('unsupported_construct');
    },
  );

  it('refuses a class range JavaScript cannot compile', () => {
    // Act
    const error = caught(MappingTemplateError, () => compileFullMatch('[z-a]'));

    // Assess
    expect(error.code).toBe('invalid_syntax');
  });
});
