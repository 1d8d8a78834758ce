// DELETE /comments/{id}: only the author or a moderator; a conditional soft delete, so nothing is lost or resurrected.
import { ForbiddenError, NotFoundError } from '../../shared/errors';
import { noContent } from '../../shared/http/responses';
import { withHttp, type LambdaHttpHandler } from '../../shared/http/with-http';
import { commentsDeps, type CommentsDeps } from './comments-deps';

export function makeDeleteComment(deps: CommentsDeps): LambdaHttpHandler {
  return withHttp({ operation: 'comments.delete', route: 'DELETE /comments/{id}' }, async ({ auth, params }) => {
    // The authorizer can only say "may delete comments"; whose comment it is, only the data can tell.
    const outcome = params.id
      ? await deps.repository.hide(params.id, {
          userId: auth.userId,
          moderator: auth.permissions.includes(deps.moderatorPermission),
        })
      : 'not_found';
    if (outcome === 'not_found') throw new NotFoundError('Comment not found');
    if (outcome === 'forbidden')
      throw new ForbiddenError('not_author', 'Only the author or a moderator may delete this comment');
    return noContent();
  });
}

export const handler = makeDeleteComment(commentsDeps());
