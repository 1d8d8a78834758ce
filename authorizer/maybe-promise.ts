// Values that are ready now or later: the authorizer's hot path stays synchronous when every key is already known.

export type MaybePromise<T> = T | Promise<T>;

/** Applies `next` at once to a ready value, or after the promise settles; errors propagate either way. */
export function andThen<T, U>(value: MaybePromise<T>, next: (ready: T) => MaybePromise<U>): MaybePromise<U> {
  return value instanceof Promise ? value.then(next) : next(value);
}
