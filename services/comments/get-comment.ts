// GET /comments/{id}: one visible comment, or 404.
import { NotFoundError } from '../../shared/errors';
import { ok } from '../../shared/http/responses';
import { withHttp, type LambdaHttpHandler } from '../../shared/http/with-http';
import { commentsDeps, type CommentsDeps } from './comments-deps';
import { presentComment } from './present-comment';

export function makeGetComment(deps: CommentsDeps): LambdaHttpHandler {
  return withHttp({ operation: 'comments.get', route: 'GET /comments/{id}' }, async ({ auth, params }) => {
    const comment = params.id ? await deps.repository.get(params.id) : undefined;
    if (!comment) throw new NotFoundError('Comment not found');
    return ok(presentComment(comment, auth));
  });
}

export const handler = makeGetComment(commentsDeps());
