// The HTTP API Lambda authorizer, payload 2.0 with simple responses: `{ isAuthorized, context }` for the routeKey.
import type { APIGatewayRequestAuthorizerEventV2, APIGatewaySimpleAuthorizerWithContextResult } from 'aws-lambda';
import type { AuthContext } from '../../shared/auth-context';
import { requiredHeaderCredential } from '../bearer-event';
import { decide } from '../decide';
import { InvalidEventError } from '../errors';
import type { CompiledRoute } from '../policy/route-pattern';
import type { TokenEntry } from '../token-entry';
import { describeEvent, isRecord, type AuthorizerShape } from './authorizer-shape';

/** The REST context keys plus principalId: HTTP API hands the context alone to the backend (authorizer.lambda). */
export type HttpApiContext = AuthContext & { principalId: string };
export type HttpApiResult = APIGatewaySimpleAuthorizerWithContextResult<HttpApiContext>;
export type HttpApiShape = AuthorizerShape<
  APIGatewayRequestAuthorizerEventV2,
  CompiledRoute | undefined,
  HttpApiResult
>;

/**
 * `isAuthorized` answers for one route, and HTTP API caches it by the identity sources: they must include
 * `$context.routeKey` whenever the TTL is above 0 (serverless.yml does; scripts/serverless/check-authorizer-cache.cjs
 * fails packaging otherwise), or a reader's cached `true` would open the write routes.
 */
export function createHttpApiShape(routes: readonly CompiledRoute[]): HttpApiShape {
  // The authorizer's own compiled table, by route key ("GET /comments/{id}"); an unknown key finds nothing: false.
  const byKey = new Map(routes.map((route) => [`${route.method} ${route.path}`, route]));
  // Both answers of a token, built once per token entry: a cache hit allocates nothing.
  const answers = new WeakMap<TokenEntry, { allowed: HttpApiResult; denied: HttpApiResult }>();

  function answersOf(entry: TokenEntry) {
    let known = answers.get(entry);
    if (!known) {
      const context: HttpApiContext = { principalId: entry.principalId, ...entry.context };
      known = { allowed: { isAuthorized: true, context }, denied: { isAuthorized: false, context } };
      answers.set(entry, known);
    }
    return known;
  }

  return {
    target(event) {
      if (!isRecord(event) || event.version !== '2.0' || event.type !== 'REQUEST') {
        throw new InvalidEventError(`httpApiHandler takes an HTTP API payload 2.0 event; got ${describeEvent(event)}`);
      }
      if (typeof event.routeKey !== 'string') throw new InvalidEventError('routeKey is missing');
      return byKey.get(event.routeKey);
    },
    credential: (event) => keyedCredential(event),
    decide: (entry, route) => decide(entry.grant, route),
    respond: (entry, _route, verdict) => {
      const { allowed, denied } = answersOf(entry);
      return verdict.outcome === 'allow' ? allowed : denied;
    },
  };
}

/**
 * The Authorization header, which must be one of the event's identity sources when it lists any: HTTP API keys its
 * cache by them, so an answer computed from a header outside them would be served to callers without a token
 * (packaging refuses such a template too; this holds whatever deployed it). No identity sources means no cache.
 */
function keyedCredential(event: APIGatewayRequestAuthorizerEventV2): string {
  const credential = requiredHeaderCredential(event.headers);
  const sources: unknown = event.identitySource;
  if (Array.isArray(sources) && sources.length > 0 && !sources.includes(credential)) {
    throw new InvalidEventError('the Authorization header is not among identitySource: the cache would not key on it');
  }
  return credential;
}
