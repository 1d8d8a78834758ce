// Cursor codec: round trip, and every tampered, foreign, garbage or mis-shaped cursor is an InvalidCursorError (400).
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { createCursorCodec, createLazyCursorCodec } from '../../../../services/comments/cursor';
import { InvalidCursorError } from '../../../../services/comments/errors';
import { BadRequestError } from '../../../../shared/errors';
import { caught, rejectionOf } from '../../../helpers/caught';

const SECRET = 'cursor-secret-for-tests-0123456789abcdef';
const OTHER_SECRET = 'another-cursor-secret-0123456789abcdef';
const KEY = { pk: 'COMMENT#c-0001', gsi1pk: 'VISIBLE', gsi1sk: '2026-11-23T12:00:00.000Z#c-0001' };
const OTHER_KEY = { pk: 'COMMENT#c-0002', gsi1pk: 'VISIBLE', gsi1sk: '2026-11-23T12:00:01.000Z#c-0002' };
const LONG_ID = 'a'.repeat(65);

/** An independent implementation of the wire format, to build validly signed cursors with arbitrary payloads. */
function signRaw(payloadJson: string, secret = SECRET): string {
  const payload = Buffer.from(payloadJson, 'utf8').toString('base64url');
  const mac = createHmac('sha256', secret).update(payload).digest().subarray(0, 16).toString('base64url');
  return `${payload}.${mac}`;
}

function expectInvalidCursor(cursor: string): void {
  const codec = createCursorCodec(SECRET);
  const err = caught(InvalidCursorError, () => codec.decode(cursor));
  expect(err).toBeInstanceOf(BadRequestError);
  expect(err.code).toBe('invalid_cursor');
  expect(err.statusCode).toBe(400);
  expect(err.message).toBe('The cursor is invalid or was tampered with');
}

/** Replaces the character at `index` by a different base64url character. */
function flipChar(text: string, index: number): string {
  const replacement = text[index] === 'A' ? 'B' : 'A';
  return text.slice(0, index) + replacement + text.slice(index + 1);
}

describe('createCursorCodec', () => {
  it('round-trips a key of the newest index through an opaque payload.mac string', () => {
    const codec = createCursorCodec(SECRET);
    const cursor = codec.encode(KEY);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/);
    expect(cursor).toBe(signRaw(JSON.stringify(KEY)));
    expect(codec.decode(cursor)).toEqual(KEY);
  });

  it('round-trips any valid key (property)', () => {
    const codec = createCursorCodec(SECRET);
    const idChars = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-'];
    const id = fc.string({ unit: fc.constantFrom(...idChars), minLength: 1, maxLength: 64 });
    const range = { min: new Date('2000-01-01T00:00:00Z'), max: new Date('2999-12-31T23:59:59Z') };
    const at = fc.date({ ...range, noInvalidDate: true });
    fc.assert(
      fc.property(id, at, (anId, date) => {
        const key = { pk: `COMMENT#${anId}`, gsi1pk: 'VISIBLE', gsi1sk: `${date.toISOString()}#${anId}` };
        expect(codec.decode(codec.encode(key))).toEqual(key);
      }),
    );
  });

  it('refuses a secret shorter than 32 characters with a TypeError (a programming error)', () => {
    expect(() => createCursorCodec('x'.repeat(31))).toThrow(TypeError);
    expect(() => createCursorCodec('')).toThrow(TypeError);
    expect(() => createCursorCodec('x'.repeat(32))).not.toThrow();
  });

  it('refuses to encode a key that decode would reject (TypeError)', () => {
    const codec = createCursorCodec(SECRET);
    expect(() => codec.encode({ ...KEY, extra: 'x' })).toThrow(TypeError);
    expect(() => codec.encode({ pk: 'COMMENT#a' })).toThrow(TypeError);
  });

  describe('tampering', () => {
    it('rejects a cursor signed with another secret', () => {
      expectInvalidCursor(createCursorCodec(OTHER_SECRET).encode(KEY));
    });

    it('rejects a payload changed under the original MAC', () => {
      const [, mac] = createCursorCodec(SECRET).encode(KEY).split('.');
      const forged = Buffer.from(JSON.stringify(OTHER_KEY)).toString('base64url');
      expectInvalidCursor(`${forged}.${mac}`);
    });

    it('rejects every single-character change of the payload or the MAC', () => {
      const cursor = createCursorCodec(SECRET).encode(KEY);
      for (let i = 0; i < cursor.length; i++) {
        if (cursor[i] !== '.') expectInvalidCursor(flipChar(cursor, i));
      }
    });

    it('rejects MACs swapped between two genuine cursors', () => {
      const codec = createCursorCodec(SECRET);
      const [payloadA, macA] = codec.encode(KEY).split('.');
      const [payloadB, macB] = codec.encode(OTHER_KEY).split('.');
      expectInvalidCursor(`${payloadA}.${macB}`);
      expectInvalidCursor(`${payloadB}.${macA}`);
    });

    it('rejects a genuine cursor with anything added or cut', () => {
      const cursor = createCursorCodec(SECRET).encode(KEY);
      const variants = [`${cursor}A`, `${cursor}=`, ` ${cursor}`, `${cursor}\n`, cursor.slice(1), cursor.slice(0, -1)];
      for (const variant of variants) expectInvalidCursor(variant);
    });
  });

  describe('garbage and size', () => {
    it.each([
      ['empty', ''],
      ['a dot', '.'],
      ['no dot', 'abcdef'],
      ['two dots', 'a.b.c'],
      ['short MAC', 'eyJwayI6IngifQ.abc'],
      ['padding', 'eyJwayI6IngifQ==.AAAAAAAAAAAAAAAAAAAAAA'],
      ['standard base64', 'ab+/.AAAAAAAAAAAAAAAAAAAAAA'],
      ['non-ASCII', 'é.ÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉ'],
      ['JSON', JSON.stringify({ pk: 'COMMENT#a' })],
    ])('rejects %s', (_label, cursor) => {
      expectInvalidCursor(cursor);
    });

    it('rejects a validly signed cursor longer than 1024 characters before looking inside', () => {
      const long = signRaw(JSON.stringify({ ...KEY, gsi1sk: `${KEY.gsi1sk}${'x'.repeat(800)}` }));
      expect(long.length).toBeGreaterThan(1024);
      expectInvalidCursor(long);
      expectInvalidCursor('A'.repeat(100_000));
    });
  });

  describe('key shape (validly signed, so only the shape check stands in the way)', () => {
    it.each([
      ['an extra attribute', { ...KEY, visible: 'true' }],
      ['a missing attribute', { pk: KEY.pk, gsi1pk: KEY.gsi1pk }],
      ['a number value', { ...KEY, gsi1sk: 42 }],
      ['a DynamoDB-typed value', { ...KEY, pk: { S: KEY.pk } }],
      ['a null value', { ...KEY, gsi1pk: null }],
      ['a pk without the prefix', { ...KEY, pk: 'c-0001' }],
      ['a pk of another item type', { ...KEY, pk: 'USER#c-0001' }],
      ['a pk id with a slash', { ...KEY, pk: 'COMMENT#a/b', gsi1sk: '2026-11-23T12:00:00.000Z#a/b' }],
      ['a pk id of 65 characters', { ...KEY, pk: `COMMENT#${LONG_ID}`, gsi1sk: `2026-11-23T12:00:00.000Z#${LONG_ID}` }],
      ['an empty pk id', { ...KEY, pk: 'COMMENT#' }],
      ['another GSI partition', { ...KEY, gsi1pk: 'VISIBLE#1' }],
      ['a sort key without a timestamp', { ...KEY, gsi1sk: 'c-0001' }],
      ['a sort key naming another item', { ...KEY, gsi1sk: '2026-11-23T12:00:00.000Z#c-0002' }],
    ])('rejects %s', (_label, key) => {
      expectInvalidCursor(signRaw(JSON.stringify(key)));
    });

    it.each([
      ['an array', JSON.stringify([KEY])],
      ['null', 'null'],
      ['a string', JSON.stringify('COMMENT#c-0001')],
      ['not JSON', '{"pk":'],
      ['a __proto__ key', `{"__proto__":{"x":"y"},${JSON.stringify(KEY).slice(1)}`],
    ])('rejects a payload that is %s', (_label, payloadJson) => {
      expectInvalidCursor(signRaw(payloadJson));
    });
  });

  it('never decodes a random string and never throws anything but InvalidCursorError (property)', () => {
    const codec = createCursorCodec(SECRET);
    const b64 = fc.string({ unit: fc.constantFrom(...'ABCDEFabcdef0123456789_-'), maxLength: 200 });
    const cursorShaped = fc.tuple(b64, b64).map(([payload, mac]) => `${payload}.${mac}`);
    const graphemes = fc.string({ unit: 'grapheme', maxLength: 300 });
    const anything = fc.oneof(fc.string({ maxLength: 1200 }), graphemes, cursorShaped);
    fc.assert(
      fc.property(anything, (input) => {
        expect(() => codec.decode(input)).toThrow(InvalidCursorError);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('createLazyCursorCodec', () => {
  it('builds the codec at once from a value, so a short one fails at construction', async () => {
    expect(() => createLazyCursorCodec('short')).toThrow(TypeError);
    const codec = await createLazyCursorCodec(SECRET)();
    expect(codec.decode(createCursorCodec(SECRET).encode(KEY))).toEqual(KEY);
  });

  it('resolves a source on first use only, then reuses the codec', async () => {
    const source = jest.fn(async () => SECRET);
    const lazy = createLazyCursorCodec(source);
    expect(source).not.toHaveBeenCalled();
    const [first, second] = [await lazy(), await lazy()];
    expect(first).toBe(second);
    expect(source).toHaveBeenCalledTimes(1);
  });

  it('asks a failed source again on the next call', async () => {
    const source = jest
      .fn<Promise<string>, []>()
      .mockRejectedValueOnce(new Error('down'))
      .mockResolvedValueOnce(SECRET);
    const lazy = createLazyCursorCodec(source);
    await expect(lazy()).rejects.toThrow('down');
    await expect(lazy()).resolves.toEqual(expect.objectContaining({ encode: expect.any(Function) }));
    expect(source).toHaveBeenCalledTimes(2);
  });

  it('rejects every call when the function was given no secret', async () => {
    const err = await rejectionOf(createLazyCursorCodec(undefined)());
    expect(err).toBeInstanceOf(TypeError);
    expect((err as Error).message).toMatch(/no cursor secret/);
  });
});
