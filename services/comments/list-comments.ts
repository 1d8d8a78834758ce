// GET /comments: the newest visible comments first, paginated with an opaque, signed cursor.
import { ok } from '../../shared/http/responses';
import { withHttp, type LambdaHttpHandler } from '../../shared/http/with-http';
import { commentsDeps, type CommentsDeps } from './comments-deps';
import { presentComment } from './present-comment';
import { listCommentsQuery } from './schemas';

export function makeListComments(deps: CommentsDeps): LambdaHttpHandler {
  return withHttp({ operation: 'comments.list', query: listCommentsQuery, requireScopes: ['comments:read'] }, async ({ query }) => {
    const page = await deps.repository.listNewest({ limit: query.limit, ...(query.cursor ? { cursor: query.cursor } : {}) });
    return ok({ items: page.items.map(presentComment), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) });
  });
}

export const handler = makeListComments(commentsDeps());
