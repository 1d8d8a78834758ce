// The one line per authorization decision: structured fields plus an EMF metric block; it never sees the token.
import { createEmfMember, jsonNumber } from '../shared/emf';
import type { Logger } from '../shared/logger';
import { REJECTION_REASONS } from './errors';

const OUTCOMES = ['allow', 'deny', 'unauthorized', 'unavailable', 'error'] as const;
export type Outcome = (typeof OUTCOMES)[number];

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

/** Logs one decision: what was known of the token, the outcome and reason, and the time since the event arrived. */
export type LogDecision = (facts: TokenFacts, outcome: Outcome, reason: DecisionReason, latencyMs: number) => void;

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
const MESSAGE = 'authorizer decision';
// The closed lists' values, serialized once: no decision line escapes an outcome or a reason again.
const OUTCOME_MEMBERS = membersOf('outcome', OUTCOMES);
const REASON_MEMBERS = membersOf('reason', DECISION_REASONS);

/** The token's part of the line: a cached token, logged again and again, hands in the same facts object. */
interface FactsMembers {
  /** `"principalId":…,` or nothing. */
  readonly head: string;
  /** `"provider":…,` then `"tenant":…,` and `"kid":…,` when known. */
  readonly tail: string;
}

/**
 * The line is serialized by hand, in a fixed order, from named fields only: nothing else of whatever object the
 * caller passed reaches it. Each value that can hold any text goes through JSON.stringify; the rest is constant.
 */
export function createDecisionLog(options: DecisionLogOptions): LogDecision {
  const { logger, now } = options;
  const emf = createEmfMember({ namespace: options.namespace, dimensions: DIMENSIONS, metrics: METRICS });
  // One facts object remembered, not all of them: a warm run of new tokens would fill a WeakMap with ephemerons that
  // cost the garbage collector more than serializing anew (measured: 3-4 µs vs 1.1 µs a line), while a hot token
  // repeating (the cached path) still serializes its part once.
  let lastFacts: TokenFacts | undefined;
  let lastMembers: FactsMembers = { head: '', tail: '' };
  const membersFor = (facts: TokenFacts): FactsMembers => {
    if (facts !== lastFacts) [lastFacts, lastMembers] = [facts, serializeFacts(facts)];
    return lastMembers;
  };
  return (facts, outcome, reason, latencyMs) => {
    const level = outcome === 'error' || outcome === 'unavailable' ? 'error' : 'info';
    if (!logger.enabled(level)) return;
    // One clock read for the line's time and the metrics' timestamp.
    const at = now();
    const { head, tail } = membersFor(facts);
    const latency = jsonNumber(Math.round(latencyMs * 1000) / 1000);
    const members =
      `${head}${OUTCOME_MEMBERS.get(outcome) ?? memberOf('outcome', outcome)}` +
      `${REASON_MEMBERS.get(reason) ?? memberOf('reason', reason)}${tail}` +
      `"latencyMs":${latency},"Decisions":1,"DecisionLatency":${latency},${emf(at)}`;
    if (logger.line) logger.line(level, MESSAGE, members, at);
    // A Logger of someone else's making (no `line`) gets the same fields as an object.
    else logger[level](MESSAGE, JSON.parse(`{${members}}`) as Record<string, unknown>);
  };
}

function serializeFacts(facts: TokenFacts): FactsMembers {
  const { principalId, tenant, kid } = facts;
  // Not a metric dimension: tenants can be many, and each dimension value is a billed CloudWatch metric.
  const tenantMember = tenant !== undefined ? memberOf('tenant', tenant) : '';
  const safeKid = typeof kid === 'string' && SAFE_KID.test(kid) ? kid : '(invalid)';
  return {
    head: principalId !== undefined ? memberOf('principalId', principalId) : '',
    tail: `${memberOf('provider', facts.provider ?? 'none')}${tenantMember}${kid !== undefined ? memberOf('kid', safeKid) : ''}`,
  };
}

// `"name":value,` as JSON.stringify writes the member (the names here are plain identifiers).
function memberOf(name: string, value: unknown): string {
  return `"${name}":${JSON.stringify(value)},`;
}

function membersOf(name: string, values: readonly string[]): ReadonlyMap<string, string> {
  return new Map(values.map((value) => [value, memberOf(name, value)]));
}
