// GET /comments: the newest visible comments first, paginated with an opaque, signed cursor.
import { ok } from '../../shared/http/responses';
import { withHttp, type LambdaHttpHandler } from '../../shared/http/with-http';
import { loadCommentsDeps, type CommentsDeps } from './comments-deps';
import { loadCursorSecret } from './cursor-secret';
import { presentComment } from './present-comment';
import { listCommentsQuery } from './schemas';

export function makeListComments(deps: CommentsDeps): LambdaHttpHandler {
  return withHttp(
    { operation: 'comments.list', query: listCommentsQuery, route: 'GET /comments' },
    async ({ auth, query }) => {
      const page = await deps.repository.listNewest({
        limit: query.limit,
        ...(query.cursor ? { cursor: query.cursor } : {}),
      });
      return ok({
        items: page.items.map((c) => presentComment(c, auth)),
        ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
      });
    },
  );
}

// The only function that signs cursors, so the only one holding the key: CURSOR_SECRET, or on AWS the secret named
// by CURSOR_SECRET_ARN, fetched from Secrets Manager on the first request that needs it and kept for the cold start.
export const handler = makeListComments(loadCommentsDeps(process.env, { cursorSecret: loadCursorSecret(process.env) }));
