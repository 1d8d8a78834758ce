// Types for esbuild-settings.cjs, which serverless.yml loads as plain CommonJS and the bench and tests import.
import type { BuildOptions } from 'esbuild';

/** serverless.yml's `custom.esbuild` block. */
export declare function serverlessEsbuild(): Record<string, unknown>;
/** The shipped bundling as esbuild API options (CommonJS, absolute alias paths). */
export declare function shippedBuildOptions(): BuildOptions;
