// The ordered verification steps: every failure reason belongs to one step, and statuses follow the first failure.
import { DECISION_REASONS } from '../../../authorizer/decision-log';
import { REJECTION_REASONS } from '../../../authorizer/errors';
import { checkOf, checkStatuses, VERIFICATION_CHECKS } from '../../../authorizer/verification-checks';

describe('VERIFICATION_CHECKS', () => {
  it('gives every rejection reason, and an unreadable key source, a step', () => {
    // Act
    const unplaced = [...REJECTION_REASONS, 'jwks_unavailable' as const].filter((r) => checkOf(r) === undefined);

    // Assess
    expect(unplaced).toEqual([]);
    expect(new Set(VERIFICATION_CHECKS.map((c) => c.id)).size).toBe(VERIFICATION_CHECKS.length);
  });

  it('places no step on reasons verification never ends with', () => {
    expect(
      ['ok', 'insufficient_scope', 'route_not_configured', 'invalid_event', 'internal'].map((r) => checkOf(r as never)),
    ).toEqual([undefined, undefined, undefined, undefined, undefined]);
    // Every decision reason is either a step's or one of those five: the list above stays complete.
    expect(DECISION_REASONS.filter((r) => checkOf(r) === undefined)).toHaveLength(5);
  });

  it('keeps the order the authorizer runs: shape, issuer, algorithm, key, signature, times, subject, kind, context', () => {
    expect(VERIFICATION_CHECKS.map((c) => c.id)).toEqual([
      'format',
      'issuer',
      'algorithm',
      'key',
      'signature',
      'lifetime',
      'subject',
      'provider_claims',
      'context',
    ]);
  });
});

describe('checkStatuses', () => {
  it('passes every step of a verified token', () => {
    expect(checkStatuses().every((c) => c.status === 'passed')).toBe(true);
  });

  it('passes the steps before the failing one and runs none after it', () => {
    // Act
    const statuses = checkStatuses('bad_signature').map((c) => `${c.id}:${c.status}`);

    // Assess
    expect(statuses).toEqual([
      'format:passed',
      'issuer:passed',
      'algorithm:passed',
      'key:passed',
      'signature:failed',
      'lifetime:not_run',
      'subject:not_run',
      'provider_claims:not_run',
      'context:not_run',
    ]);
  });

  it('claims nothing was checked for a failure no step gives (an internal error)', () => {
    expect(checkStatuses('internal').every((c) => c.status === 'not_run')).toBe(true);
  });
});
