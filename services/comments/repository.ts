// Comments storage: every DynamoDB call of the comments service lives here (key design in table.ts).
import { randomUUID } from 'node:crypto';
import {
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import type { Comment } from './comment';
import { createLazyCursorCodec, type CursorSecretInput } from './cursor';
import { buildCommentKey, buildNewestSortKey, COMMENT_ID_PATTERN, NEWEST_INDEX, VISIBLE_PARTITION } from './table';

export type HideOutcome = 'hidden' | 'not_found' | 'forbidden';
export interface HideActor {
  /** The provider-qualified identity (AuthIdentity.userId), never the bare `sub`. */
  userId: string;
  /** Decided by the caller from the principal's permissions; moderators may hide anyone's comment. */
  moderator: boolean;
}

export interface CommentsRepository {
  create(input: { authorId: string; displayName?: string; text: string }): Promise<Comment>;
  /** Visible comments only: a hidden comment is indistinguishable from one that never existed. */
  get(id: string): Promise<Comment | undefined>;
  listNewest(options: { limit: number; cursor?: string }): Promise<{ items: Comment[]; nextCursor?: string }>;
  hide(id: string, actor: HideActor): Promise<HideOutcome>;
}

export interface CommentsRepositoryDeps {
  client: DynamoDBDocumentClient;
  tableName: string;
  /**
   * HMAC secret for pagination cursors (at least 32 characters), or its source (Secrets Manager on AWS). Only
   * listNewest uses it, so the functions that never page are built without it and never hold the key.
   */
  cursorSecret?: CursorSecretInput;
  now?: () => number;
  newId?: () => string;
}

/** DynamoDB's Query Limit must be ≥ 1; the upper bound keeps one page's read cost and response size small. */
export const MAX_PAGE_SIZE = 100;

/** The stored item, read back defensively: a corrupt item fails loudly instead of leaking odd shapes. */
const storedCommentSchema = z.object({
  id: z.string(),
  // Absent only on comments written before ownership was provider-qualified (see migrate-legacy-authors.ts).
  authorId: z.string().optional(),
  displayName: z.string().optional(),
  text: z.string(),
  visible: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

// A legacy item (no authorId) fails `authorId = :actor`: until migrated, only moderators may hide it (fail closed).
const HIDE_CONDITION = 'attribute_exists(pk) AND visible = :true AND (authorId = :actor OR :moderator = :true)';
const HIDE_UPDATE =
  'SET visible = :false, updatedAt = :now, hiddenAt = :now, hiddenBy = :actor, version = version + :one ' +
  'REMOVE gsi1pk, gsi1sk';

export function createCommentsRepository(deps: CommentsRepositoryDeps): CommentsRepository {
  const { client, tableName } = deps;
  const now = deps.now ?? Date.now;
  const newId = deps.newId ?? randomUUID;
  const cursorCodec = createLazyCursorCodec(deps.cursorSecret);

  async function readItem(id: string): Promise<Record<string, unknown> | undefined> {
    const key = { pk: buildCommentKey(id) };
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
    return Item;
  }

  return {
    async create(input) {
      const id = newId();
      if (!COMMENT_ID_PATTERN.test(id)) throw new TypeError('newId produced an id outside [\\w-]{1,64}');
      const at = new Date(now()).toISOString();
      const { authorId, displayName, text } = input;
      const comment: Comment = { id, authorId, text, visible: true, createdAt: at, updatedAt: at };
      if (displayName !== undefined) comment.displayName = displayName;
      const keys = { pk: buildCommentKey(id), gsi1pk: VISIBLE_PARTITION, gsi1sk: buildNewestSortKey(at, id) };
      // Never overwrite: a repeated id (or a retried put racing another writer) fails instead of replacing data.
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...comment, ...keys, version: 1 },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return comment;
    },

    async get(id) {
      // Malformed ids cannot name a stored comment; answering without I/O also keeps junk out of key lookups.
      if (!COMMENT_ID_PATTERN.test(id)) return undefined;
      const item = await readItem(id);
      return item?.['visible'] === true ? toComment(item) : undefined;
    },

    async listNewest({ limit, cursor }) {
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
        throw new TypeError(`limit must be an integer from 1 to ${MAX_PAGE_SIZE}`);
      }
      // Resolved first: when Secrets Manager fails, the request fails (500) before any DynamoDB call.
      const cursors = await cursorCodec();
      // Decoded (and verified) before any DynamoDB I/O: a bad cursor is the client's 400, never a DynamoDB error.
      const startKey = cursor === undefined ? undefined : cursors.decode(cursor);
      const page = await client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: NEWEST_INDEX,
          KeyConditionExpression: 'gsi1pk = :visible',
          ExpressionAttributeValues: { ':visible': VISIBLE_PARTITION },
          ScanIndexForward: false,
          Limit: limit,
          ExclusiveStartKey: startKey,
        }),
      );
      const items = (page.Items ?? []).map(toComment);
      return page.LastEvaluatedKey ? { items, nextCursor: cursors.encode(page.LastEvaluatedKey) } : { items };
    },

    async hide(id, actor) {
      if (!COMMENT_ID_PATTERN.test(id)) return 'not_found';
      try {
        await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: { pk: buildCommentKey(id) },
            // One atomic check: exists, still visible (never resurrect, never hide twice), and allowed.
            ConditionExpression: HIDE_CONDITION,
            UpdateExpression: HIDE_UPDATE,
            ExpressionAttributeValues: {
              ':true': true,
              ':false': false,
              ':now': new Date(now()).toISOString(),
              ':actor': actor.userId,
              ':moderator': actor.moderator,
              ':one': 1,
            },
          }),
        );
        return 'hidden';
      } catch (err) {
        if (!isConditionalCheckFailed(err)) throw err;
        return explainRefusal(await readItem(id), actor);
      }
    },
  };
}

/**
 * Why the hide condition failed. Absent and already hidden both read as not_found, so a hidden comment is never
 * revealed to anyone. Items never become visible again and authors never change, so a visible item that the
 * actor may hide cannot be the reason; if it is, an invariant broke and we say so rather than guess.
 */
function explainRefusal(item: Record<string, unknown> | undefined, actor: HideActor): HideOutcome {
  if (item?.['visible'] !== true) return 'not_found';
  if (item['authorId'] !== actor.userId && !actor.moderator) return 'forbidden';
  throw new Error('hide: the condition failed although the comment is visible and the actor may hide it');
}

function toComment(item: Record<string, unknown>): Comment {
  const { displayName, authorId, ...rest } = storedCommentSchema.parse(item);
  // Built field by field from the schema's output, so pk, gsi1pk, gsi1sk, version and hidden* never leak.
  return {
    ...rest,
    ...(authorId !== undefined ? { authorId } : {}),
    ...(displayName !== undefined ? { displayName } : {}),
  };
}

/** By name, not instanceof: the document client may sit on a different copy of @aws-sdk/client-dynamodb. */
function isConditionalCheckFailed(err: unknown): boolean {
  return err instanceof Error && err.name === 'ConditionalCheckFailedException';
}
