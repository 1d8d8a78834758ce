// The public JSON shape of a comment, and the display name taken from the caller's context claims.
import type { AuthIdentity } from '../../shared/auth-context';
import type { Comment } from './comment';

/**
 * Readers see the author's display name and whether the comment is their own, never an identifier: a `sub` can be
 * an e-mail address (and even a hash of one can be confirmed against a list of addresses).
 */
export function presentComment(comment: Comment, viewer: AuthIdentity): Record<string, unknown> {
  return {
    id: comment.id,
    ...(comment.displayName !== undefined ? { displayName: comment.displayName } : {}),
    mine: comment.authorId !== undefined && comment.authorId === viewer.userId,
    text: comment.text,
    createdAt: comment.createdAt,
    updatedAt: comment.updatedAt,
  };
}

// Only names: an e-mail claim is never shown to other readers.
const NAME_CLAIMS = ['name', 'preferred_username', 'cognito_username', 'nickname'];
// Pools that sign users in by e-mail put the address in cognito:username or preferred_username: never show one.
const LOOKS_LIKE_EMAIL = /@/;

export function displayNameOf(auth: AuthIdentity): string | undefined {
  for (const claim of NAME_CLAIMS) {
    const value = auth.claims[claim]?.trim();
    if (value && !LOOKS_LIKE_EMAIL.test(value)) return value.slice(0, 100);
  }
  return undefined;
}
