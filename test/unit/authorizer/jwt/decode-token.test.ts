// decodeToken: unverified decoding of header and payload, refusing anything that is not two JSON objects.
import { TokenRejectedError } from '../../../../authorizer/errors';
import { decodeToken } from '../../../../authorizer/jwt/decode-token';
import { assemble } from '../../../helpers/tokens';
import { caught } from '../../../helpers/caught';

const seg = (text: string) => Buffer.from(text).toString('base64url');

/** The rejection code, or 'accepted' when the token decodes. */
function reasonFor(token: string): string {
  try {
    decodeToken(token);
  } catch (err) {
    return caught(TokenRejectedError, () => {
      throw err;
    }).code;
  }
  return 'accepted';
}

describe('decodeToken', () => {
  it('returns the raw token, header and payload', () => {
    const token = assemble({ alg: 'RS256', kid: 'k1' }, { sub: 'u', iss: 'i' });
    expect(decodeToken(token)).toEqual({
      raw: token,
      header: { alg: 'RS256', kid: 'k1' },
      payload: { sub: 'u', iss: 'i' },
    });
  });

  it.each([
    ['a header that is not JSON', `${seg('{nope')}.${seg('{}')}.c2ln`],
    ['a payload that is not JSON', `${seg('{}')}.${seg('nope')}.c2ln`],
    ['an array header', `${seg('[1]')}.${seg('{}')}.c2ln`],
    ['a null payload', `${seg('{}')}.${seg('null')}.c2ln`],
    ['a string payload', `${seg('{}')}.${seg('"x"')}.c2ln`],
    ['invalid UTF-8', `${Buffer.from([0xff, 0xfe]).toString('base64url')}.${seg('{}')}.c2ln`],
  ])('rejects %s as malformed', (_label, token) => {
    expect(reasonFor(token)).toBe('malformed');
  });

  it.each([
    ['a duplicate alg', '{"alg":"HS256","alg":"RS256"}'],
    ['a duplicate alg spelled with an escape', '{"alg":"RS256","\\u0061lg":"none"}'],
    ['a duplicate kid after a nested object', '{"kid":"a","jwk":{"kid":"x","kid":"y"},"kid":"b"}'],
  ])('rejects a header with %s (RFC 7515 §4)', (_label, header) => {
    expect(reasonFor(`${seg(header)}.${seg('{}')}.c2ln`)).toBe('malformed');
  });

  it('accepts the same name at different depths and names that only look alike', () => {
    expect(reasonFor(`${seg('{"kid":"a","jwk":{"kid":"b"},"x":"\\"kid\\""}')}.${seg('{}')}.c2ln`)).toBe('accepted');
    expect(reasonFor(`${seg('{"alg":"RS256","Alg":"x"}')}.${seg('{}')}.c2ln`)).toBe('accepted');
  });

  it('survives a deeply nested payload without throwing anything but a rejection or a value', () => {
    const nested = `${'['.repeat(4000)}${']'.repeat(4000)}`;
    expect(reasonFor(`${seg('{}')}.${seg(nested)}.c2ln`)).toBe('malformed');
    const deepObject = `{"a":${'{"a":'.repeat(1000)}1${'}'.repeat(1000)}}`;
    expect(reasonFor(`${seg('{}')}.${seg(deepObject)}.c2ln`)).toBe('accepted');
  });
});
