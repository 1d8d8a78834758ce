// Signs the bench's tokens ahead of time: one never-seen token per warm operation, so "warm" measures verification.
import type { TestKey } from '../test/helpers/keys';
import { signToken } from '../test/helpers/tokens';

export interface BenchTokens {
  /** The token of the cached rows and of every validation: `sub` user-0. */
  good: string;
  /** `good` with its signature changed: every subject must refuse it. */
  tampered: string;
  /** Distinct tokens (`sub` user-1...), each used once per subject. */
  fresh: string[];
}

/** RS256 tokens as the bench's OIDC provider issues them: iss, aud, sub, scope, iat, nbf, exp (one hour). */
export function presignTokens(key: TestKey, issuer: string, audience: string, count: number): BenchTokens {
  const now = Math.floor(Date.now() / 1000);
  const sign = (i: number) =>
    signToken(key, {
      iss: issuer,
      aud: audience,
      sub: `user-${i}`,
      scope: 'comments:read comments:write',
      iat: now,
      nbf: now,
      exp: now + 3600,
    });
  const good = sign(0);
  const tail = good.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA';
  return { good, tampered: `${good.slice(0, -4)}${tail}`, fresh: Array.from({ length: count }, (_, i) => sign(i + 1)) };
}

/** Hands out `tokens` in order and refuses to repeat one: a repeat would be a cache hit, not a warm verify. */
export function tokenStream(tokens: readonly string[]): () => string {
  let next = 0;
  return () => {
    const token = tokens[next++];
    if (token === undefined) throw new Error(`the bench needs more than ${tokens.length} pre-signed tokens`);
    return token;
  };
}
