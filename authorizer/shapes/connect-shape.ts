// The WebSocket API `$connect` authorizer: header or access_token credential, answered with an Allow of `$connect`.
import type { APIGatewayAuthorizerResult, APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import { connectCredential } from '../bearer-event';
import type { Verdict } from '../decide';
import { InvalidEventError } from '../errors';
import { memoize } from '../memoize';
import type { PolicyDocument } from '../policy/build-policy';
import { isRecord, type AuthorizerShape } from './authorizer-shape';
import { requireRequestEvent } from './request-shape';

/** A parsed `$connect` method ARN and the one document any valid token gets there. */
export interface ConnectTarget {
  readonly prefix: string;
  readonly document: PolicyDocument;
}

export type ConnectShape = AuthorizerShape<APIGatewayRequestAuthorizerEvent, ConnectTarget, APIGatewayAuthorizerResult>;

/** API Gateway's documented limit on a method ARN, as for REST (policy/method-arn.ts). */
const MAX_METHOD_ARN_BYTES = 1_600;
// arn:{partition}:execute-api:{region}:{account}:{apiId}/{stage}/$connect, the prefix as policy/method-arn.ts reads it.
const CONNECT_ARN = /^(arn:[a-z-]+:execute-api:[a-z0-9-]+:[^:/\s]+:[^:/\s]+\/[^/\s]+)\/\$connect$/;
// Opening the connection needs a valid token and nothing else: `$connect` carries no operation of its own, and the
// permissions travel in the context for the backend to check per message (README, "Authorizer shapes").
const CONNECTED: Verdict = Object.freeze({ outcome: 'allow', reason: 'ok' });

/** A CONNECT event of a WebSocket API: the only event whose access_token query parameter is ever read. */
export function isConnectEvent(event: unknown): boolean {
  if (!isRecord(event) || !isRecord(event.requestContext)) return false;
  const { eventType, connectionId } = event.requestContext;
  return eventType === 'CONNECT' && typeof connectionId === 'string' && connectionId !== '';
}

export function createConnectShape(): ConnectShape {
  const targetOf = memoize(parseConnectArn);
  return {
    target(event) {
      requireRequestEvent(event);
      return targetOf(event.methodArn);
    },
    credential: (event) => connectCredential(event),
    decide: () => CONNECTED,
    respond: (entry, target) => ({
      principalId: entry.principalId,
      policyDocument: target.document,
      context: entry.context,
    }),
  };
}

/**
 * WebSocket APIs do not cache authorizer results, and `$connect` is the only route an authorizer guards, so the
 * document is exactly that ARN: it can over-grant nothing else of the API, under any reading of IAM's wildcards.
 */
function parseConnectArn(methodArn: unknown): ConnectTarget {
  if (typeof methodArn !== 'string' || Buffer.byteLength(methodArn, 'utf8') > MAX_METHOD_ARN_BYTES) {
    throw new InvalidEventError('methodArn is missing or too long');
  }
  const match = CONNECT_ARN.exec(methodArn);
  if (!match) throw new InvalidEventError('a CONNECT event whose methodArn is not a WebSocket $connect ARN');
  const prefix = match[1] as string;
  const document: PolicyDocument = {
    Version: '2012-10-17',
    Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: [`${prefix}/$connect`] }],
  };
  return { prefix, document };
}
