// IAM's wildcard matching: Resource ARNs under each reading of the colon rule, and Action names (case-insensitive).

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

// Compiled patterns, bounded: the gateway sees whatever Resource strings an authorizer returns, so an unbounded
// memo would grow with them. Dropping everything at the cap is crude but keeps memory flat.
const COMPILED_LIMIT = 10_000;
const compiled = new Map<string, RegExp>();

function compile(key: string, source: () => string, flags: string): RegExp {
  let regex = compiled.get(key);
  if (!regex) {
    if (compiled.size >= COMPILED_LIMIT) compiled.clear();
    regex = new RegExp(`^${source()}$`, flags);
    compiled.set(key, regex);
  }
  return regex;
}

/** True when an IAM Resource glob matches the ARN under `model` (default: spanning). */
export function globMatches(glob: string, arn: string, model: WildcardModel = 'spanning'): boolean {
  return compile(`r ${model} ${glob}`, () => translate(glob, model), 's').test(arn);
}

/**
 * True when an IAM Action pattern names `action`. IAM User Guide, "IAM JSON policy elements: Action": the service
 * prefix and the action name are case-insensitive, and "*" / "?" may stand anywhere in the name, so
 * "execute-api:Invoke", "EXECUTE-API:invoke", "execute-api:*", "execute-api:Inv*" and "*" all name Invoke.
 */
export function actionMatches(pattern: string, action: string): boolean {
  const source = () =>
    [...pattern].map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('');
  return compile(`a ${pattern}`, source, 'is').test(action);
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
