// A local serverless plugin: packaging fails when an HTTP API authorizer caches its per-route answers without the route.
'use strict';

/**
 * HTTP API caches a Lambda authorizer's simple response (`isAuthorized`) by its identity sources and serves it on
 * every route whose request carries the same ones. That answer is about one route, so a cache that does not key
 * on `$context.routeKey` hands a reader's `true` for GET /comments to POST /comments until the TTL ends. This
 * checks the compiled template, so an authorizer configured anywhere (serverless.yml, api-shapes.cjs, resources)
 * is checked, after every resource has been merged in.
 */
const ROUTE_KEY = '$context.routeKey';

/** One sentence per authorizer that caches simple responses without the route key; none for a safe template. */
function authorizerCacheProblems(template) {
  const problems = [];
  for (const [name, resource] of Object.entries((template && template.Resources) || {})) {
    if (!resource || resource.Type !== 'AWS::ApiGatewayV2::Authorizer') continue;
    const props = resource.Properties || {};
    if (props.EnableSimpleResponses !== true) continue;
    // Only a literal 0 turns caching off; an absent or computed TTL may cache, so it is held to the rule (fail closed).
    const ttl = props.AuthorizerResultTtlInSeconds;
    if (ttl === 0 || ttl === '0') continue;
    const sources = Array.isArray(props.IdentitySource)
      ? props.IdentitySource
      : String(props.IdentitySource || '').split(',');
    if (sources.map((s) => String(s).trim()).includes(ROUTE_KEY)) continue;
    problems.push(
      `HTTP API authorizer ${name} caches simple responses (AuthorizerResultTtlInSeconds ` +
        `${JSON.stringify(ttl) ?? 'unset'}) but its identitySource lacks ${ROUTE_KEY}: a cached ` +
        `answer for one route would be reused on every route. Add ${ROUTE_KEY} to identitySource, or set resultTtlInSeconds: 0.`,
    );
  }
  return problems;
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
