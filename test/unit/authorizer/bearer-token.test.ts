// parseBearerToken: scheme handling and the shape/size checks that run before any decoding.
import { MAX_TOKEN_LENGTH, parseBearerToken } from '../../../authorizer/bearer-token';
import { TokenRejectedError } from '../../../authorizer/errors';
import { caught } from '../../helpers/caught';

const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1In0.c2ln';

function reasonFor(header: unknown): string {
  return caught(TokenRejectedError, () => parseBearerToken(header)).code;
}

describe('parseBearerToken', () => {
  it.each(['Bearer', 'bearer', 'BEARER', 'BeArEr'])(
    'accepts the scheme spelled %s (RFC 7235: case-insensitive)',
    (scheme) => {
      expect(parseBearerToken(`${scheme} ${TOKEN}`)).toBe(TOKEN);
    },
  );

  it('tolerates surrounding whitespace and several spaces after the scheme', () => {
    expect(parseBearerToken(`  Bearer   ${TOKEN} `)).toBe(TOKEN);
  });

  it.each([
    [undefined, 'missing'],
    [null, 'missing'],
    ['', 'missing'],
    ['   ', 'missing'],
    [42, 'missing'],
    [TOKEN, 'malformed'],
    [`Basic ${TOKEN}`, 'malformed'],
    [`Bearer${TOKEN}`, 'malformed'],
    ['Bearer ', 'malformed'],
    ['Bearer a.b', 'malformed'],
    ['Bearer a.b.c.d', 'malformed'],
    ['Bearer a.b.', 'malformed'],
    ['Bearer .b.c', 'malformed'],
    ['Bearer a+b.c/d.e=', 'malformed'],
    ['Bearer a.b.c extra', 'malformed'],
    [`Bearer ${TOKEN}\n${TOKEN}`, 'malformed'],
  ])('rejects %p as %s', (header, reason) => {
    expect(reasonFor(header)).toBe(reason);
  });

  it('rejects tokens over 8 KB before looking at their content', () => {
    const big = `${'a'.repeat(MAX_TOKEN_LENGTH)}.b.c`;
    expect(reasonFor(`Bearer ${big}`)).toBe('too_large');
    expect(reasonFor(`Bearer ${'x'.repeat(64 * 1024)}`)).toBe('too_large');
  });

  it('accepts a token of exactly the limit', () => {
    const token = `${'A'.repeat(MAX_TOKEN_LENGTH - 6)}.AA.AA`;
    expect(parseBearerToken(`Bearer ${token}`)).toBe(token);
  });

  it('accepts only the canonical base64url spelling of each segment (RFC 7515 §2)', () => {
    const signature = Buffer.from([1, 2, 3, 4, 5]).toString('base64url'); // "AQIDBAU": 3 left over, 2 unused bits
    expect(parseBearerToken(`Bearer e30.e30.${signature}`)).toBe(`e30.e30.${signature}`);
    // Same bytes, other spellings: stray low bits in the last character, or a dangling character.
    expect(reasonFor(`Bearer e30.e30.${signature.slice(0, -1)}V`)).toBe('malformed');
    const sixBytes = Buffer.from([1, 2, 3, 4, 5, 6]).toString('base64url'); // a whole number of groups
    expect(reasonFor(`Bearer e30.e30.${sixBytes}A`)).toBe('malformed'); // a dangling character
    expect(reasonFor('Bearer e30.e30.QR')).toBe('malformed'); // 2 left over, low 4 bits set
    expect(parseBearerToken('Bearer e30.e30.QQ')).toBe('e30.e30.QQ');
  });
});
