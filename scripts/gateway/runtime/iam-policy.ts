// The IAM policy evaluator the tests trust and the local gateway runs: explicit Deny wins, default deny, per model.
import { PolicyConfigurationError } from './errors';
import { actionMatches, globMatches, WILDCARD_MODELS, type WildcardModel } from './iam-glob';

export { actionMatches, globMatches, WILDCARD_MODELS, type WildcardModel } from './iam-glob';

export type Effect = 'Allow' | 'Deny';
/** An Effect with the reason for a Deny: API Gateway words the 403 differently for the two (see authorizer-outcome). */
export type Verdict = 'Allow' | 'ExplicitDeny' | 'ImplicitDeny';

export interface IamStatement {
  readonly Sid?: string;
  readonly Effect: Effect;
  /** IAM allows a single string or a list, in Action as in Resource. */
  readonly Action: string | readonly string[];
  readonly Resource: string | readonly string[];
}
export interface IamPolicyDocument {
  readonly Version: string;
  readonly Id?: string;
  /** IAM allows one statement object as well as a list. */
  readonly Statement: IamStatement | readonly IamStatement[];
}

/** One wildcard reading, or `all`: Allow only when every reading allows. */
export type EvaluationModel = WildcardModel | 'all';

/**
 * The gateway's reading: a request is allowed only if all three wildcard models allow it. AWS never states which
 * reading holds (see iam-glob.ts), so the gateway must not pass a request that AWS might refuse under the reading it
 * really uses: a route the policy under-grants under any reading fails locally, before it fails in production.
 * What an all-allow rule cannot show is the converse: a request that only one reading over-grants is refused here,
 * as it should be, so nothing fails. `divergent` flags every such disagreement for the caller to report, and the
 * per-model tests (test/unit/authorizer/policy) remain the proof that the product's policies over-grant under none.
 */
export const DEFAULT_GATEWAY_MODEL: EvaluationModel = 'all';

export interface PolicyDecision {
  effect: Effect;
  verdict: Verdict;
  /** True when the wildcard readings disagree on Allow: the policy means different things on different readings. */
  divergent: boolean;
  byModel: Partial<Record<WildcardModel, Verdict>>;
}

const INVOKE = 'execute-api:Invoke';
// IAM User Guide, "IAM JSON policy elements: Version": the two versions the policy language has.
const VERSIONS = new Set(['2012-10-17', '2008-10-17']);
const DOCUMENT_KEYS = new Set(['Version', 'Id', 'Statement']);
const STATEMENT_KEYS = new Set(['Sid', 'Effect', 'Action', 'Resource']);
// Real IAM elements this evaluator refuses rather than ignores: skipping a NotResource Deny or a Condition on an
// Allow would change the answer, so such a policy is a configuration error (AUTHORIZER_CONFIGURATION_ERROR).
const UNSUPPORTED = new Set(['NotAction', 'NotResource', 'Condition', 'Principal', 'NotPrincipal']);

/** Why `document` is not a policy this evaluator can answer for, or undefined when it is. */
export function policyProblem(document: unknown): string | undefined {
  if (!isRecord(document)) return 'policyDocument is not an object';
  const extra = Object.keys(document).find((k) => !DOCUMENT_KEYS.has(k));
  if (extra !== undefined) return `policyDocument has an unknown element ${extra}`;
  if (typeof document.Version !== 'string' || !VERSIONS.has(document.Version)) {
    return 'policyDocument.Version is not 2012-10-17 or 2008-10-17';
  }
  const statements = Array.isArray(document.Statement) ? document.Statement : [document.Statement];
  for (const [i, statement] of statements.entries()) {
    const problem = statementProblem(statement);
    if (problem !== undefined) return `Statement[${i}] ${problem}`;
  }
  return undefined;
}

function statementProblem(statement: unknown): string | undefined {
  if (!isRecord(statement)) return 'is not an object';
  for (const key of Object.keys(statement)) {
    if (UNSUPPORTED.has(key)) return `uses ${key}, which the gateway does not evaluate`;
    if (!STATEMENT_KEYS.has(key)) return `has an unknown element ${key}`;
  }
  if (statement.Effect !== 'Allow' && statement.Effect !== 'Deny') return 'has an Effect other than Allow or Deny';
  if (statement.Sid !== undefined && typeof statement.Sid !== 'string') return 'has a Sid that is not a string';
  return stringsProblem(statement.Action, 'Action') ?? stringsProblem(statement.Resource, 'Resource');
}

function stringsProblem(value: unknown, name: string): string | undefined {
  const list = Array.isArray(value) ? value : [value];
  const fine = list.length > 0 && list.every((v) => typeof v === 'string' && v !== '');
  return fine ? undefined : `has an invalid ${name}: not a non-empty string or list of them`;
}

/** The decision for `methodArn`. Throws PolicyConfigurationError when the document is not evaluable. */
export function decidePolicy(
  document: IamPolicyDocument,
  methodArn: string,
  model: EvaluationModel = DEFAULT_GATEWAY_MODEL,
): PolicyDecision {
  const problem = policyProblem(document);
  if (problem !== undefined) throw new PolicyConfigurationError(problem);
  const statements = listOf(document.Statement);
  const byModel: Partial<Record<WildcardModel, Verdict>> = {};
  for (const m of model === 'all' ? WILDCARD_MODELS : [model]) byModel[m] = verdictOf(statements, methodArn, m);
  const verdicts = Object.values(byModel);
  const allAllow = verdicts.every((v) => v === 'Allow');
  const verdict: Verdict = allAllow ? 'Allow' : verdicts.includes('ExplicitDeny') ? 'ExplicitDeny' : 'ImplicitDeny';
  const divergent = !allAllow && verdicts.includes('Allow');
  return { effect: allAllow ? 'Allow' : 'Deny', verdict, divergent, byModel };
}

/** The effect at `methodArn` under one reading (default: spanning, as the tests have always used it). */
export function evaluatePolicy(
  document: IamPolicyDocument,
  methodArn: string,
  model: EvaluationModel = 'spanning',
): Effect {
  return decidePolicy(document, methodArn, model).effect;
}

// IAM policy evaluation logic: an explicit Deny wins over any Allow; without a matching Allow the answer is Deny.
function verdictOf(statements: readonly IamStatement[], methodArn: string, model: WildcardModel): Verdict {
  let allowed = false;
  for (const statement of statements) {
    if (!listOf(statement.Action).some((a) => actionMatches(a, INVOKE))) continue;
    if (!listOf(statement.Resource).some((r) => globMatches(r, methodArn, model))) continue;
    if (statement.Effect === 'Deny') return 'ExplicitDeny';
    allowed = true;
  }
  return allowed ? 'Allow' : 'ImplicitDeny';
}

function listOf<T>(value: T | readonly T[]): readonly T[] {
  return Array.isArray(value) ? (value as readonly T[]) : [value as T];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
