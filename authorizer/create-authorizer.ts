// Wires config, verifiers, policy and context into `authorize`: parse, cache, verify, decide, respond, log, in that order.
import type { APIGatewayAuthorizerResult, APIGatewayTokenAuthorizerEvent } from 'aws-lambda';
import { createLogger, type Logger } from '../shared/logger';
import { bearerTokenFrom } from './bearer-event';
import { classifyFailure } from './classify-failure';
import type { AuthConfig } from './config/load-config';
import { decide } from './decide';
import { createDecisionLog } from './decision-log';
import { unwrapFailure } from './failure-facts';
import { createJsonFetcher, type FetchJson } from './keys/fetch-json';
import { andThen, type MaybePromise } from './maybe-promise';
import { memoize, memoize2 } from './memoize';
import { createPolicyBuilder } from './policy/build-policy';
import { matchRoute } from './policy/match-route';
import { parseMethodArn, type MethodArn } from './policy/method-arn';
import { createTokenEntries, type TokenEntry } from './token-entry';
import { VerifiedTokenCache } from './verified-token-cache';
import { createVerifiers } from './verifiers/select-verifier';
import { resolveVerifySettings } from './verifiers/verifier';
import { verifyToken } from './verify-token';

export { AUTHORIZER_FAILURE, KEY_SOURCE_UNAVAILABLE, UNAUTHORIZED } from './classify-failure';

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
  const logDecision = createDecisionLog({ logger, now, namespace: deps.metricsNamespace ?? 'ApiAuthorizer' });
  // Limits of IAM globs in this route table: told once per cold start, so operators can list missing routes.
  for (const warning of policy.warnings) logger.warn('policy limitation', { ...warning });

  // Not `async`: a cache hit or a known key answers without awaiting anything; only the handler's promise remains.
  function authorize(event: APIGatewayTokenAuthorizerEvent): Promise<APIGatewayAuthorizerResult> {
    const started = performance.now();
    try {
      const arn = parseArn(event?.methodArn);
      // Keyed by the whole header value: a hit is a header that already passed every check, so none is repeated.
      const header = event?.authorizationToken;
      const entry = (typeof header === 'string' ? cache.get(header) : undefined) ?? verifyAndRemember(event, header);
      if (!(entry instanceof Promise)) return Promise.resolve(answer(entry, arn, started));
      return entry
        .then((ready) => answer(ready, arn, started))
        .catch((err: unknown) => Promise.reject(refuse(err, started)));
    } catch (err) {
      return Promise.reject(refuse(err, started));
    }
  }

  // Only successes are remembered: a failure is verified again next time, so no refusal outlives its cause.
  function verifyAndRemember(event: APIGatewayTokenAuthorizerEvent, header: string): MaybePromise<TokenEntry> {
    return andThen(verifyToken(bearerTokenFrom(event), selector), (verified) => {
      const entry = toEntry(verified);
      cache.set(header, entry);
      return entry;
    });
  }

  // Decides at the called route, responds with the route-independent document, and logs the one decision line.
  function answer(entry: TokenEntry, arn: MethodArn, started: number): APIGatewayAuthorizerResult {
    const { outcome, reason } = decide(entry.grant, matchRouteOf(arn.verb, arn.path));
    const result = {
      principalId: entry.principalId,
      policyDocument: entry.grant.documentFor(arn.prefix),
      context: entry.context,
    };
    const { provider, kid, principalId } = entry;
    logDecision({ outcome, reason, provider, kid, principalId, latencyMs: performance.now() - started });
    return result;
  }

  // Logs the failure with what was learned before it, and returns the client-safe error (never the original one).
  function refuse(err: unknown, started: number): Error {
    const { cause, facts } = unwrapFailure(err);
    const { outcome, reason, message } = classifyFailure(cause);
    logDecision({ ...facts, outcome, reason, latencyMs: performance.now() - started });
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

  return { authorize, warm };
}

function describe(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}
