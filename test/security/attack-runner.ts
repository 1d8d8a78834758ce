// Turns an authorizer's answer to one attack case into a comparable summary and checks it against the table.
import type { APIGatewayTokenAuthorizerEvent } from 'aws-lambda';
import type { PolicyDocument } from '../../authorizer/policy/build-policy';
import { decodeAuthContext } from '../../shared/auth-context';
import { tokenEvent } from '../helpers/events';
import { evaluatePolicy, WILDCARD_MODELS, type Effect } from '../helpers/iam-evaluator';
import { arnPrefix, type AttackCase, type AttackContext, type AttackInput } from './attack-cases';

/** The event API Gateway would send for the case (GET /comments unless the case names a route). */
export function eventOf(ctx: AttackContext, input: AttackInput): APIGatewayTokenAuthorizerEvent {
  return tokenEvent(input.authorization, input.methodArn ?? ctx.methodArn('GET', '/comments'));
}

/** What happened, in a form whose diff tells exactly how a case failed. */
export interface Observed {
  /** unauthorized | unavailable | allow | deny, or "threw …" / "returned …" for anything else. */
  outcome: string;
  /** The returned policy's effect at each probed method-ARN suffix, the same under every wildcard model. */
  at?: Record<string, string>;
  /** "decodes" when the context satisfies the handlers' contract (shared/auth-context.ts), else the decode error. */
  context?: string;
}

function probesOf(c: AttackCase): { allowAt: string[]; denyAt: string[] } {
  return typeof c.expect === 'string'
    ? { allowAt: [], denyAt: [] }
    : { allowAt: c.expect.allowAt ?? [], denyAt: c.expect.denyAt ?? [] };
}

/** The summary the case expects. */
export function expectedOf(c: AttackCase): Observed {
  if (c.expect === 'unauthorized' || c.expect === 'unavailable') return { outcome: c.expect };
  const { allowAt, denyAt } = probesOf(c);
  const at: Record<string, string> = {};
  for (const suffix of allowAt) at[suffix] = 'Allow';
  for (const suffix of denyAt) at[suffix] = 'Deny';
  return { outcome: 'allow' in c.expect ? 'allow' : 'deny', at, context: 'decodes' };
}

/** Summarises a result (or thrown error) of the authorizer for the case's probes. */
export function observe(c: AttackCase, result: unknown, methodArn: string): Observed {
  if (result instanceof Error) {
    // API Gateway maps only a plain Error with exactly this message to 401; a subclass or other text is a 500.
    const plain = Object.getPrototypeOf(result) === Error.prototype;
    if (plain && result.message === 'Unauthorized') return { outcome: 'unauthorized' };
    if (plain && result.message === 'KeySourceUnavailable') return { outcome: 'unavailable' };
    return { outcome: `threw ${result.constructor.name}: ${result.message}` };
  }
  const output = result as
    { principalId?: unknown; policyDocument?: PolicyDocument; context?: Record<string, unknown> } | undefined;
  if (!output?.policyDocument || typeof output.principalId !== 'string')
    return { outcome: `returned ${JSON.stringify(result)}` };
  const prefix = arnPrefix(methodArn);
  const { allowAt, denyAt } = probesOf(c);
  const at: Record<string, string> = {};
  for (const suffix of [...allowAt, ...denyAt])
    at[suffix] = effectUnderEveryModel(output.policyDocument, `${prefix}/${suffix}`);
  const effect = effectUnderEveryModel(output.policyDocument, methodArn);
  return {
    outcome: effect === 'Allow' ? 'allow' : effect === 'Deny' ? 'deny' : effect,
    at,
    context: contextVerdict(output.principalId, output.context ?? {}),
  };
}

// As a handler receives it: every context value a string (API Gateway's stringification), then the real decoder.
function contextVerdict(principalId: string, context: Record<string, unknown>): string {
  const delivered: Record<string, string> = { principalId };
  for (const [key, value] of Object.entries(context)) delivered[key] = String(value);
  try {
    decodeAuthContext(delivered);
    return 'decodes';
  } catch (err) {
    return `invalid: ${(err as Error).message}`;
  }
}

export function expectOutcome(c: AttackCase, result: unknown, methodArn: string): void {
  expect(observe(c, result, methodArn)).toEqual(expectedOf(c));
}

/** The decision line must carry the expected outcome, and the expected reason where the table gives one. */
export function expectDecision(c: AttackCase, decision: Record<string, unknown> | undefined): void {
  const outcome = expectedOf(c).outcome;
  expect({ outcome: decision?.outcome, reason: decision?.reason }).toEqual({
    outcome,
    reason: c.reason ?? expect.any(String),
  });
}

/** The credential part of an Authorization value (after the scheme), for leak scanning. */
export function credentialOf(authorization: string): string {
  const match = /^\s*\S+\s+(.*)$/s.exec(authorization);
  return (match?.[1] ?? authorization).trim();
}

/** The effect if every reading of IAM's wildcards agrees on it, else a description of the disagreement. */
function effectUnderEveryModel(document: PolicyDocument, arn: string): string {
  const effects = WILDCARD_MODELS.map((model): [string, Effect] => [model, evaluatePolicy(document, arn, model)]);
  const distinct = new Set(effects.map(([, effect]) => effect));
  return distinct.size === 1
    ? (effects[0]?.[1] as Effect)
    : `models disagree: ${effects.map((e) => e.join(' ')).join(', ')}`;
}
