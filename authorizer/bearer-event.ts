// Reads the bearer token out of a TOKEN authorizer event.
import type { APIGatewayTokenAuthorizerEvent } from 'aws-lambda';
import { parseBearerToken } from './bearer-token';
import { InvalidEventError } from './errors';

export function bearerTokenFrom(event: APIGatewayTokenAuthorizerEvent): string {
  // A REQUEST-type event here means serverless.yml wires the authorizer wrongly: fail as a 500, not a 401.
  if (event?.type !== 'TOKEN') throw new InvalidEventError('not a TOKEN authorizer event');
  return parseBearerToken(event.authorizationToken);
}
