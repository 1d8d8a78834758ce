// Real-shaped TOKEN authorizer events, built from the JSON fixture.
import type { APIGatewayTokenAuthorizerEvent } from 'aws-lambda';
import fixture from '../fixtures/token-event.json';

export const API_PREFIX = 'arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/prod';

export function methodArn(verb: string, path: string): string {
  return `${API_PREFIX}/${verb}${path}`;
}

export function tokenEvent(authorization: string | undefined, arn = fixture.methodArn): APIGatewayTokenAuthorizerEvent {
  return { ...fixture, type: 'TOKEN', authorizationToken: authorization as string, methodArn: arn };
}

export function bearerEvent(token: string, verb = 'GET', path = '/comments'): APIGatewayTokenAuthorizerEvent {
  return tokenEvent(`Bearer ${token}`, methodArn(verb, path));
}
