// The method's authorizer step: identity sources (and TOKEN's validation regex), the result cache, the policy at this ARN.
import type { GatewayRequest } from './incoming';
import type { LambdaClient } from './lambda-client';
import type { AuthorizerModel, GatewayModel } from './model/gateway-model';
import { createInputReader, type MatchedRoute } from './runtime/authorizer-input';
import { decideInvocation, decideOutput, type AuthorizerDecision } from './runtime/authorizer-outcome';
import { createResultCache } from './runtime/result-cache';
import type { GatewayError } from './runtime/render-response';

export type AuthorizerVerdict =
  { kind: 'allow'; authorizer: Record<string, string> } | { kind: 'reject'; error: GatewayError };

export interface AuthorizerStage {
  authorize(request: GatewayRequest, methodArn: string, route: MatchedRoute): Promise<AuthorizerVerdict>;
}

export interface AuthorizerStageDeps {
  model: GatewayModel;
  authorizer: AuthorizerModel;
  lambda: LambdaClient;
  now: () => number;
  warn?: (message: string) => void;
  /** Told of each answer from the result cache: the authorizer's own decision line is not printed for those. */
  log?: (message: string) => void;
}

/** A Lambda authorizer has at most its function's own timeout; past 30 s API Gateway gives up on it. */
const AUTHORIZER_TIMEOUT_MS = 30_000;
const UNAUTHORIZED: GatewayError = { responseType: 'UNAUTHORIZED', message: 'Unauthorized' };

export function createAuthorizerStage(deps: AuthorizerStageDeps): AuthorizerStage {
  const { authorizer, lambda } = deps;
  // AWS does not document whether an unanchored expression must match the whole header (Java's matches()) or a part
  // of it (find()): applied as written here, and worth anchoring, so that both readings agree.
  const expression = authorizer.type === 'TOKEN' ? authorizer.identityValidationExpression : null;
  if (expression && !/^\^[\s\S]*\$$/.test(expression))
    deps.warn?.(
      `authorizer ${authorizer.logicalId}: IdentityValidationExpression is not anchored (^…$); API Gateway may match it against the whole header, this gateway matches it anywhere`,
    );
  const readInput = createInputReader(deps.model, authorizer);
  // One cache per authorizer, keyed by the identity-source values alone and shared by every route (the result
  // cache that makes a route-dependent policy fail on the second route, locally as on AWS).
  const cache = createResultCache({ ttlSeconds: authorizer.resultTtlInSeconds, now: deps.now });

  async function authorize(
    request: GatewayRequest,
    methodArn: string,
    route: MatchedRoute,
  ): Promise<AuthorizerVerdict> {
    const input = readInput(request, route, deps.now());
    if (!input) return { kind: 'reject', error: UNAUTHORIZED };
    const cached = cache.get(input.identity);
    const decision = cached
      ? decideOutput(cached, methodArn)
      : decideInvocation(
          await lambda.invoke(authorizer.lambda.functionName, input.event(methodArn), AUTHORIZER_TIMEOUT_MS),
          methodArn,
        );
    if (!cached && decision.output) cache.put(input.identity, decision.output);
    if (cached) deps.log?.(`cached authorizer result: ${verdictOf(decision)} ${request.method} ${request.path}`);
    report(decision);
    return decision.kind === 'allow'
      ? { kind: 'allow', authorizer: decision.authorizer }
      : {
          kind: 'reject',
          error: {
            responseType: decision.responseType,
            message: decision.message,
            ...(decision.authorizer ? { authorizer: decision.authorizer } : {}),
          },
        };
  }

  function report(decision: AuthorizerDecision): void {
    if (decision.kind === 'reject' && decision.problem)
      deps.warn?.(`authorizer output refused (500): ${decision.problem}`);
    if (decision.divergent)
      deps.warn?.(
        'the readings of IAM wildcards disagree on this policy: the gateway denies (see SECURITY.md, Wildcard models)',
      );
  }

  return { authorize };
}

function verdictOf(decision: AuthorizerDecision): string {
  return decision.kind === 'allow'
    ? 'allow'
    : `${decision.responseType === 'ACCESS_DENIED' ? 'deny' : 'refuse'} (${decision.responseType})`;
}
