// The one base of every project error: a stable `code` for callers and logs, and a `name` set once, here.

/**
 * Extended by every error class in shared/, authorizer/ and services/; each subclass only adds its `code`, its
 * message and its fields. `name` is taken from the concrete class (`new.target`), so no subclass assigns it.
 *
 * Each concrete class still spells its name once, as `static override readonly name: string = '…'`: the deployed
 * bundles are minified (serverless.yml `minify: true`), which renames classes (a `FetchError` becomes `r`), while
 * `err.name` is what the logs show and group by. A static literal survives any bundler and minifier, and costs
 * nothing at run time; esbuild's `keepNames` would too, but for every function in the bundle (about 7% more
 * authorizer bundle) and only as long as one build setting elsewhere stays on. test/unit/shared/coded-error.test.ts
 * minifies every error module to catch a class that forgets its literal. `: string` lets subclasses of a concrete
 * class (InvalidCursorError of BadRequestError) declare their own.
 */
export abstract class CodedError<C extends string = string> extends Error {
  static override readonly name: string = 'CodedError';
  abstract readonly code: C;

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}
