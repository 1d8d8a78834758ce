// The one line per authorization decision: structured fields plus an EMF metric block; it never sees the token.
import { createEmfBlock } from '../shared/emf';
import type { Logger } from '../shared/logger';
import { REJECTION_REASONS } from './errors';

export type Outcome = 'allow' | 'deny' | 'unauthorized' | 'unavailable' | 'error';

/**
 * Every reason a decision line can give, a closed list: logs and the `reason` metric dimension group by it, so a
 * new reason is added here (or to REJECTION_REASONS) and nowhere else.
 */
export const DECISION_REASONS = [
  ...REJECTION_REASONS,
  'ok',
  'insufficient_scope',
  'route_not_configured',
  'jwks_unavailable',
  'invalid_event',
  'internal',
] as const;
export type DecisionReason = (typeof DECISION_REASONS)[number];

/** What the authorizer had learned about the token when it decided; on a failure, what it learned before it. */
export interface TokenFacts {
  readonly provider?: string;
  /** The listed tenant whose issuer the token named (multi-tenant providers): a configured id, never token text. */
  readonly tenant?: string | undefined;
  /** From the (unverified) header; logged only when it looks like a key id. */
  readonly kid?: unknown;
  /** The verified `sub`: known only once the token verified. */
  readonly principalId?: string;
}

export interface Decision extends TokenFacts {
  readonly outcome: Outcome;
  readonly reason: DecisionReason;
  readonly latencyMs: number;
}

export interface DecisionLogOptions {
  logger: Logger;
  now: () => number;
  namespace: string;
}

// kid comes from an unverified header: log it only when it looks like a key id, never as free text.
const SAFE_KID = /^[A-Za-z0-9._:-]{1,128}$/;
// Counted by outcome, by outcome and reason, and per provider; a token that names no known issuer has provider "none".
const DIMENSIONS = [['outcome'], ['outcome', 'reason'], ['provider', 'outcome']];
const METRICS = [
  { name: 'Decisions', unit: 'Count' as const },
  { name: 'DecisionLatency', unit: 'Milliseconds' as const },
];

export function createDecisionLog(options: DecisionLogOptions): (decision: Decision) => void {
  const emf = createEmfBlock({ namespace: options.namespace, dimensions: DIMENSIONS, metrics: METRICS });
  return (decision) => {
    const level = decision.outcome === 'error' || decision.outcome === 'unavailable' ? 'error' : 'info';
    if (!options.logger.enabled(level)) return;
    const { kid, principalId } = decision;
    const latency = Math.round(decision.latencyMs * 1000) / 1000;
    // Named fields in a fixed order, so nothing but these (whatever object the caller built) reaches the line.
    const fields = {
      ...(principalId !== undefined ? { principalId } : {}),
      outcome: decision.outcome,
      reason: decision.reason,
      provider: decision.provider ?? 'none',
      // Not a metric dimension: tenants can be many, and each dimension value is a billed CloudWatch metric.
      ...(decision.tenant !== undefined ? { tenant: decision.tenant } : {}),
      ...(kid !== undefined ? { kid: typeof kid === 'string' && SAFE_KID.test(kid) ? kid : '(invalid)' } : {}),
      latencyMs: latency,
      Decisions: 1,
      DecisionLatency: latency,
      ...emf(options.now()),
    };
    options.logger[level]('authorizer decision', fields);
  };
}
