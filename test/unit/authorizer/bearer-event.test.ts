// The credential readers of each event shape: case-insensitive headers, duplicates refused, access_token on connect only.
import {
  connectCredential,
  headerCredential,
  requiredHeaderCredential,
  tokenCredential,
} from '../../../authorizer/bearer-event';
import { MAX_TOKEN_LENGTH } from '../../../authorizer/bearer-token';
import { TokenRejectedError } from '../../../authorizer/errors';
import { caught } from '../../helpers/caught';

const A = 'Bearer aaa.bbb.ccc';
const B = 'Bearer ddd.eee.fff';

const reasonOf = (read: () => unknown) => caught(TokenRejectedError, read).code;

describe('tokenCredential', () => {
  it('passes the TOKEN event header on as given, and calls anything else missing', () => {
    expect(tokenCredential(A)).toBe(A);
    expect(tokenCredential('')).toBe('');
    for (const value of [undefined, null, 7, ['x']]) expect(reasonOf(() => tokenCredential(value))).toBe('missing');
  });
});

describe('headerCredential', () => {
  it.each([
    ['Authorization', { Authorization: A }, undefined],
    ['authorization', { authorization: A }, undefined],
    ['AUTHORIZATION', { AUTHORIZATION: A }, undefined],
    ['only multiValueHeaders', null, { aUtHoRiZaTiOn: [A] }],
    ['the same value in both', { Authorization: A }, { Authorization: [A] }],
    ['the same value repeated', { authorization: A }, { Authorization: [A, A], authorization: [A] }],
    ['empty values beside it', { Authorization: '' }, { Authorization: ['', A] }],
  ])('finds the one value (%s)', (_label, headers, multi) => {
    expect(headerCredential(headers, multi)).toBe(A);
  });

  it.each([
    ['no headers', {}, {}],
    ['null maps (API Gateway sends null for none)', null, null],
    ['maps that are not objects', 'Authorization: x', ['Authorization']],
    ['another header', { Authorizations: A, 'X-Authorization': A }, { Proxy_Authorization: [A] }],
    ['null and empty values', { Authorization: null, authorization: '' }, { Authorization: null }],
  ])('finds none with %s', (_label, headers, multi) => {
    expect(headerCredential(headers, multi)).toBeUndefined();
  });

  it.each([
    ['two casings with different values', { Authorization: A, authorization: B }, undefined],
    ['headers and multiValueHeaders disagreeing', { Authorization: A }, { Authorization: [B] }],
    ['two different repeated values', undefined, { Authorization: [A, B] }],
    ['a value that is not text', { Authorization: 42 }, undefined],
    ['a multi-value entry that is not a list', undefined, { Authorization: A }],
    ['a list holding something other than text', undefined, { Authorization: [A, { value: A }] }],
  ])('refuses %s as malformed (never picks one)', (_label, headers, multi) => {
    expect(reasonOf(() => headerCredential(headers, multi))).toBe('malformed');
  });

  it('requiredHeaderCredential calls an absent header missing', () => {
    expect(requiredHeaderCredential({ Authorization: A })).toBe(A);
    expect(reasonOf(() => requiredHeaderCredential({ Host: 'x' }))).toBe('missing');
  });
});

describe('connectCredential', () => {
  const token = 'aaa.bbb.ccc';

  it('takes the header, or access_token in the header form', () => {
    expect(connectCredential({ headers: { Authorization: A } })).toBe(A);
    expect(connectCredential({ queryStringParameters: { access_token: token } })).toBe(`Bearer ${token}`);
    expect(
      connectCredential({
        queryStringParameters: { access_token: token },
        multiValueQueryStringParameters: { access_token: [token, token] },
      }),
    ).toBe(`Bearer ${token}`);
  });

  it.each([
    ['nothing', {}, 'missing'],
    ['an empty access_token', { queryStringParameters: { access_token: '' } }, 'missing'],
    ['a differently named parameter', { queryStringParameters: { Access_Token: token, token } }, 'missing'],
    [
      'both the header and access_token (RFC 6750 §2: one method)',
      { headers: { Authorization: `Bearer ${token}` }, queryStringParameters: { access_token: token } },
      'malformed',
    ],
    [
      'two different access_token values',
      { queryStringParameters: { access_token: token }, multiValueQueryStringParameters: { access_token: ['x.y.z'] } },
      'malformed',
    ],
    ['an access_token that is not text', { queryStringParameters: { access_token: ['x'] } }, 'malformed'],
    [
      'an oversize access_token',
      { queryStringParameters: { access_token: 'a'.repeat(MAX_TOKEN_LENGTH + 1) } },
      'too_large',
    ],
  ])('refuses %s', (_label, event, reason) => {
    expect(reasonOf(() => connectCredential(event))).toBe(reason);
  });

  it('reads access_token only as an own property (never through the prototype)', () => {
    const params = Object.create({ access_token: token }) as Record<string, unknown>;
    expect(reasonOf(() => connectCredential({ queryStringParameters: params }))).toBe('missing');
  });
});
