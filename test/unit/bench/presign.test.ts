// The bench's tokens: distinct, valid for the configured issuer and audience, and never handed out twice.
import jwt from 'jsonwebtoken';
import { presignTokens, tokenStream } from '../../../bench/presign';
import { createRsaKey } from '../../helpers/keys';

describe('presignTokens', () => {
  it('signs distinct tokens that verify, and a tampered copy of the good one that does not', () => {
    const key = createRsaKey('bench-key');

    const tokens = presignTokens(key, 'https://issuer.example.com', 'api://bench', 3);

    const options = { algorithms: ['RS256' as const], issuer: 'https://issuer.example.com', audience: 'api://bench' };
    expect(new Set([tokens.good, ...tokens.fresh]).size).toBe(4);
    expect((jwt.verify(tokens.good, key.publicKey, options) as jwt.JwtPayload).sub).toBe('user-0');
    expect(tokens.fresh.map((t) => (jwt.verify(t, key.publicKey, options) as jwt.JwtPayload).sub)).toEqual([
      'user-1',
      'user-2',
      'user-3',
    ]);
    expect(() => jwt.verify(tokens.tampered, key.publicKey, options)).toThrow(/invalid signature/);
  });
});

describe('tokenStream', () => {
  it('hands out each token once, in order, then refuses', () => {
    const next = tokenStream(['a', 'b']);

    const taken = [next(), next()];

    expect(taken).toEqual(['a', 'b']);
    expect(() => next()).toThrow(/more than 2 pre-signed tokens/);
  });
});
