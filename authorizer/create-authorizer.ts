// Wires config, verifiers, policy and context into one core that every authorizer shape runs: target, credential,
// cache or verify, decide, respond, one decision line, in that order.
import type {
  APIGatewayAuthorizerResult,
  APIGatewayRequestAuthorizerEvent,
  APIGatewayRequestAuthorizerEventV2,
  APIGatewayTokenAuthorizerEvent,
} from 'aws-lambda';
import { createLogger, type Logger } from '../shared/logger';
import { parseBearerToken } from './bearer-token';
import { classifyFailure } from './classify-failure';
import type { AuthConfig } from './config/load-config';
import { createDecisionLog } from './decision-log';
import { unwrapFailure } from './failure-facts';
import { createJsonFetcher, type FetchJson } from './keys/fetch-json';
import { andThen, type MaybePromise } from './maybe-promise';
import { memoize, memoize2 } from './memoize';
import { createPolicyBuilder } from './policy/build-policy';
import { matchRoute } from './policy/match-route';
import { parseMethodArn, type MethodArn } from './policy/method-arn';
import type { AuthorizerShape } from './shapes/authorizer-shape';
import { createConnectShape, isConnectEvent } from './shapes/connect-shape';
import { createHttpApiShape, type HttpApiResult } from './shapes/http-api-shape';
import { createRequestShape } from './shapes/request-shape';
import { createTokenShape } from './shapes/token-shape';
import { createTokenEntries, type TokenEntry } from './token-entry';
import { VerifiedTokenCache } from './verified-token-cache';
import { createVerifiers } from './verifiers/select-verifier';
import { resolveVerifySettings } from './verifiers/verifier';
import { verifyToken } from './verify-token';

export { AUTHORIZER_FAILURE, KEY_SOURCE_UNAVAILABLE, UNAUTHORIZED } from './classify-failure';
export type { HttpApiContext, HttpApiResult } from './shapes/http-api-shape';

export interface AuthorizerDeps {
  now?: () => number;
  fetchJson?: FetchJson;
  logger?: Logger;
  /** CloudWatch namespace of the decision metrics. */
  metricsNamespace?: string;
}

export interface Authorizer {
  /** REST API TOKEN authorizer. */
  authorize(event: APIGatewayTokenAuthorizerEvent): Promise<APIGatewayAuthorizerResult>;
  /** REST API REQUEST authorizer, and the WebSocket API `$connect` authorizer (v1 REQUEST events). */
  authorizeRequest(event: APIGatewayRequestAuthorizerEvent): Promise<APIGatewayAuthorizerResult>;
  /** HTTP API Lambda authorizer, payload 2.0 with simple responses. */
  authorizeHttpApi(event: APIGatewayRequestAuthorizerEventV2): Promise<HttpApiResult>;
  /** Loads every provider's keys; resolves (never rejects) once each attempt ends, logging failures. */
  warm(): Promise<void>;
}

export function createAuthorizer(config: AuthConfig, deps: AuthorizerDeps = {}): Authorizer {
  const now = deps.now ?? Date.now;
  const logger = deps.logger ?? createLogger({ base: { service: 'authorizer' } });
  const fetchJson = deps.fetchJson ?? createJsonFetcher({ timeoutMs: config.jwks.timeoutMs });
  const cache = new VerifiedTokenCache<TokenEntry>(config.tokenCacheSize, now);
  // A key dropped or replaced at its source may have been revoked: no token it signed is served from the cache.
  const verifierDeps = { now, fetchJson, onKeysChanged: () => cache.clear() };
  const selector = createVerifiers(config.providers, resolveVerifySettings(config), verifierDeps);
  const policy = createPolicyBuilder(config.routes);
  const toEntry = createTokenEntries({
    policy,
    contextClaims: config.contextClaims,
    contextMaxBytes: config.contextMaxBytes,
    logger,
  });
  // A warm Lambda sees the same few method ARNs and routes again and again: parse and match each once.
  const parseArn = memoize(parseMethodArn);
  const matchRouteOf = memoize2((verb, path) => matchRoute(policy.routes, verb, path));
  const routeAt = (arn: MethodArn) => matchRouteOf(arn.verb, arn.path);
  const shapes = {
    token: createTokenShape(parseArn, routeAt),
    request: createRequestShape(parseArn, routeAt),
    connect: createConnectShape(),
    httpApi: createHttpApiShape(policy.routes),
  };
  const logDecision = createDecisionLog({ logger, now, namespace: deps.metricsNamespace ?? 'ApiAuthorizer' });
  // Limits of IAM globs in this route table: told once per cold start, so operators can list missing routes.
  for (const warning of policy.warnings) logger.warn('policy limitation', { ...warning });

  // Not `async`: a cache hit or a known key answers without awaiting anything; only the handler's promise remains.
  function run<E, T, R>(shape: AuthorizerShape<E, T, R>, event: E): Promise<R> {
    const started = performance.now();
    try {
      const target = shape.target(event);
      // Keyed by the whole credential: a hit is one that already passed every check, so none is repeated.
      const credential = shape.credential(event);
      const entry = cache.get(credential) ?? verifyAndRemember(credential);
      if (!(entry instanceof Promise)) return Promise.resolve(answer(shape, entry, target, started));
      return entry
        .then((ready) => answer(shape, ready, target, started))
        .catch((err: unknown) => Promise.reject(refuse(err, started)));
    } catch (err) {
      return Promise.reject(refuse(err, started));
    }
  }

  // Only successes are remembered: a failure is verified again next time, so no refusal outlives its cause.
  function verifyAndRemember(credential: string): MaybePromise<TokenEntry> {
    return andThen(verifyToken(parseBearerToken(credential), selector), (verified) => {
      const entry = toEntry(verified);
      cache.set(credential, entry);
      return entry;
    });
  }

  // Decides at the target, responds in the shape's form, and logs the one decision line.
  function answer<T, R>(shape: AuthorizerShape<never, T, R>, entry: TokenEntry, target: T, started: number): R {
    const verdict = shape.decide(entry, target);
    const result = shape.respond(entry, target, verdict);
    // The entry is the facts: the line serializes its part once per token, not once per request.
    logDecision(entry, verdict.outcome, verdict.reason, performance.now() - started);
    return result;
  }

  // Logs the failure with what was learned before it, and returns the client-safe error (never the original one).
  function refuse(err: unknown, started: number): Error {
    const { cause, facts } = unwrapFailure(err);
    const { outcome, reason, message } = classifyFailure(cause);
    logDecision(facts, outcome, reason, performance.now() - started);
    if (outcome === 'error') logger.error('authorizer failure', { error: describe(cause) });
    return new Error(message);
  }

  async function warm(): Promise<void> {
    const failures = await Promise.all(selector.verifiers.map((v) => v.warm()));
    failures.forEach((failure, i) => {
      if (failure !== undefined) {
        logger.warn('key prewarm failed', { provider: selector.verifiers[i]?.name, error: describe(failure) });
      }
    });
  }

  return {
    authorize: (event) => run(shapes.token, event),
    // One export for both v1 REQUEST APIs: only a WebSocket CONNECT event may carry its token in the query string.
    authorizeRequest: (event) => (isConnectEvent(event) ? run(shapes.connect, event) : run(shapes.request, event)),
    authorizeHttpApi: (event) => run(shapes.httpApi, event),
    warm,
  };
}

function describe(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}
