// The comments service's dependencies, built once per cold start from the environment (injectable in tests).
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { requireEnv, type Env } from '../../shared/config/env';
import { EnvError } from '../../shared/errors';
import { createCommentsRepository, type CommentsRepository } from './repository';

export interface CommentsDeps {
  repository: CommentsRepository;
  /** Holders of this permission may hide anyone's comment. */
  moderatorPermission: string;
}

/**
 * TABLE_NAME, CURSOR_SECRET (≥ 32 characters; signs pagination cursors) and MODERATOR_PERMISSION
 * (default comments:moderate). The SDK honours AWS_ENDPOINT_URL_DYNAMODB, which points it at dynalite locally.
 */
export function loadCommentsDeps(env: Env = process.env): CommentsDeps {
  const tableName = requireEnv(env, 'TABLE_NAME');
  const cursorSecret = requireEnv(env, 'CURSOR_SECRET');
  if (cursorSecret.length < 32) throw new EnvError('CURSOR_SECRET', 'must be at least 32 characters');
  const client = DynamoDBDocumentClient.from(new DynamoDBClient({}), {
    marshallOptions: { removeUndefinedValues: true },
  });
  return {
    repository: createCommentsRepository({ client, tableName, cursorSecret }),
    moderatorPermission: env.MODERATOR_PERMISSION?.trim() || 'comments:moderate',
  };
}

let cached: CommentsDeps | undefined;
/** Shared by the operations bundled together; each Lambda still builds it once, at module load. */
export function commentsDeps(): CommentsDeps {
  cached ??= loadCommentsDeps();
  return cached;
}
