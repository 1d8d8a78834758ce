// Types for api-shapes.cjs, which serverless.yml loads as plain CommonJS and the template tests import.
import type { ResolverContext } from './stack-config.cjs';

export declare const SHAPES: readonly string[];
export declare const HTTP_API_IDENTITY_SOURCE: readonly string[];
export declare const WEBSOCKET_IDENTITY_SOURCE: readonly string[];
/** The stage's `shape` parameter; rejects anything but rest, http or websocket. */
export declare function shapeOf(context: ResolverContext): Promise<string>;
export declare function extraEvents(shape: string, route: { method: string; path: string; public?: true }): unknown[];
export declare function httpApi(context: ResolverContext): Promise<Record<string, unknown>>;
export declare function functions(context: ResolverContext): Promise<Record<string, Record<string, unknown>>>;
export declare function resources(context: ResolverContext): Promise<{ Resources: Record<string, unknown> }>;
