// Builds a real authorizer against a real local JWKS server, with a test clock and a capturing logger.
import type { APIGatewayAuthorizerResult, APIGatewayTokenAuthorizerEvent } from 'aws-lambda';
import { parseConfig } from '../../authorizer/config/load-config';
import type { AuthConfigInput } from '../../authorizer/config/schema';
import { createAuthorizer, type Authorizer } from '../../authorizer/create-authorizer';
import { createJsonFetcher } from '../../authorizer/keys/fetch-json';
import { captureLogger, type CapturedLogger } from './capture-logger';
import { createClock, type TestClock } from './clock';

export interface Harness {
  authorizer: Authorizer;
  clock: TestClock;
  logger: CapturedLogger;
  /** Runs the authorizer; returns the result or the error it threw. */
  run(event: APIGatewayTokenAuthorizerEvent): Promise<APIGatewayAuthorizerResult | Error>;
  /** The decision lines logged so far. */
  decisions(): Array<Record<string, unknown>>;
}

export function createHarness(document: AuthConfigInput, clock = createClock()): Harness {
  const logger = captureLogger();
  // The harness's JWKS servers are http://127.0.0.1: opt in explicitly (the default refuses loopback http).
  const config = parseConfig(document, { allowInsecureLoopback: true });
  const authorizer = createAuthorizer(config, {
    now: clock.now,
    logger,
    fetchJson: createJsonFetcher({ timeoutMs: config.jwks.timeoutMs }),
  });
  return {
    authorizer,
    clock,
    logger,
    run: (event) => authorizer.authorize(event).catch((err: Error) => err),
    decisions: () => logger.entries().filter((e) => e.message === 'authorizer decision'),
  };
}
