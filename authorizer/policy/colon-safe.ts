// Rewrites an IAM Resource suffix so that it matches the same requests under IAM's colon rule as "*"-spans-all.

/**
 * IAM User Guide, "Using wildcards in resource ARNs": a wildcard matches within one colon-separated segment of
 * the ARN, and only a "*" that is the last character of a segment may expand across ":". API Gateway puts raw
 * path values into the method ARN, so "GET/comments/urn:c:7/likes" holds two colons: the trailing "*" of an
 * Allow "GET/comments/*" reaches it, while a Deny "GET/comments/*\/likes" does not (its "*" is mid-segment).
 *
 * Each mid-pattern "*" is therefore written twice: as "*" (a run without ":") and as "*:*" (a run with at least
 * one ":": the first "*" now ends a segment, so it may span colons). Under the colon rule the pair together
 * matches any run, exactly what one "*" matches where "*" spans everything; where "*" spans everything, or only
 * stops at "/", "*:*" matches nothing that "*" does not. So the policy's answer under the colon rule equals its
 * answer under the other readings, and proofs made for those carry over.
 *
 * The verb "*" of an ANY route is left alone: verbs never contain ":". The trailing "*" already spans colons.
 */
export function colonSafe(suffix: string): string[] {
  let variants = [''];
  for (let i = 0; i < suffix.length; i++) {
    const c = suffix[i] as string;
    const split = c === '*' && i > 0 && i < suffix.length - 1;
    variants = split ? variants.flatMap((v) => [`${v}*`, `${v}*:*`]) : variants.map((v) => v + c);
  }
  return variants;
}

/** colonSafe over a list, keeping the order and dropping repeats. */
export function colonSafeAll(suffixes: readonly string[]): string[] {
  return [...new Set(suffixes.flatMap(colonSafe))];
}
