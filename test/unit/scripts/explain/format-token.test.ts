// The decoded-token section: the claims the checks read, readable times, and the other claims left out.
import { formatToken, timeOf } from '../../../../scripts/explain/format-token';

const NOW = 1_800_000_000;

describe('formatToken', () => {
  it('shows the header and the claims checks read, not the others', () => {
    // Act
    const lines = formatToken(
      {
        header: { alg: 'RS256', kid: 'k1', typ: 'at+jwt' },
        claims: { iss: 'https://idp/', aud: ['a', 'b'], email: 'someone@example.com', exp: NOW + 90, at_hash: 'h' },
      },
      NOW,
    ).join('\n');

    // Assess
    expect(lines).toContain('alg RS256, kid k1, typ at+jwt');
    expect(lines).toMatch(/aud\s+a b/);
    expect(lines).toMatch(/exp\s+1800000090 \(2027-01-15T08:01:30Z, in 90 s\)/);
    expect(lines).toMatch(/also\s+at_hash \(present\)/);
    expect(lines).not.toContain('someone@example.com');
  });

  it('says when the token could not be decoded, and shows odd values as JSON', () => {
    expect(formatToken(null, NOW)).toEqual(['Token: could not be decoded (see the format check below)']);
    const odd = formatToken({ header: { alg: 7 }, claims: { exp: 'soon', aud: { x: 1 } } }, NOW).join('\n');
    expect(odd).toContain('alg 7, kid (none), typ (none)');
    expect(odd).toMatch(/exp\s+soon/);
    expect(odd).toMatch(/aud\s+\{"x":1\}/);
  });
});

describe('timeOf', () => {
  it.each([
    [NOW, 'now'],
    [NOW - 30, '30 s ago'],
    [NOW + 600, 'in 10 min'],
    [NOW - 3 * 3_600, '3 h ago'],
    [NOW + 10 * 86_400, 'in 10 days'],
  ])('puts %d relative to the check time', (seconds, relative) => {
    expect(timeOf(seconds, NOW)).toContain(`, ${relative})`);
  });

  it('does not pretend a NumericDate beyond any calendar is a date', () => {
    expect(timeOf(1e15, NOW)).toContain('(not a date,');
  });
});
