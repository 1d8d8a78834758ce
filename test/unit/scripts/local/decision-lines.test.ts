// formatDecisionLine: the local stack's readable view of the authorizer's decision lines.
import { formatDecisionLine } from '../../../../scripts/local/decision-lines';

const line = (fields: Record<string, unknown>) =>
  JSON.stringify({ level: 'info', message: 'authorizer decision', ...fields });

describe('formatDecisionLine', () => {
  it('shows outcome, reason, principal, provider, kid and latency of a decision', () => {
    // Act
    const shown = formatDecisionLine(
      line({
        outcome: 'deny',
        reason: 'insufficient_scope',
        principalId: 'u-1',
        provider: 'cognito-local',
        kid: 'k1',
        latencyMs: 1.25,
      }),
    );

    // Assess
    expect(shown).toBe('authorizer: deny (insufficient_scope) principal=u-1 provider=cognito-local kid=k1 1.25 ms');
  });

  it('reads a line behind a runtime prefix and leaves out fields a refusal does not have', () => {
    expect(
      formatDecisionLine(
        `[offline] ${line({ outcome: 'unauthorized', reason: 'missing', provider: 'none', latencyMs: 0.1 })}`,
      ),
    ).toBe('authorizer: unauthorized (missing) provider=none 0.1 ms');
  });

  it('ignores every other line, malformed JSON included', () => {
    expect(formatDecisionLine('Server ready: http://127.0.0.1:3000')).toBeUndefined();
    expect(formatDecisionLine('{"message":"request failed"}')).toBeUndefined();
    expect(formatDecisionLine('{"message":"authorizer decision"')).toBeUndefined();
    expect(formatDecisionLine(JSON.stringify({ message: 'x', note: 'authorizer decision' }))).toBeUndefined();
  });
});
