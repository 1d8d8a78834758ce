// A local serverless plugin: packaging fails when an authorizer's result cache is not keyed by what the answer depends on.
'use strict';

/**
 * API Gateway caches an authorizer's answer by its identity sources. Two rules follow, checked on the compiled
 * template (so an authorizer configured anywhere, serverless.yml, api-shapes.cjs or resources, is checked):
 * - The answer depends on the token, which the authorizer reads from the Authorization header (REST REQUEST and
 *   HTTP API; WebSocket $connect may use the access_token query parameter instead): a cache keyed by anything else
 *   serves one caller's Allow to another who sends no token at all.
 * - An HTTP API simple response (`isAuthorized`) is about one route, so its cache must also key on
 *   `$context.routeKey`, or a reader's `true` for GET /comments opens POST /comments until the TTL ends.
 * TOKEN authorizers are keyed by their one header by construction.
 */
const ROUTE_KEY = '$context.routeKey';
const TOKEN_SOURCES = {
  http: ['$request.header.authorization'],
  rest: ['method.request.header.authorization'],
  websocket: ['route.request.header.authorization', 'route.request.querystring.access_token'],
};

/** One sentence per authorizer whose cache is not keyed by the token (and, for HTTP API, the route). */
function authorizerCacheProblems(template) {
  const problems = [];
  for (const [name, resource] of Object.entries((template && template.Resources) || {})) {
    const checked = cachedRequestAuthorizer(resource);
    if (!checked) continue;
    const { kind, sources, ttl } = checked;
    const lower = sources.map((s) => s.toLowerCase());
    const ttlText = `AuthorizerResultTtlInSeconds ${JSON.stringify(ttl) ?? 'unset'}`;
    if (!TOKEN_SOURCES[kind].some((source) => lower.includes(source))) {
      problems.push(
        `authorizer ${name} caches its answers (${ttlText}) but its identity sources (${sources.join(', ') || 'none'}) ` +
          `do not include the token (${TOKEN_SOURCES[kind].join(' or ')}): one caller's answer would be served to ` +
          'another without a token. Add it to the identity sources, or set the TTL to 0.',
      );
    }
    if (kind === 'http' && checked.simple && !sources.includes(ROUTE_KEY)) {
      problems.push(
        `HTTP API authorizer ${name} caches simple responses (${ttlText}) but its identitySource lacks ${ROUTE_KEY}: ` +
          `a cached answer for one route would be reused on every route. Add ${ROUTE_KEY} to identitySource, or set ` +
          'resultTtlInSeconds: 0.',
      );
    }
  }
  return problems;
}

/** A REQUEST-type authorizer whose results may be cached: its API kind, identity sources and TTL; else undefined. */
function cachedRequestAuthorizer(resource) {
  if (!resource || typeof resource !== 'object') return undefined;
  const props = resource.Properties || {};
  // Only a literal 0 turns caching off; an absent or computed TTL may cache, so it is held to the rule (fail closed).
  const ttl = props.AuthorizerResultTtlInSeconds;
  if (ttl === 0 || ttl === '0') return undefined;
  const sources = (
    Array.isArray(props.IdentitySource) ? props.IdentitySource : String(props.IdentitySource || '').split(',')
  )
    .map((s) => String(s).trim())
    .filter(Boolean);
  if (resource.Type === 'AWS::ApiGateway::Authorizer' && props.Type === 'REQUEST')
    return { kind: 'rest', sources, ttl };
  if (resource.Type !== 'AWS::ApiGatewayV2::Authorizer' || props.AuthorizerType !== 'REQUEST') return undefined;
  // A WebSocket API's authorizer has no payload format version; an HTTP API's Lambda authorizer has one.
  if (props.AuthorizerPayloadFormatVersion === undefined) return { kind: 'websocket', sources, ttl };
  return { kind: 'http', sources, ttl, simple: props.EnableSimpleResponses === true };
}

class CheckAuthorizerCache {
  constructor(serverless) {
    this.hooks = {
      // After custom resources are merged, before the template is written: `sls package` and `sls deploy` stop here.
      'before:aws:package:finalize:saveServiceState': () => {
        const problems = authorizerCacheProblems(serverless.service.provider.compiledCloudFormationTemplate);
        if (problems.length > 0) throw new serverless.classes.Error(problems.join('\n'));
      },
    };
  }
}

module.exports = CheckAuthorizerCache;
module.exports.authorizerCacheProblems = authorizerCacheProblems;
