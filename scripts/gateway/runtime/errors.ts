// The local gateway runtime's errors, each with a stable `code` (base: CodedError).
import { CodedError } from '../../../shared/coded-error';

/**
 * A policy uses an element the evaluator will not guess at (NotAction, NotResource, Condition, Principal, …) or is
 * not an IAM policy at all. Failing loudly beats ignoring the element: a silently skipped NotResource Deny grants.
 */
export class PolicyConfigurationError extends CodedError<'policy_configuration'> {
  static override readonly name: string = 'PolicyConfigurationError';
  readonly code = 'policy_configuration';
  constructor(readonly problem: string) {
    super(`policy not evaluable: ${problem}`);
  }
}
