// checkTokenUse: evident ID tokens refused for access, evident access tokens refused for the ID-token opt-in.
import { TokenRejectedError } from '../../../../authorizer/errors';
import { checkTokenUse } from '../../../../authorizer/verifiers/token-type';
import { caught } from '../../../helpers/caught';

const reason = (run: () => void) => caught(TokenRejectedError, run).code;

describe('checkTokenUse', () => {
  it.each<[string, Record<string, unknown>, Record<string, unknown>?]>([
    ['at_hash (OIDC Core §3.1.3.6)', { at_hash: 'x' }],
    ['c_hash (OIDC Core §3.3.2.11)', { c_hash: 'x' }],
    ['Keycloak typ "ID"', { typ: 'ID' }],
    ['at_hash even under header typ at+jwt', { at_hash: 'x' }, { typ: 'at+jwt' }],
  ])('refuses %s for tokenUse access with reason id_token', (_name, payload, header = {}) => {
    expect(reason(() => checkTokenUse('access', header, payload))).toBe('id_token');
  });

  it.each([
    ['a plain access token', {}, {}],
    ['an RFC 9068 at+jwt', {}, { typ: 'at+jwt' }],
    ['a Keycloak access token with a nonce (keycloak#26893)', { typ: 'Bearer', nonce: 'n', session_state: 's' }, {}],
  ])('accepts %s for tokenUse access', (_name, payload, header) => {
    expect(() => checkTokenUse('access', header, payload)).not.toThrow();
  });

  it('with the explicit ID-token opt-in accepts ID tokens and refuses evident access tokens (token_use)', () => {
    expect(() => checkTokenUse('id', {}, { at_hash: 'x', nonce: 'n' })).not.toThrow();
    expect(reason(() => checkTokenUse('id', { typ: 'application/at+jwt' }, {}))).toBe('token_use');
    expect(reason(() => checkTokenUse('id', {}, { typ: 'Bearer' }))).toBe('token_use');
  });
});
