// The answer of the REST shapes (TOKEN and REQUEST): the cache-safe policy of the whole API, decided at the method ARN.
import type { APIGatewayAuthorizerResult } from 'aws-lambda';
import { decide, type Verdict } from '../decide';
import type { MethodArn } from '../policy/method-arn';
import type { CompiledRoute } from '../policy/route-pattern';
import type { TokenEntry } from '../token-entry';
import type { AuthorizerShape } from './authorizer-shape';

export type RouteAt = (arn: MethodArn) => CompiledRoute | undefined;

/**
 * API Gateway caches a REST authorizer's result by its identity source and reuses it on every route, so the
 * document is the token's grant under the API prefix, whatever route triggered it; only the decision line names
 * the called route.
 */
export function methodPolicy(
  routeAt: RouteAt,
): Pick<AuthorizerShape<unknown, MethodArn, APIGatewayAuthorizerResult>, 'decide' | 'respond'> {
  return {
    decide: (entry: TokenEntry, arn: MethodArn): Verdict => decide(entry.grant, routeAt(arn)),
    respond: (entry: TokenEntry, arn: MethodArn): APIGatewayAuthorizerResult => ({
      principalId: entry.principalId,
      policyDocument: entry.grant.documentFor(arn.prefix),
      context: entry.context,
    }),
  };
}
