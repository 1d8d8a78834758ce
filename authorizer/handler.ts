// Lambda entry points, one per authorizer shape: config, verifiers, caches and logger are built once per cold start.
import type {
  APIGatewayAuthorizerResult,
  APIGatewayRequestAuthorizerEvent,
  APIGatewayRequestAuthorizerEventV2,
  APIGatewayTokenAuthorizerEvent,
} from 'aws-lambda';
import { createLogger, logLevelFrom } from '../shared/logger';
import { loadConfig } from './config/load-config';
import { createAuthorizer, type HttpApiResult } from './create-authorizer';

const logger = createLogger({ base: { service: 'authorizer' }, level: logLevelFrom(process.env) });

function init() {
  try {
    return createAuthorizer(loadConfig(process.env), {
      logger,
      metricsNamespace: process.env.METRICS_NAMESPACE || 'ApiAuthorizer',
    });
  } catch (err) {
    // A bad AUTH_CONFIG stops the cold start: better no authorizer (500s) than one running on a guess.
    logger.error('authorizer init failed', { error: (err as Error).message });
    throw err;
  }
}

const authorizer = init();
// Pre-warm the JWKS during init, which Lambda does not bill against the first request; failures are logged.
const warming = authorizer.warm();

/** REST API TOKEN authorizer (serverless.yml's default). */
export async function handler(event: APIGatewayTokenAuthorizerEvent): Promise<APIGatewayAuthorizerResult> {
  return authorizer.authorize(event);
}

/** REST API REQUEST authorizer, and WebSocket API `$connect` authorizer (README, "Authorizer shapes"). */
export async function requestHandler(event: APIGatewayRequestAuthorizerEvent): Promise<APIGatewayAuthorizerResult> {
  return authorizer.authorizeRequest(event);
}

/** HTTP API Lambda authorizer: payload format 2.0, simple responses. */
export async function httpApiHandler(event: APIGatewayRequestAuthorizerEventV2): Promise<HttpApiResult> {
  return authorizer.authorizeHttpApi(event);
}

/** Lets tests and benchmarks wait until the init-time key fetch has finished. */
export function whenWarm(): Promise<void> {
  return warming;
}
