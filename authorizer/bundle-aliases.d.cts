// Types for bundle-aliases.cjs: module name → shim path relative to the repository root.
declare const aliases: Readonly<Record<string, string>>;
export = aliases;
