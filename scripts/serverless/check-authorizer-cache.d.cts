// Types for check-authorizer-cache.cjs (a local serverless plugin), for the template tests.
declare class CheckAuthorizerCache {
  constructor(serverless: unknown);
  hooks: Record<string, () => void>;
}
declare namespace CheckAuthorizerCache {
  /** One sentence per HTTP API authorizer that caches simple responses without $context.routeKey. */
  function authorizerCacheProblems(template: unknown): string[];
}
export = CheckAuthorizerCache;
