// Types for stack-config.cjs, which serverless.yml loads as plain CommonJS and the scripts import.
export interface RouteSpec {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS' | 'ANY';
  path: string;
  scopes: string[];
}
export declare const ROUTES: RouteSpec[];
export declare const GROUP_PERMISSIONS: Record<string, string[]>;
