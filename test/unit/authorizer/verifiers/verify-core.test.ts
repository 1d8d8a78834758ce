// The core every kind shares: pinned algorithms, iss checked again once verified, common claims first, the reuse bound.
import { TokenRejectedError } from '../../../../authorizer/errors';
import { rejectionOf } from '../../../helpers/caught';
import { createRsaKey, type TestKey } from '../../../helpers/keys';
import { signToken, type Claims } from '../../../helpers/tokens';
import { createVerifierHarness, type VerifierHarness } from '../../../helpers/verifier-harness';

const ISSUER = 'https://idp.example.com/oauth2/default';
const AUDIENCE = 'api://comments';
const TOLERANCE_MS = 5_000; // testConfig's clockToleranceSeconds
const KEYS_MAX_AGE_MS = 600_000; // the jwks.maxAgeSeconds default

let rs256: TestKey;
let rs384: TestKey;
beforeAll(() => {
  rs256 = createRsaKey('k-256');
  rs384 = createRsaKey('k-384', 'RS384');
});

function harness(overrides = {}): VerifierHarness {
  const provider = {
    name: 'okta',
    type: 'oidc' as const,
    issuer: ISSUER,
    audiences: [AUDIENCE],
    jwksUri: 'https://idp.example.com/keys',
  };
  return createVerifierHarness(provider, [rs256, rs384], overrides);
}

function claims(h: VerifierHarness, extra: Claims = {}): Claims {
  const now = h.clock.nowSeconds();
  return { iss: ISSUER, sub: 'user-1', aud: AUDIENCE, iat: now, exp: now + 3600, ...extra };
}

async function reasonOf(result: Promise<unknown>): Promise<string> {
  const err = await rejectionOf(result);
  expect(err).toBeInstanceOf(TokenRejectedError);
  return (err as TokenRejectedError).code;
}

describe('verify core', () => {
  it("lets the header pick only among the provider's algorithms (RS256 unless configured)", async () => {
    // Prepare
    const strict = harness();
    const both = harness({
      providers: [
        { name: 'okta', type: 'oidc', issuer: ISSUER, audiences: [AUDIENCE], algorithms: ['RS256', 'RS384'] },
      ],
    });

    // Act
    const refused = await reasonOf(strict.verified(signToken(rs384, claims(strict))));
    const accepted = await both.verified(signToken(rs384, claims(both)));

    // Assess
    expect(refused).toBe('unsupported_alg');
    expect(accepted.kid).toBe('k-384');
  });

  it('checks iss again once the signature holds, exactly (a trailing slash differs)', async () => {
    // Prepare: the harness calls the verifier directly, as if selection by the unverified iss had been fooled.
    const h = harness();

    // Act
    const reason = await reasonOf(h.verified(signToken(rs256, claims(h, { iss: `${ISSUER}/` }))));

    // Assess
    expect(reason).toBe('issuer');
  });

  it('runs the common claim checks before the kind\'s: an expired token for another audience is "expired"', async () => {
    // Prepare
    const h = harness();

    // Act
    const reason = await reasonOf(
      h.verified(signToken(rs256, claims(h, { aud: 'api://other', exp: h.clock.nowSeconds() - 60 }))),
    );

    // Assess
    expect(reason).toBe('expired');
  });

  describe('reusableUntilMs: never later than verifying again would still accept', () => {
    it('is exp minus the tolerance when that comes first', async () => {
      // Prepare
      const h = harness();
      const exp = h.clock.nowSeconds() + 60;

      // Act
      const verified = await h.verified(signToken(rs256, claims(h, { exp })));

      // Assess
      expect(verified.reusableUntilMs).toBe(exp * 1000 - TOLERANCE_MS);
    });

    it("is the keys' maxAge from now for a long-lived token, so a reused answer meets the key store again", async () => {
      // Prepare
      const h = harness();

      // Act
      const verified = await h.verified(signToken(rs256, claims(h, { exp: h.clock.nowSeconds() + 86_400 })));

      // Assess
      expect(verified.reusableUntilMs).toBe(h.clock.now() + KEYS_MAX_AGE_MS);
    });

    it('is iat plus maxTokenAgeSeconds minus the tolerance under that setting', async () => {
      // Prepare
      const h = harness({ maxTokenAgeSeconds: 120 });
      const iat = h.clock.nowSeconds() - 100;

      // Act
      const verified = await h.verified(signToken(rs256, claims(h, { iat })));

      // Assess
      expect(verified.reusableUntilMs).toBe((iat + 120) * 1000 - TOLERANCE_MS);
    });
  });
});
