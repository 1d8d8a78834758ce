// Evaluates an authorizer's IAM policy at a method ARN with AWS's rules: "*"/"?" span "/", explicit Deny wins, default deny.
import type { PolicyDocument } from '../../authorizer/policy/build-policy';

export type Effect = 'Allow' | 'Deny';

/** True when an IAM Resource glob matches the ARN. */
export function globMatches(glob: string, arn: string): boolean {
  const source = [...glob].map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('');
  return new RegExp(`^${source}$`, 's').test(arn);
}

export function evaluatePolicy(document: PolicyDocument, methodArn: string): Effect {
  let allowed = false;
  for (const statement of document.Statement) {
    if (statement.Action !== 'execute-api:Invoke') continue;
    const resources = Array.isArray(statement.Resource) ? statement.Resource : [statement.Resource];
    if (!resources.some((r) => globMatches(r, methodArn))) continue;
    if (statement.Effect === 'Deny') return 'Deny';
    allowed = true;
  }
  return allowed ? 'Allow' : 'Deny';
}
