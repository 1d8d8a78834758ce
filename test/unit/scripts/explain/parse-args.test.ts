// The explain command line: --token, --route, --json, --help, and usage errors that never echo a token.
import { ExplainUsageError } from '../../../../scripts/explain/errors';
import { parseExplainArgs } from '../../../../scripts/explain/parse-args';
import { caught } from '../../../helpers/caught';

describe('parseExplainArgs', () => {
  it('reads --token and --route with a separate or an inline value, and --json', () => {
    expect(parseExplainArgs(['--token', 'a.b.c', '--route=POST /comments', '--json'])).toEqual({
      token: 'a.b.c',
      route: 'POST /comments',
      json: true,
      help: false,
    });
    expect(parseExplainArgs([])).toEqual({ json: false, help: false });
  });

  it('answers --help (or -h) whatever else is given', () => {
    expect(parseExplainArgs(['--json', '-h', '--bogus']).help).toBe(true);
  });

  it.each([
    [['--token'], '--token needs a value'],
    [['--token', '--json'], '--token needs a value'],
    [['--route='], '--route needs a value'],
    [['--token', 'a', '--token', 'b'], '--token is given twice'],
    [['--verbose'], 'unexpected argument "--verbose"'],
    [['--route', 'comments'], '--route must be "METHOD /path"'],
    [['--route', 'FETCH /comments'], '--route must be "METHOD /path"'],
  ])('refuses %j: %s', (argv, message) => {
    // Act
    const err = caught(ExplainUsageError, () => parseExplainArgs(argv));

    // Assess
    expect(err.code).toBe('usage');
    expect(err.message).toContain(message);
    expect(err.message).toContain('usage: npm run explain');
  });

  it('names a long stray argument by its length only: it may be a token pasted in the wrong place', () => {
    // Prepare
    const token = `${'h'.repeat(30)}.${'p'.repeat(30)}.${'s'.repeat(43)}`;

    // Act
    const err = caught(ExplainUsageError, () => parseExplainArgs([token]));

    // Assess
    expect(err.message).toContain(`unexpected argument (${token.length} characters)`);
    expect(err.message).not.toContain(token);
  });
});
