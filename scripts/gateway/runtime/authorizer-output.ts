// What API Gateway accepts from a TOKEN or REQUEST Lambda authorizer, and how it stringifies the context it passes on.
import { policyProblem, type IamPolicyDocument } from './iam-policy';

/** A context value API Gateway accepts; an object, an array or null makes it answer 500. */
export type ContextValue = string | number | boolean;

export interface AuthorizerOutput {
  readonly principalId: string;
  readonly policyDocument: IamPolicyDocument;
  readonly context?: Readonly<Record<string, ContextValue>>;
  readonly usageIdentifierKey?: string;
}

export type OutputValidation = { ok: true; output: AuthorizerOutput } | { ok: false; problem: string };

/**
 * Checks an authorizer's result the way API Gateway does before it evaluates anything. API Gateway Developer Guide,
 * "Output from an API Gateway Lambda authorizer": the output must include `principalId` and a `policyDocument` whose
 * statements give Effect, Action and Resource; `context` is an optional map of string, number or boolean values;
 * `usageIdentifierKey` is an API key string. Anything else is AUTHORIZER_CONFIGURATION_ERROR (500).
 *
 * Stricter than AWS where AWS is undocumented, never looser: an empty principalId, a `context: null` and policy
 * elements the evaluator does not model (NotResource, Condition, …) are refused, so such an output fails locally
 * instead of behaving one way here and another on AWS. Unknown top-level keys are ignored: none is documented as
 * refused, and only the fields above decide anything.
 * The output returned is a copy holding only the accepted fields, safe to cache and share between requests.
 */
export function validateAuthorizerOutput(value: unknown): OutputValidation {
  if (!isRecord(value)) return refuse('the result is not an object');
  const { principalId, policyDocument, context, usageIdentifierKey } = value;
  if (typeof principalId !== 'string' || principalId === '') return refuse('principalId is not a non-empty string');
  if (policyDocument === undefined) return refuse('policyDocument is missing');
  const policy = policyProblem(policyDocument);
  if (policy !== undefined) return refuse(policy);
  if (usageIdentifierKey !== undefined && typeof usageIdentifierKey !== 'string') {
    return refuse('usageIdentifierKey is not a string');
  }
  let checkedContext: Record<string, ContextValue> | undefined;
  if (context !== undefined) {
    if (!isRecord(context)) return refuse('context is not an object');
    const bad = Object.entries(context).find(([, v]) => !isContextValue(v));
    if (bad) return refuse(`context.${bad[0]} is not a string, number or boolean`);
    // fromEntries defines own properties: a key named "__proto__" stays data instead of being dropped.
    checkedContext = Object.fromEntries(Object.entries(context)) as Record<string, ContextValue>;
  }
  const output: AuthorizerOutput = {
    principalId,
    // A deep copy through JSON: the policy was checked to hold only strings, lists and plain objects.
    policyDocument: JSON.parse(JSON.stringify(policyDocument)) as IamPolicyDocument,
    ...(checkedContext && { context: checkedContext }),
    ...(usageIdentifierKey !== undefined && { usageIdentifierKey }),
  };
  return { ok: true, output };
}

/**
 * `requestContext.authorizer` as a Lambda proxy backend receives it: every context value as a string, and
 * `principalId` beside them. Developer Guide, "Use API Gateway Lambda authorizers" (2019 revision): for the Lambda
 * proxy integration the context values "are stringified, for example, "stringval", "123", or "true"". principalId is
 * written last, so a context key of that name cannot impersonate it (AWS's precedence there is undocumented).
 */
export function deliveredAuthorizer(output: AuthorizerOutput): Record<string, string> {
  // fromEntries defines own properties, so a context key named "__proto__" stays data.
  const delivered: Record<string, string> = Object.fromEntries(
    Object.entries(output.context ?? {}).map(([key, v]) => [key, String(v)]),
  );
  delivered.principalId = output.principalId;
  return delivered;
}

function isContextValue(value: unknown): value is ContextValue {
  // JSON never yields NaN or Infinity; an in-process payload might, and AWS could not serialize them either.
  return typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && isFinite(value));
}

function refuse(problem: string): OutputValidation {
  return { ok: false, problem };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
