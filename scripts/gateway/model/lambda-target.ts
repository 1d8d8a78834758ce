// Resolves an integration or authorizer URI to the Lambda function it invokes, by the names each side uses.
import { readGetAtt, isCfnObject, readRef, requireString, type CfnResources } from './cfn-values';
import { GatewayModelError } from './errors';
import type { LambdaTarget } from './gateway-model';

const LAMBDA_SUFFIX = 'LambdaFunction';
// API Gateway's Lambda invocation URI; serverless writes the partition and region as pseudo-parameter refs.
const INVOCATION_URI =
  /^arn:(?:\$\{AWS::Partition\}|aws[a-z-]*):apigateway:(?:\$\{AWS::Region\}|[a-z0-9-]+):lambda:path\/2015-03-31\/functions\/\$\{([A-Za-z0-9]+)\.Arn\}\/invocations$/;

/**
 * The function an `Integration.Uri` or `AuthorizerUri` invokes. Only the exact invocation-URI shape is accepted:
 * a function ARN with an alias or version, or any other target, is refused rather than invoked unqualified.
 */
export function resolveLambdaTarget(uri: unknown, resources: CfnResources, ownerId: string): LambdaTarget {
  const text = flattenToSubText(uri);
  const logicalId = text === undefined ? undefined : INVOCATION_URI.exec(text)?.[1];
  if (logicalId === undefined) {
    throw new GatewayModelError(
      'unresolved_reference',
      ownerId,
      "the URI is not API Gateway's invocation URI of a Lambda function's Arn (Fn::GetAtt [<X>LambdaFunction, Arn])",
    );
  }
  const fn = resources.get(logicalId);
  if (fn?.type !== 'AWS::Lambda::Function') {
    throw new GatewayModelError('unresolved_reference', ownerId, `${logicalId} is not an AWS::Lambda::Function`);
  }
  const functionName = requireString(fn, 'FunctionName');
  return { logicalId, functionName, functionKey: deriveFunctionKey(logicalId, functionName) };
}

/** An Fn::Join or Fn::Sub written as one Fn::Sub string (`${AWS::Region}`, `${X.Arn}`), or undefined. */
function flattenToSubText(value: unknown): string | undefined {
  if (!isCfnObject(value)) return typeof value === 'string' ? value : undefined;
  const sub = value['Fn::Sub'];
  if (typeof sub === 'string' && Object.keys(value).length === 1) return sub;
  const join = value['Fn::Join'];
  if (!Array.isArray(join) || join.length !== 2 || typeof join[0] !== 'string' || !Array.isArray(join[1])) {
    return undefined;
  }
  const parts = (join[1] as unknown[]).map(formatJoinPart);
  return parts.every((p): p is string => p !== undefined) ? parts.join(join[0]) : undefined;
}

function formatJoinPart(part: unknown): string | undefined {
  if (typeof part === 'string') return part.includes('${') ? undefined : part;
  const ref = readRef(part);
  if (ref === 'AWS::Partition' || ref === 'AWS::Region') return `\${${ref}}`;
  const att = readGetAtt(part);
  return att ? `\${${att[0]}.${att[1]}}` : undefined;
}

/**
 * The serverless.yml key of a function. serverless names it `${service}-${stage}-${key}` and its logical id
 * `${normalized(key)}LambdaFunction`, so the key is the one suffix of the name (after a `-`) that normalizes to the
 * logical id's stem. Longer suffixes normalize to longer stems, so at most one matches. A function with its own
 * `name:` has no such suffix: null, rather than a guess.
 */
export function deriveFunctionKey(logicalId: string, functionName: string): string | null {
  if (!logicalId.endsWith(LAMBDA_SUFFIX)) return null;
  const stem = logicalId.slice(0, -LAMBDA_SUFFIX.length);
  for (let at = functionName.indexOf('-'); at !== -1; at = functionName.indexOf('-', at + 1)) {
    const key = functionName.slice(at + 1);
    if (key !== '' && normalizeName(key) === stem) return key;
  }
  return null;
}

/** osls `naming.getNormalizedResourceName` (node_modules/osls/lib/plugins/aws/lib/naming.js). */
function normalizeName(key: string): string {
  const replaced = key.replace(/-/g, 'Dash').replace(/_/g, 'Underscore');
  return replaced.charAt(0).toUpperCase() + replaced.slice(1);
}
