// Types for debug-off-shim.cjs: the part of debug's API that jwks-rsa and the tests call.
interface Logger {
  (...args: unknown[]): void;
  namespace: string;
  enabled: boolean;
  extend(suffix: string, delimiter?: string): Logger;
}
declare function createDebug(namespace: string): Logger;
declare namespace createDebug {
  function enabled(namespace: string): boolean;
  function enable(namespaces: string): void;
  function disable(): string;
}
export = createDebug;
