// Carries a failure out of verification together with what the steps before it learned, for the decision line.
import { CodedError } from '../shared/coded-error';
import type { TokenFacts } from './decision-log';
import type { MaybePromise } from './maybe-promise';

/**
 * A failure after the header was decoded (provider choice, verification, the cache entry), wrapped with the facts
 * the earlier steps returned: kid, provider, principalId. It never leaves `authorize`, which logs the facts,
 * classifies `cause` and answers with a plain client-safe error; nothing is written into a shared object.
 */
export class FailureWithFactsError extends CodedError<'failure_with_facts'> {
  static override readonly name: string = 'FailureWithFactsError';
  readonly code = 'failure_with_facts';
  constructor(
    readonly facts: TokenFacts,
    cause: unknown,
  ) {
    super('failed after the token was identified', { cause });
  }
}

/** Runs `step`; whatever it throws or rejects with comes out as a FailureWithFactsError carrying `facts`. */
export function withFacts<T>(facts: TokenFacts, step: () => MaybePromise<T>): MaybePromise<T> {
  try {
    const value = step();
    return value instanceof Promise ? value.catch((err: unknown) => Promise.reject(attach(facts, err))) : value;
  } catch (err) {
    throw attach(facts, err);
  }
}

/** The failure itself and the facts known when it happened (none when it carries none). */
export function unwrapFailure(err: unknown): { cause: unknown; facts: TokenFacts } {
  return err instanceof FailureWithFactsError
    ? { cause: err.cause, facts: err.facts }
    : { cause: err, facts: NO_FACTS };
}

const NO_FACTS: TokenFacts = Object.freeze({});

// An inner step's wrapper already holds at least as much as the outer one knows: keep it.
function attach(facts: TokenFacts, err: unknown): FailureWithFactsError {
  return err instanceof FailureWithFactsError ? err : new FailureWithFactsError(facts, err);
}
