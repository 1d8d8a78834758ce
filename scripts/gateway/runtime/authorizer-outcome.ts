// Maps a Lambda authorizer's invocation (or its cached output) to the gateway's decision for one method ARN.
import { deliveredAuthorizer, validateAuthorizerOutput, type AuthorizerOutput } from './authorizer-output';
import type { SpecificGatewayResponseType } from '../model/gateway-model';
import { ERROR_MESSAGES } from '../model/gateway-response-types';
import { decidePolicy, DEFAULT_GATEWAY_MODEL, type EvaluationModel } from './iam-policy';

/**
 * An invocation as the caller adapts it from serverless-offline's Lambda Invoke API: the function's result; its
 * error payload `{ errorMessage, errorType }` (answered with `X-Amz-Function-Error: Unhandled`); or no answer in time.
 */
export type AuthorizerInvocation =
  | { kind: 'ok'; payload: unknown }
  | { kind: 'error'; errorMessage: unknown; errorType?: unknown }
  | { kind: 'timeout' };

export type AuthorizerRejection = Extract<
  SpecificGatewayResponseType,
  'UNAUTHORIZED' | 'ACCESS_DENIED' | 'AUTHORIZER_FAILURE' | 'AUTHORIZER_CONFIGURATION_ERROR'
>;

export type AuthorizerDecision =
  | {
      kind: 'allow';
      /** The valid output: cache it (result-cache.ts). */
      output: AuthorizerOutput;
      /** What the backend receives as `requestContext.authorizer`: principalId and the context, as strings. */
      authorizer: Record<string, string>;
      /** The wildcard readings disagreed (see DEFAULT_GATEWAY_MODEL): worth a warning. */
      divergent: boolean;
    }
  | {
      kind: 'reject';
      responseType: AuthorizerRejection;
      /** `$context.error.message`; null where API Gateway sends `{"message": null}`. */
      message: string | null;
      /** Set when the output was valid (a 403): cache it like an Allow, its policy may allow other routes. */
      output?: AuthorizerOutput;
      /** ACCESS_DENIED only: the `$context.authorizer.<key>` values its gateway response template may read. */
      authorizer?: Record<string, string>;
      divergent?: boolean;
      /** Why the output was refused (AUTHORIZER_CONFIGURATION_ERROR), for the gateway's log, never the client. */
      problem?: string;
    };

// `$context.error.message` per outcome, from the model's one table (scripts/gateway/model/gateway-response-types.ts,
// its sources there): the explicit and the implicit deny are worded apart; the authorizer 500s carry null.
const { UNAUTHORIZED, ACCESS_DENIED_EXPLICIT, ACCESS_DENIED_IMPLICIT, AUTHORIZER_FAILURE } = ERROR_MESSAGES;

/**
 * The gateway response for an authorizer that threw (other than "Unauthorized") or timed out. AWS documents only
 * the 500, not its type: the type table describes AUTHORIZER_FAILURE as the authorizer having "failed to
 * authenticate the caller", while field reports name the thrown-error 500 "Authorizer Configuration Error" and see
 * `x-amzn-ErrorType: AuthorizerConfigurationException`. The project's design (a 503 + Retry-After AUTHORIZER_FAILURE
 * when the identity provider is down) assumes AUTHORIZER_FAILURE; if AWS turns out to use the other type, this one
 * line is what changes, and the template must then customize AUTHORIZER_CONFIGURATION_ERROR instead.
 */
const THROWN_ERROR_RESPONSE: AuthorizerRejection = 'AUTHORIZER_FAILURE';

/**
 * The decision for a fresh invocation. Developer Guide, "Use API Gateway Lambda authorizers" (token example): an
 * error whose message is exactly "Unauthorized" is a 401; any other error is a 500, and so is an authorizer that does
 * not answer in time. Both 500s carry a null message (observed `{"message": null}`; auth0-samples/
 * jwt-rsa-aws-custom-authorizer#6).
 */
export function decideInvocation(
  invocation: AuthorizerInvocation,
  methodArn: string,
  model: EvaluationModel = DEFAULT_GATEWAY_MODEL,
): AuthorizerDecision {
  if (invocation.kind === 'timeout') return reject(THROWN_ERROR_RESPONSE, AUTHORIZER_FAILURE);
  if (invocation.kind === 'error') {
    // Exactly: "unauthorized", "Unauthorized." or "Unauthorized: expired" are all 500 on AWS.
    return invocation.errorMessage === UNAUTHORIZED
      ? reject('UNAUTHORIZED', UNAUTHORIZED)
      : reject(THROWN_ERROR_RESPONSE, AUTHORIZER_FAILURE);
  }
  const checked = validateAuthorizerOutput(invocation.payload);
  if (!checked.ok) {
    const message = ERROR_MESSAGES.AUTHORIZER_CONFIGURATION_ERROR;
    return { ...reject('AUTHORIZER_CONFIGURATION_ERROR', message), problem: checked.problem };
  }
  return decideOutput(checked.output, methodArn, model);
}

/**
 * The decision for a valid output at `methodArn`: used for a fresh output and for a cached one alike, because API
 * Gateway caches the policy and evaluates it again for every request (Knowledge Center, "API Gateway Lambda
 * authorization errors": a cached policy that lists one method ARN denies the others).
 */
export function decideOutput(
  output: AuthorizerOutput,
  methodArn: string,
  model: EvaluationModel = DEFAULT_GATEWAY_MODEL,
): AuthorizerDecision {
  const decision = decidePolicy(output.policyDocument, methodArn, model);
  const authorizer = deliveredAuthorizer(output);
  if (decision.effect === 'Allow') return { kind: 'allow', output, authorizer, divergent: decision.divergent };
  const message = decision.verdict === 'ExplicitDeny' ? ACCESS_DENIED_EXPLICIT : ACCESS_DENIED_IMPLICIT;
  return { ...reject('ACCESS_DENIED', message), output, authorizer, divergent: decision.divergent };
}

function reject(responseType: AuthorizerRejection, message: string | null): AuthorizerDecision & { kind: 'reject' } {
  return { kind: 'reject', responseType, message };
}
