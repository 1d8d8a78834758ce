// POST /comments: stores a comment whose author is the authenticated (provider-qualified) user, never the body's say.
import { created } from '../../shared/http/responses';
import { withHttp, type LambdaHttpHandler } from '../../shared/http/with-http';
import { commentsDeps, type CommentsDeps } from './comments-deps';
import { displayNameOf, presentComment } from './present-comment';
import { createCommentBody } from './schemas';

export function makeCreateComment(deps: CommentsDeps): LambdaHttpHandler {
  return withHttp(
    { operation: 'comments.create', body: createCommentBody, route: 'POST /comments' },
    async ({ auth, body }) => {
      const displayName = displayNameOf(auth);
      const comment = await deps.repository.create({
        authorId: auth.userId,
        text: body.text,
        ...(displayName !== undefined ? { displayName } : {}),
      });
      return created(presentComment(comment, auth), `/comments/${comment.id}`);
    },
  );
}

export const handler = makeCreateComment(commentsDeps());
