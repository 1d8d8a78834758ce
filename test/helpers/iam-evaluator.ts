// Evaluates an authorizer's IAM policy at a method ARN under each reading of IAM's wildcards: explicit Deny wins, default deny.
import type { PolicyDocument } from '../../authorizer/policy/build-policy';

export type Effect = 'Allow' | 'Deny';

/**
 * How a Resource wildcard can match; AWS documents the rule loosely, so a policy must be right under all three.
 * - spanning: "*" is any run of characters, "/" and ":" included (what API Gateway is usually described as doing).
 * - colon: IAM User Guide, "Using wildcards in resource ARNs": wildcards match within one colon-separated segment;
 *   only a "*" that is the last character of a segment (followed by ":" or the end) may expand across ":".
 * - segment: a "*" that is not the pattern's last character does not match "/"; only the trailing one does
 *   (how API Gateway's answers on re:Post describe it).
 */
export type WildcardModel = 'spanning' | 'colon' | 'segment';
export const WILDCARD_MODELS: readonly WildcardModel[] = ['spanning', 'colon', 'segment'];

const compiled = new Map<string, RegExp>();

/** True when an IAM Resource glob matches the ARN under `model` (default: spanning). */
export function globMatches(glob: string, arn: string, model: WildcardModel = 'spanning'): boolean {
  const key = `${model} ${glob}`;
  let regex = compiled.get(key);
  if (!regex) {
    regex = new RegExp(`^${translate(glob, model)}$`, 's');
    compiled.set(key, regex);
  }
  return regex.test(arn);
}

function translate(glob: string, model: WildcardModel): string {
  const chars = [...glob];
  return chars
    .map((c, i) => {
      const last = i === chars.length - 1;
      if (c === '*') return starOf(model, last, chars[i + 1] === ':');
      if (c === '?') return model === 'colon' ? '[^:]' : model === 'segment' && !last ? '[^/]' : '.';
      return c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
}

function starOf(model: WildcardModel, last: boolean, beforeColon: boolean): string {
  if (model === 'colon') return last || beforeColon ? '.*' : '[^:]*';
  if (model === 'segment') return last ? '.*' : '[^/]*';
  return '.*';
}

export function evaluatePolicy(document: PolicyDocument, methodArn: string, model: WildcardModel = 'spanning'): Effect {
  let allowed = false;
  for (const statement of document.Statement) {
    if (statement.Action !== 'execute-api:Invoke') continue;
    const resources = Array.isArray(statement.Resource) ? statement.Resource : [statement.Resource];
    if (!resources.some((r) => globMatches(r, methodArn, model))) continue;
    if (statement.Effect === 'Deny') return 'Deny';
    allowed = true;
  }
  return allowed ? 'Allow' : 'Deny';
}
