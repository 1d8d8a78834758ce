// Opaque, tamper-evident pagination cursors: a signed LastEvaluatedKey of the `newest` index.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { InvalidCursorError } from './errors';
import { VISIBLE_PARTITION } from './table';

export interface CursorCodec {
  encode(key: Record<string, string>): string;
  decode(cursor: string): Record<string, string>;
}

/** Real cursors are ~150 characters; the cap bounds the work (base64, HMAC, JSON) an attacker can ask for. */
const MAX_CURSOR_LENGTH = 1024;
/** 128-bit tag: forging one is infeasible, and it keeps cursors short in URLs. */
const MAC_BYTES = 16;
/** base64url of 16 bytes, unpadded, is 22 characters. */
const CURSOR_FORMAT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/;
/** 32 characters at least, so a short or placeholder secret fails at construction, not in production. */
const MIN_SECRET_LENGTH = 32;
const PK_PATTERN = /^COMMENT#([\w-]{1,64})$/;
/** "{createdAt ISO}#{id}", exactly as buildNewestSortKey writes it. */
const SORT_KEY_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z#([\w-]{1,64})$/;

/**
 * Exactly the three key attributes of a `newest` LastEvaluatedKey. The MAC already proves we issued the cursor;
 * this is defence in depth, so that even a leaked secret cannot steer ExclusiveStartKey outside the index.
 */
const cursorKeySchema = z
  .strictObject({
    pk: z.string().regex(PK_PATTERN),
    gsi1pk: z.literal(VISIBLE_PARTITION),
    gsi1sk: z.string().regex(SORT_KEY_PATTERN),
  })
  .refine((key) => PK_PATTERN.exec(key.pk)?.[1] === SORT_KEY_PATTERN.exec(key.gsi1sk)?.[1], 'pk and gsi1sk differ');

export function createCursorCodec(secret: string): CursorCodec {
  if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) {
    throw new TypeError(`cursor secret must be at least ${MIN_SECRET_LENGTH} characters`);
  }
  const sign = (payload: string): string =>
    createHmac('sha256', secret).update(payload).digest().subarray(0, MAC_BYTES).toString('base64url');

  return {
    encode(key) {
      // Our own LastEvaluatedKey not fitting the schema is a bug; refusing here keeps encode/decode symmetric.
      if (!cursorKeySchema.safeParse(key).success) throw new TypeError('not a key of the newest index');
      const payload = Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
      return `${payload}.${sign(payload)}`;
    },
    decode(cursor) {
      if (typeof cursor !== 'string' || cursor.length > MAX_CURSOR_LENGTH || !CURSOR_FORMAT.test(cursor)) {
        throw new InvalidCursorError();
      }
      const [payload = '', mac = ''] = cursor.split('.');
      // Compare the canonical base64url text of the tags: equal length (checked by the format), constant time,
      // and a non-canonical spelling of the right tag is refused instead of accepted.
      if (!timingSafeEqual(Buffer.from(mac, 'latin1'), Buffer.from(sign(payload), 'latin1'))) {
        throw new InvalidCursorError();
      }
      const parsed = cursorKeySchema.safeParse(parseJson(Buffer.from(payload, 'base64url').toString('utf8')));
      if (!parsed.success) throw new InvalidCursorError();
      return parsed.data;
    },
  };
}

/** The key as a value (tests, the local stack) or as a source resolved on first use (Secrets Manager on AWS). */
export type CursorSecretInput = string | (() => Promise<string>);

/**
 * The codec, built once: at once for a value (so a short one fails at construction), on the first call for a
 * source. Without a secret every call rejects: only the function that pages is given one (least privilege).
 */
export function createLazyCursorCodec(secret: CursorSecretInput | undefined): () => Promise<CursorCodec> {
  if (secret === undefined) {
    return () => Promise.reject(new TypeError('no cursor secret was configured for this function'));
  }
  if (typeof secret === 'string') {
    const codec = Promise.resolve(createCursorCodec(secret));
    return () => codec;
  }
  let codec: CursorCodec | undefined;
  return async () => (codec ??= createCursorCodec(await secret()));
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new InvalidCursorError();
  }
}
