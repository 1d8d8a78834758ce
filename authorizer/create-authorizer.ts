// Wires config, verifiers, policy and context into `authorize`, and maps every failure to API Gateway's outcomes.
import type { APIGatewayAuthorizerResult, APIGatewayTokenAuthorizerEvent } from 'aws-lambda';
import { AuthContextTooLargeError } from '../shared/errors';
import { createLogger, type Logger } from '../shared/logger';
import { bearerTokenFrom } from './bearer-event';
import type { AuthConfig } from './config/load-config';
import { createDecisionLog, type Decision } from './decision-log';
import { InvalidEventError, KeySourceUnavailableError, TokenRejectedError } from './errors';
import { createJsonFetcher, type FetchJson } from './keys/fetch-json';
import { createPolicyBuilder } from './policy/build-policy';
import { matchRoute } from './policy/match-route';
import { parseMethodArn, type MethodArn } from './policy/method-arn';
import { memoize, memoize2 } from './memoize';
import { VerifiedTokenCache, type VerifiedEntry } from './verified-token-cache';
import { andThen, type MaybePromise } from './maybe-promise';
import { createTokenVerification } from './verify-token';
import { createVerifiers } from './verifiers/select-verifier';

/** API Gateway answers 401 only for this exact message; anything else thrown becomes a 500. */
export const UNAUTHORIZED = 'Unauthorized';
/** Thrown when the key source is down and the key unknown: AUTHORIZER_FAILURE, retryable, not a 401. */
export const KEY_SOURCE_UNAVAILABLE = 'KeySourceUnavailable';
export const AUTHORIZER_FAILURE = 'AuthorizerFailure';

export interface AuthorizerDeps {
  now?: () => number;
  fetchJson?: FetchJson;
  logger?: Logger;
  /** CloudWatch namespace of the decision metrics. */
  metricsNamespace?: string;
}

export interface Authorizer {
  authorize(event: APIGatewayTokenAuthorizerEvent): Promise<APIGatewayAuthorizerResult>;
  /** Loads every provider's keys; resolves (never rejects) once each attempt ends, logging failures. */
  warm(): Promise<void>;
}

export function createAuthorizer(config: AuthConfig, deps: AuthorizerDeps = {}): Authorizer {
  const now = deps.now ?? Date.now;
  const logger = deps.logger ?? createLogger({ base: { service: 'authorizer' } });
  const fetchJson = deps.fetchJson ?? createJsonFetcher({ timeoutMs: config.jwks.timeoutMs });
  const cache = new VerifiedTokenCache(config.tokenCacheSize, now);
  // A key dropped or replaced at its source may have been revoked: no token it signed is served from the cache.
  const selector = createVerifiers(config, { now, fetchJson, onKeysChanged: () => cache.clear() });
  const policy = createPolicyBuilder(config.routes);
  const verifyToken = createTokenVerification({ config, selector, policy, logger, now });
  // A warm Lambda sees the same few method ARNs and routes again and again: parse and match each once.
  const parseArn = memoize(parseMethodArn);
  const matchRouteOf = memoize2((verb, path) => matchRoute(policy.routes, verb, path));
  const logDecision = createDecisionLog({ logger, now, namespace: deps.metricsNamespace ?? 'ApiAuthorizer' });
  // Limits of IAM globs in this route table: told once per cold start, so operators can list missing routes.
  for (const warning of policy.warnings) logger.warn('policy limitation', { ...warning });

  function decide(event: APIGatewayTokenAuthorizerEvent, facts: Partial<Decision>): MaybePromise<APIGatewayAuthorizerResult> {
    const arn = parseArn(event?.methodArn);
    // Keyed by the whole header value: a hit is a header that already passed every check, so none is repeated.
    const header = event?.authorizationToken;
    const cached = typeof header === 'string' ? cache.get(header) : undefined;
    if (cached) {
      facts.kid = cached.kid;
      facts.provider = cached.provider;
      facts.principalId = cached.principalId;
      return respond(cached, arn, facts);
    }
    return andThen(verifyToken(bearerTokenFrom(event), facts), (entry) => {
      cache.set(header, entry);
      return respond(entry, arn, facts);
    });
  }

  function respond(entry: VerifiedEntry, arn: MethodArn, facts: Partial<Decision>): APIGatewayAuthorizerResult {
    const route = matchRouteOf(arn.verb, arn.path);
    facts.outcome = route && policy.allows(route, entry.permissions) ? 'allow' : 'deny';
    facts.reason = facts.outcome === 'allow' ? 'ok' : route ? 'insufficient_scope' : 'route_not_configured';
    return { principalId: entry.principalId, policyDocument: policy.build(arn.prefix, entry.permissions).document, context: entry.context };
  }

  // Not `async`: a cache hit or a known key answers without awaiting anything; only the handler's promise remains.
  function authorize(event: APIGatewayTokenAuthorizerEvent): Promise<APIGatewayAuthorizerResult> {
    const started = performance.now();
    const facts: Partial<Decision> = {};
    const succeed = (result: APIGatewayAuthorizerResult) => {
      logDecision({ ...facts, latencyMs: performance.now() - started } as Decision);
      return result;
    };
    // Logs the failure and returns the client-safe error to reject with (never the original one).
    const failure = (err: unknown): Error => {
      const { outcome, reason, message } = classify(err);
      logDecision({ ...facts, outcome, reason, latencyMs: performance.now() - started });
      if (outcome === 'error') logger.error('authorizer failure', { error: describe(err) });
      return new Error(message);
    };
    try {
      const result = decide(event, facts);
      if (!(result instanceof Promise)) return Promise.resolve(succeed(result));
      return result.then(succeed, (err: unknown) => Promise.reject(failure(err)));
    } catch (err) {
      return Promise.reject(failure(err));
    }
  }

  async function warm(): Promise<void> {
    const failures = await Promise.all(selector.verifiers.map((v) => v.warm()));
    failures.forEach((failure, i) => {
      if (failure !== undefined) {
        logger.warn('key prewarm failed', { provider: selector.verifiers[i]?.name, error: describe(failure) });
      }
    });
  }

  return { authorize, warm };
}

/** The single place that maps failures to outcomes: this is where fail-closed is decided. */
function classify(err: unknown): { outcome: Decision['outcome']; reason: string; message: string } {
  if (err instanceof TokenRejectedError) return { outcome: 'unauthorized', reason: err.code, message: UNAUTHORIZED };
  if (err instanceof AuthContextTooLargeError) {
    return { outcome: 'unauthorized', reason: 'context_too_large', message: UNAUTHORIZED };
  }
  if (err instanceof KeySourceUnavailableError) {
    return { outcome: 'unavailable', reason: err.code, message: KEY_SOURCE_UNAVAILABLE };
  }
  if (err instanceof InvalidEventError) return { outcome: 'error', reason: err.code, message: AUTHORIZER_FAILURE };
  return { outcome: 'error', reason: 'internal', message: AUTHORIZER_FAILURE };
}

function describe(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}

