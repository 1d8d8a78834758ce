// The fix hints: one per failure reason of the closed lists, none for `ok`, and the ID-token hint users search for.
import { DECISION_REASONS } from '../../../../authorizer/decision-log';
import { REJECTION_REASONS } from '../../../../authorizer/errors';
import { FIX_HINTS, hintFor } from '../../../../scripts/explain/fix-hints';

describe('FIX_HINTS', () => {
  it.each([...REJECTION_REASONS, ...DECISION_REASONS.filter((r) => r !== 'ok')])(
    'has a one-line hint for %s',
    (reason) => {
      // Act
      const hint = hintFor(reason as keyof typeof FIX_HINTS);

      // Assess
      expect(typeof hint).toBe('string');
      expect(hint.trim().length).toBeGreaterThan(20);
      expect(hint).not.toContain('\n');
    },
  );

  it('holds exactly the failure reasons: no hint for ok, none for a reason that does not exist', () => {
    expect(Object.keys(FIX_HINTS).sort()).toEqual(DECISION_REASONS.filter((r) => r !== 'ok').sort());
  });

  it('tells a Cognito user who sent the ID token to send the access token', () => {
    expect(hintFor('token_use')).toMatch(/^token_use: this is an ID token; send the access token/);
    expect(hintFor('id_token')).toContain('send the access token');
  });

  it('says an unreachable key source is not the token’s fault and worth a retry', () => {
    expect(hintFor('jwks_unavailable')).toMatch(/not the token's fault.*retry/);
  });
});
