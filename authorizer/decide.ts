// The decision at the called route, from what the policy granted the token: allow, or deny saying why.
import type { DecisionReason } from './decision-log';
import type { Grant } from './policy/build-policy';
import type { CompiledRoute } from './policy/route-pattern';

export interface Verdict {
  readonly outcome: 'allow' | 'deny';
  readonly reason: Extract<DecisionReason, 'ok' | 'insufficient_scope' | 'route_not_configured'>;
}

// Constants, so a decision allocates nothing.
const ALLOWED: Verdict = Object.freeze({ outcome: 'allow', reason: 'ok' });
const INSUFFICIENT: Verdict = Object.freeze({ outcome: 'deny', reason: 'insufficient_scope' });
const UNCONFIGURED: Verdict = Object.freeze({ outcome: 'deny', reason: 'route_not_configured' });

/**
 * Only names the outcome at this route for the decision line: the returned document is the same whichever route
 * triggered it, since API Gateway reuses it for every route (so an unlisted route is denied by the document too).
 */
export function decide(grant: Grant, route: CompiledRoute | undefined): Verdict {
  if (!route) return UNCONFIGURED;
  return grant.allows(route) ? ALLOWED : INSUFFICIENT;
}
