// What one API Gateway authorizer shape adds to the one core: how it reads its event and how it shapes its answer.
import type { Verdict } from '../decide';
import type { TokenEntry } from '../token-entry';

/**
 * The core (create-authorizer.ts) runs every shape the same way: target, credential, cache or verify, decide,
 * respond, one decision line. A shape only knows its event and its answer, so the security steps exist once.
 * `E` is the event, `T` what the request is aimed at (a method ARN, an HTTP API route), `R` the answer.
 */
export interface AuthorizerShape<E, T, R> {
  /** Where the request goes. Throws InvalidEventError when the event is not of this shape: a 500, never an Allow. */
  target(event: E): T;
  /**
   * The credential as an Authorization header value: the verified-token cache's key, read before anything is
   * verified. Throws TokenRejectedError for a missing, ambiguous or malformed identity source.
   */
  credential(event: E): string;
  /** The outcome at the target, for the decision line: one of decide.ts's frozen verdicts, so nothing is allocated. */
  decide(entry: TokenEntry, target: T): Verdict;
  /** The answer API Gateway expects from this shape. */
  respond(entry: TokenEntry, target: T, verdict: Verdict): R;
}

/** A plain object: what every event is, and what garbage is not. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Names what kind of event arrived, for the log line of a wrong-shape event. Only known words come out: the
 * event's own text is never echoed, whatever it holds.
 */
export function describeEvent(event: unknown): string {
  if (!isRecord(event)) return 'something that is not an event object';
  if (event.version === '2.0' || event.version === '1.0') return `an HTTP API payload ${event.version} event`;
  if (event.version !== undefined) return 'an event with an unknown version';
  if (event.type === 'TOKEN' || event.type === 'REQUEST') return `a ${event.type} event`;
  return 'an event of no authorizer type';
}
