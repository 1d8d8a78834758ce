// The one line per authorization decision: structured fields plus an EMF metric block; it never sees the token.
import { createEmfBlock } from '../shared/emf';
import type { Logger } from '../shared/logger';

export type Outcome = 'allow' | 'deny' | 'unauthorized' | 'unavailable' | 'error';

export interface Decision {
  outcome: Outcome;
  /** From a closed list: a RejectionReason, ok, insufficient_scope, route_not_configured, jwks_unavailable, ... */
  reason: string;
  provider?: string;
  kid?: unknown;
  principalId?: string;
  latencyMs: number;
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
    const { kid, latencyMs, provider, ...rest } = decision;
    const latency = Math.round(latencyMs * 1000) / 1000;
    const fields = {
      ...rest,
      provider: provider ?? 'none',
      ...(kid !== undefined ? { kid: typeof kid === 'string' && SAFE_KID.test(kid) ? kid : '(invalid)' } : {}),
      latencyMs: latency,
      Decisions: 1,
      DecisionLatency: latency,
      ...emf(options.now()),
    };
    options.logger[level]('authorizer decision', fields);
  };
}
