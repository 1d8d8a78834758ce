// The REST API TOKEN authorizer: `authorizationToken` and `methodArn`, answered with the cache-safe policy.
import type { APIGatewayAuthorizerResult, APIGatewayTokenAuthorizerEvent } from 'aws-lambda';
import { tokenCredential } from '../bearer-event';
import { InvalidEventError } from '../errors';
import type { MethodArn } from '../policy/method-arn';
import { describeEvent } from './authorizer-shape';
import type { AuthorizerShape } from './authorizer-shape';
import { methodPolicy, type RouteAt } from './method-policy';

export type TokenShape = AuthorizerShape<APIGatewayTokenAuthorizerEvent, MethodArn, APIGatewayAuthorizerResult>;

/** `parseArn` is the core's memoized method-ARN parser: the hot path allocates nothing to find its route. */
export function createTokenShape(parseArn: (arn: unknown) => MethodArn, routeAt: RouteAt): TokenShape {
  return {
    target(event) {
      // Checked before the cache is asked: a REQUEST event here means serverless.yml wires the authorizer wrongly.
      if (event?.type !== 'TOKEN') {
        throw new InvalidEventError(`handler takes a REST TOKEN event; got ${describeEvent(event)}`);
      }
      return parseArn(event.methodArn);
    },
    credential: (event) => tokenCredential(event.authorizationToken),
    ...methodPolicy(routeAt),
  };
}
