// Writes the one structured line per authorization decision; it never receives the token, only safe facts.
import type { Logger } from '../shared/logger';

export type Outcome = 'allow' | 'deny' | 'unauthorized' | 'unavailable' | 'error';

export interface Decision {
  outcome: Outcome;
  /** From a closed list: a RejectionReason, insufficient_scope, route_not_configured, jwks_unavailable, ... */
  reason: string;
  provider?: string;
  kid?: unknown;
  principalId?: string;
  latencyMs: number;
}

// kid comes from an unverified header: log it only when it looks like a key id, never as free text.
const SAFE_KID = /^[A-Za-z0-9._:-]{1,128}$/;

export function logDecision(logger: Logger, decision: Decision): void {
  const { kid, latencyMs, ...rest } = decision;
  const fields = {
    ...rest,
    ...(kid !== undefined ? { kid: typeof kid === 'string' && SAFE_KID.test(kid) ? kid : '(invalid)' } : {}),
    latencyMs: Math.round(latencyMs * 1000) / 1000,
  };
  const level = decision.outcome === 'error' || decision.outcome === 'unavailable' ? 'error' : 'info';
  logger[level]('authorizer decision', fields);
}
