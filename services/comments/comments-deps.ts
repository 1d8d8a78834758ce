// The comments service's dependencies, built once per cold start from the environment (injectable in tests).
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { requireEnv, type Env } from '../../shared/config/env';
import type { CursorSecretSource } from './cursor-secret';
import { createCommentsRepository, type CommentsRepository } from './repository';

export interface CommentsDeps {
  repository: CommentsRepository;
  /** Holders of this permission may hide anyone's comment. */
  moderatorPermission: string;
}

export interface CommentsDepsOptions {
  /**
   * The pagination-cursor key (cursor-secret.ts, loadCursorSecret). Only the list function pages, so only it is
   * given one: the other functions neither receive the secret nor may read it (least privilege).
   */
  cursorSecret?: CursorSecretSource;
}

/**
 * TABLE_NAME and MODERATOR_PERMISSION (default comments:moderate); the cursor key comes in `options`.
 * The SDK honours AWS_ENDPOINT_URL_DYNAMODB, which points it at dynalite locally.
 */
export function loadCommentsDeps(env: Env = process.env, options: CommentsDepsOptions = {}): CommentsDeps {
  const tableName = requireEnv(env, 'TABLE_NAME');
  const client = DynamoDBDocumentClient.from(new DynamoDBClient({}), {
    marshallOptions: { removeUndefinedValues: true },
  });
  return {
    repository: createCommentsRepository({
      client,
      tableName,
      ...(options.cursorSecret ? { cursorSecret: options.cursorSecret } : {}),
    }),
    moderatorPermission: env.MODERATOR_PERMISSION?.trim() || 'comments:moderate',
  };
}

let cached: CommentsDeps | undefined;
/** For the functions that never page: shared by the operations bundled together, built once at module load. */
export function commentsDeps(): CommentsDeps {
  cached ??= loadCommentsDeps();
  return cached;
}
