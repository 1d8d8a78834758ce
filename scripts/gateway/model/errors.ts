// Every error of the gateway model: what the local gateway cannot reproduce faithfully fails loudly, by name.
import { CodedError } from '../../../shared/coded-error';

/** Why a packaged template cannot become a gateway model. A closed list, so callers and tests match on it. */
export type GatewayModelErrorCode =
  'invalid_template' | 'missing_rest_api' | 'unresolved_reference' | 'invalid_property' | 'unsupported_feature';

/**
 * The template is not one this model can reproduce. The message starts with the logical id at fault, so a
 * developer finds the resource in `.serverless/cloudformation-template-update-stack.json` at once.
 */
export class GatewayModelError extends CodedError<GatewayModelErrorCode> {
  static override readonly name: string = 'GatewayModelError';
  constructor(
    readonly code: GatewayModelErrorCode,
    readonly logicalId: string | null,
    detail: string,
    options?: ErrorOptions,
  ) {
    super(logicalId === null ? detail : `${logicalId}: ${detail}`, options);
  }
}

/** Why a mapping template cannot be evaluated: outside the VTL subset serverless emits, or not well-formed. */
export type MappingTemplateErrorCode = 'unsupported_construct' | 'invalid_syntax' | 'unset_variable';

/**
 * A mapping template uses VTL this evaluator does not implement (or is malformed). Evaluating only the subset
 * serverless writes, and refusing the rest, keeps local CORS from silently differing from API Gateway's.
 */
export class MappingTemplateError extends CodedError<MappingTemplateErrorCode> {
  static override readonly name: string = 'MappingTemplateError';
  constructor(
    readonly code: MappingTemplateErrorCode,
    /** The offending piece of template text, as written. */
    readonly construct: string,
    detail: string,
  ) {
    super(`${detail}: ${construct}`);
  }
}
