// The errors of `npm run explain` that are not the authorizer's own (those keep their codes): exit status 2 for each.
import { CodedError } from '../../shared/coded-error';

/** The command line is not one explain understands; the message says what to type instead. */
export class ExplainUsageError extends CodedError<'usage'> {
  static override readonly name: string = 'ExplainUsageError';
  readonly code = 'usage';
}

/** A configuration source (a variable, a file) cannot be read or resolved; `source` names it. */
export class ConfigSourceError extends CodedError<'config_source'> {
  static override readonly name: string = 'ConfigSourceError';
  readonly code = 'config_source';
  constructor(
    readonly source: string,
    problem: string,
  ) {
    super(`${source}: ${problem}`);
  }
}
