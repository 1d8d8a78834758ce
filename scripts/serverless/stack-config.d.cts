// Types for stack-config.cjs, which serverless.yml loads as plain CommonJS and the scripts import.
export interface RouteSpec {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS' | 'ANY';
  path: string;
  scopes: string[];
}
export declare const ROUTES: RouteSpec[];
export declare const GROUP_PERMISSIONS: Record<string, string[]>;
export declare const LOCAL_STAGE: string;
/** What serverless.yml's `${file(...)}` passes to a resolver function. */
export interface ResolverContext {
  resolveVariable(name: string): Promise<unknown>;
}
export declare function authorizerEnvironment(context: ResolverContext): Promise<Record<string, unknown>>;
export declare function cursorSecretEnvironment(context: ResolverContext): Promise<Record<string, unknown>>;
