// Request schemas of the comments API: what a client may send, validated before any handler runs.
import { z } from 'zod';

export const MAX_TEXT_CHARACTERS = 2000;

/** POST /comments. Strict: an `author` (or any other key) in the body is refused, never trusted. */
export const createCommentBody = z.strictObject({
  text: z
    .string({ error: 'text must be a string' })
    .trim()
    // Characters as people count them (code points), not UTF-16 units.
    .refine((t) => [...t].length >= 1, { error: 'text must not be empty' })
    .refine((t) => [...t].length <= MAX_TEXT_CHARACTERS, {
      error: `text must be at most ${MAX_TEXT_CHARACTERS} characters`,
    }),
});

/** GET /comments?limit=&cursor= */
export const listCommentsQuery = z.object({
  limit: z.coerce.number({ error: 'limit must be a number' }).int().min(1).max(100).default(20),
  cursor: z.string().min(1).max(1024).optional(),
});

export type CreateCommentBody = z.infer<typeof createCommentBody>;
export type ListCommentsQuery = z.infer<typeof listCommentsQuery>;
