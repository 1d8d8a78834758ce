// Parses an API Gateway method ARN into the API prefix (shared by every route of the stage), verb and path.
import { InvalidEventError } from '../errors';

export interface MethodArn {
  /** arn:{partition}:execute-api:{region}:{account}:{apiId}/{stage} */
  prefix: string;
  verb: string;
  /** The resource path, always starting with "/" ("/" for the root resource). */
  path: string;
}

/** API Gateway's documented limit on a method ARN. */
const MAX_METHOD_ARN_BYTES = 1_600;
// serverless-offline fills the account and API id with placeholders, so those parts are not required to be numeric.
const METHOD_ARN = /^(arn:[a-z-]+:execute-api:[a-z0-9-]+:[^:/\s]+:[^:/\s]+\/[^/\s]+)\/([A-Z]+)(\/[^\s]*)?$/;

export function parseMethodArn(methodArn: unknown): MethodArn {
  if (typeof methodArn !== 'string' || Buffer.byteLength(methodArn, 'utf8') > MAX_METHOD_ARN_BYTES) {
    throw new InvalidEventError('methodArn is missing or too long');
  }
  const match = METHOD_ARN.exec(methodArn);
  if (!match) throw new InvalidEventError('methodArn is not an execute-api method ARN');
  const [, prefix = '', verb = '', path] = match;
  return { prefix, verb, path: path || '/' };
}
