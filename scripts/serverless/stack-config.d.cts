// Types for stack-config.cjs, which serverless.yml loads as plain CommonJS and the scripts import.
export declare const LOCAL_STAGE: string;
/** Throws unless a document's routes are exactly the route manifest's protected routes. */
export declare function checkRoutesAgree(
  routes: ReadonlyArray<{ method: string; path: string; permissions: readonly string[] }>,
): void;
/** serverless.yml events by function name, derived from the route manifest and the stage's API shape. */
export declare function events(
  context: ResolverContext,
): Promise<Record<string, Array<{ http?: Record<string, unknown>; httpApi?: Record<string, unknown> }>>>;
/** What serverless.yml's `${file(...)}` passes to a resolver function. */
export interface ResolverContext {
  resolveVariable(name: string): Promise<unknown>;
}
export declare function authorizerEnvironment(context: ResolverContext): Promise<Record<string, unknown>>;
export declare function cursorSecretEnvironment(context: ResolverContext): Promise<Record<string, unknown>>;
/** The stage's allowed CORS origins, primary first. */
export declare function corsOrigins(context: ResolverContext): Promise<string[]>;
/** The static, quoted Access-Control-Allow-Origin of the gateway responses: the primary origin. */
export declare function gatewayResponseOrigin(context: ResolverContext): Promise<string>;
