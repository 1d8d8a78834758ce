// Pins the jsonwebtoken errors (class and exact message) that verify-signature.ts classifies into rejection reasons.
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { createEcKey, createRsaKey } from '../../../helpers/keys';
import { assemble, signToken } from '../../../helpers/tokens';

// verify-signature.ts's reasonOf tells failures apart by class (TokenExpiredError, NotBeforeError) and, for the rest,
// by words in the message: "signature" → bad_signature, "invalid exp|nbf value" → invalid_claim,
// "algorithm|asymmetric|key" → alg_mismatch, anything else → malformed. A jsonwebtoken upgrade that rewords one of
// these would silently move tokens to another reason, so each case below fails loudly instead.

const NOW = 1_900_000_000;
const TOLERANCE = 5;

const rsa = createRsaKey('rsa');
const otherRsa = createRsaKey('other');
const ec = createEcKey('ec', 'ES256');
const ec384 = createEcKey('ec384', 'ES384');
const pss = generateKeyPairSync('rsa-pss', {
  modulusLength: 2048,
  hashAlgorithm: 'sha256',
  mgf1HashAlgorithm: 'sha256',
});
const ed25519 = generateKeyPairSync('ed25519');

/** jwt.verify exactly as verify-signature.ts calls it: one pinned algorithm, an injected clock, the tolerance. */
function verify(token: string, key: KeyObject, alg: string): unknown {
  return jwt.verify(token, key, { algorithms: [alg as jwt.Algorithm], clockTimestamp: NOW, clockTolerance: TOLERANCE });
}

function failure(token: string, key: KeyObject, alg: string): Error {
  try {
    verify(token, key, alg);
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected jwt.verify to throw');
}

describe('jsonwebtoken 9 errors that reasonOf depends on', () => {
  it.each([
    // [case, token, key, alg, class, message]; the comment names the reason reasonOf derives today.
    // → bad_signature
    [
      'a token signed by another key',
      () => signToken(rsa, { sub: 'a' }),
      otherRsa.publicKey,
      'RS256',
      jwt.JsonWebTokenError,
      'invalid signature',
    ],
    [
      'an ES256 signature of the wrong length',
      () => assemble({ alg: 'ES256' }, {}, 'AAAA'),
      ec.publicKey,
      'ES256',
      TypeError,
      '"ES256" signatures must be "64" bytes, saw "3"',
    ],
    [
      'an empty signature',
      () => assemble({ alg: 'RS256' }, {}, ''),
      rsa.publicKey,
      'RS256',
      jwt.JsonWebTokenError,
      'jwt signature is required',
    ],
    // → expired, not_yet_valid (by class, message for the log only)
    [
      'an expired token',
      () => signToken(rsa, { exp: NOW - 60 }),
      rsa.publicKey,
      'RS256',
      jwt.TokenExpiredError,
      'jwt expired',
    ],
    [
      'a token not yet valid',
      () => signToken(rsa, { nbf: NOW + 60 }),
      rsa.publicKey,
      'RS256',
      jwt.NotBeforeError,
      'jwt not active',
    ],
    // → invalid_claim
    [
      'a non-numeric exp',
      () => signToken(rsa, { exp: 'tomorrow' }),
      rsa.publicKey,
      'RS256',
      jwt.JsonWebTokenError,
      'invalid exp value',
    ],
    [
      'a non-numeric nbf',
      () => signToken(rsa, { nbf: 'now' }),
      rsa.publicKey,
      'RS256',
      jwt.JsonWebTokenError,
      'invalid nbf value',
    ],
    // → alg_mismatch
    [
      'an ES256 token on an RSA key',
      () => signToken(ec, {}),
      rsa.publicKey,
      'ES256',
      Error,
      '"alg" parameter for "rsa" key type must be one of: RS256, PS256, RS384, PS384, RS512, PS512.',
    ],
    [
      'an RS256 token on an EC key',
      () => signToken(rsa, {}),
      ec.publicKey,
      'RS256',
      Error,
      '"alg" parameter for "ec" key type must be one of: ES256, ES384, ES512.',
    ],
    [
      'a key of a type jsonwebtoken does not know',
      () => assemble({ alg: 'RS256' }, {}),
      ed25519.publicKey,
      'RS256',
      Error,
      'Unknown key type "ed25519".',
    ],
    [
      'an RSA-PSS key bound to another hash',
      () => assemble({ alg: 'PS384' }, {}),
      pss.publicKey,
      'PS384',
      Error,
      'Invalid key for this operation, its RSA-PSS parameters do not meet the requirements of "alg" PS384.',
    ],
    [
      'a private key where a public one belongs',
      () => signToken(rsa, {}),
      rsa.privateKey,
      'RS256',
      jwt.JsonWebTokenError,
      'secretOrPublicKey must be an asymmetric key when using RS256',
    ],
    [
      'a header alg outside the allowed list',
      () => signToken(rsa, {}),
      rsa.publicKey,
      'PS256',
      jwt.JsonWebTokenError,
      'invalid algorithm',
    ],
    // → malformed: no word reasonOf looks for (the JWK's declared alg or the configured list normally stops it first)
    [
      'an ES256 token on a P-384 key',
      () => signToken(ec, {}),
      ec384.publicKey,
      'ES256',
      Error,
      '"alg" parameter "ES256" requires curve "prime256v1".',
    ],
    ['a token without three parts', () => 'a.b', rsa.publicKey, 'RS256', jwt.JsonWebTokenError, 'jwt malformed'],
    ['three parts that are not a JWS', () => 'a.b.c', rsa.publicKey, 'RS256', jwt.JsonWebTokenError, 'invalid token'],
  ])('%s', (_label, token, key, alg, kind, message) => {
    // Prepare
    const raw = token();

    // Act
    const err = failure(raw, key, alg);

    // Assess: the exact class (not a subclass or superclass) and the exact message
    expect(Object.getPrototypeOf(err)).toBe(kind.prototype);
    expect(err.message).toBe(message);
  });

  it('keeps TokenExpiredError and NotBeforeError subclasses of JsonWebTokenError, with the time they name', () => {
    // Prepare
    const expired = signToken(rsa, { exp: NOW - 60 });
    const early = signToken(rsa, { nbf: NOW + 60 });

    // Act
    const expiredErr = failure(expired, rsa.publicKey, 'RS256') as jwt.TokenExpiredError;
    const earlyErr = failure(early, rsa.publicKey, 'RS256') as jwt.NotBeforeError;

    // Assess
    expect(expiredErr).toBeInstanceOf(jwt.JsonWebTokenError);
    expect(expiredErr).toMatchObject({ name: 'TokenExpiredError', expiredAt: new Date((NOW - 60) * 1000) });
    expect(earlyErr).toBeInstanceOf(jwt.JsonWebTokenError);
    expect(earlyErr).toMatchObject({ name: 'NotBeforeError', date: new Date((NOW + 60) * 1000) });
  });

  it('applies clockTolerance at the edges: expired once now >= exp + tolerance, early while nbf > now + tolerance', () => {
    // Prepare
    const atExpiry = signToken(rsa, { exp: NOW - TOLERANCE });
    const justBefore = signToken(rsa, { exp: NOW - TOLERANCE + 1 });
    const atNotBefore = signToken(rsa, { nbf: NOW + TOLERANCE });
    const justAfter = signToken(rsa, { nbf: NOW + TOLERANCE + 1 });

    // Act
    const outcomes = [atExpiry, justBefore, atNotBefore, justAfter].map((t) => {
      try {
        verify(t, rsa.publicKey, 'RS256');
        return 'valid';
      } catch (err) {
        return (err as Error).name;
      }
    });

    // Assess
    expect(outcomes).toEqual(['TokenExpiredError', 'valid', 'valid', 'NotBeforeError']);
  });

  it('verifies synchronously when given a key, returning the payload (the hot path has no promise)', () => {
    // Prepare
    const token = signToken(rsa, { sub: 'user-1', exp: NOW + 60 });

    // Act
    const payload = verify(token, rsa.publicKey, 'RS256');

    // Assess
    expect(payload).not.toBeInstanceOf(Promise);
    expect(payload).toEqual({ sub: 'user-1', exp: NOW + 60 });
  });
});
