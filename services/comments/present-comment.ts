// The public JSON shape of a comment, and the display name taken from the caller's context claims.
import type { AuthIdentity } from '../../shared/auth-context';
import type { Comment } from './comment';

export function presentComment(comment: Comment): Record<string, unknown> {
  return {
    id: comment.id,
    author: comment.author,
    ...(comment.displayName !== undefined ? { displayName: comment.displayName } : {}),
    text: comment.text,
    createdAt: comment.createdAt,
    updatedAt: comment.updatedAt,
  };
}

// Only names: an e-mail claim is never shown to other readers.
const NAME_CLAIMS = ['name', 'preferred_username', 'cognito_username', 'nickname'];

export function displayNameOf(auth: AuthIdentity): string | undefined {
  for (const claim of NAME_CLAIMS) {
    const value = auth.claims[claim]?.trim();
    if (value) return value.slice(0, 100);
  }
  return undefined;
}
