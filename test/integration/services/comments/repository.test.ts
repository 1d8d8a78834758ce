// Comments repository against dynalite with real SDK calls: create/get, newest-first pagination, soft hide, races.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Comment } from '../../../../services/comments/comment';
import { InvalidCursorError } from '../../../../services/comments/errors';
import {
  createCommentsRepository,
  type CommentsRepository,
  type CommentsRepositoryDeps,
} from '../../../../services/comments/repository';
import { createClock, type TestClock } from '../../../helpers/clock';
import { createTestTable, type TestTable } from '../../../helpers/dynamo';
import { rejectionOf } from '../../../helpers/caught';

const SECRET = 'comments-cursor-secret-0123456789abcdef';
const ALICE = { userId: 'https://idp.example/#user-alice', moderator: false };
const BOB = { userId: 'https://idp.example/#user-bob', moderator: false };
const MOD = { userId: 'https://idp.example/#user-mod', moderator: true };

interface Harness {
  repo: CommentsRepository;
  table: TestTable;
  clock: TestClock;
  /** Names of the DynamoDB operations sent, recorded by an SDK middleware (a real client, no mock). */
  calls: string[];
  rawItem(id: string): Promise<Record<string, unknown> | undefined>;
}

const open: TestTable[] = [];

afterEach(() => {
  for (const table of open.splice(0)) table.client.destroy();
});

interface SetupOptions {
  newId?: () => string;
  /** Leave now and newId out, so the repository's own defaults (Date.now, randomUUID) run. */
  productionDefaults?: boolean;
}

/** A fresh table per test: listings are table-wide, so tests must not see each other's comments. */
async function setup(options: SetupOptions = {}): Promise<Harness> {
  const table = await createTestTable();
  open.push(table);
  const clock = createClock();
  const calls: string[] = [];
  table.client.middlewareStack.add(
    (next, context) => (args) => {
      calls.push(String(context.commandName));
      return next(args);
    },
    { step: 'initialize', name: 'recordCalls' },
  );
  let seq = 0;
  const sequentialId = (): string => `c-${String(++seq).padStart(4, '0')}`;
  const base: CommentsRepositoryDeps = { client: table.doc, tableName: table.tableName, cursorSecret: SECRET };
  const repo = createCommentsRepository(
    options.productionDefaults ? base : { ...base, now: clock.now, newId: options.newId ?? sequentialId },
  );
  const rawItem = async (id: string): Promise<Record<string, unknown> | undefined> => {
    const key = { pk: `COMMENT#${id}` };
    const out = await table.doc.send(new GetCommand({ TableName: table.tableName, Key: key, ConsistentRead: true }));
    return out.Item;
  };
  return { repo, table, clock, calls, rawItem };
}

/** Follows nextCursor to the end, returning every page. */
async function listAll(repo: CommentsRepository, limit: number): Promise<Comment[][]> {
  const pages: Comment[][] = [];
  let cursor: string | undefined;
  do {
    const page = await repo.listNewest(cursor === undefined ? { limit } : { limit, cursor });
    pages.push(page.items);
    cursor = page.nextCursor;
  } while (cursor !== undefined && pages.length < 1000);
  return pages;
}

describe('CommentsRepository (dynalite)', () => {
  describe('create and get', () => {
    it('stores a comment and reads it back exactly, with the injected clock and id', async () => {
      const { repo, calls } = await setup();
      const created = await repo.create({ authorId: 'user-alice', displayName: 'Alice', text: 'hello' });

      expect(created).toEqual({
        id: 'c-0001',
        authorId: 'user-alice',
        displayName: 'Alice',
        text: 'hello',
        visible: true,
        createdAt: '2026-11-23T12:00:00.000Z',
        updatedAt: '2026-11-23T12:00:00.000Z',
      });
      expect(await repo.get('c-0001')).toEqual(created);
      expect(calls).toEqual(['PutItemCommand', 'GetItemCommand']);
    });

    it('leaves displayName out entirely when none was given', async () => {
      const { repo } = await setup();
      const created = await repo.create({ authorId: 'user-alice', text: 'anonymous-ish' });
      expect(created).not.toHaveProperty('displayName');
      expect(await repo.get(created.id)).not.toHaveProperty('displayName');
      expect((await repo.listNewest({ limit: 10 })).items[0]).not.toHaveProperty('displayName');
    });

    it('keeps pk, gsi1pk, gsi1sk and version in the table and out of every returned comment', async () => {
      const { repo, rawItem } = await setup();
      const created = await repo.create({ authorId: 'user-alice', displayName: 'Alice', text: 'hello' });
      const fields = ['authorId', 'createdAt', 'displayName', 'id', 'text', 'updatedAt', 'visible'];

      expect(Object.keys(created).sort()).toEqual(fields);
      expect(Object.keys((await repo.get(created.id)) ?? {}).sort()).toEqual(fields);
      expect(Object.keys((await repo.listNewest({ limit: 1 })).items[0] ?? {}).sort()).toEqual(fields);
      expect(await rawItem(created.id)).toMatchObject({
        pk: 'COMMENT#c-0001',
        gsi1pk: 'VISIBLE',
        gsi1sk: '2026-11-23T12:00:00.000Z#c-0001',
        version: 1,
      });
    });

    it('answers undefined for an unknown id', async () => {
      const { repo } = await setup();
      expect(await repo.get('c-9999')).toBeUndefined();
    });

    it.each([[''], ['a/b'], ['COMMENT#c-0001'], ['a b'], ['x'.repeat(65)], ['../c-0001'], ['é']])(
      'answers undefined for the malformed id %j without calling DynamoDB',
      async (id) => {
        const { repo, calls } = await setup();
        expect(await repo.get(id)).toBeUndefined();
        expect(calls).toEqual([]);
      },
    );

    it('answers undefined for a hidden comment', async () => {
      const { repo } = await setup();
      const { id } = await repo.create({ authorId: ALICE.userId, text: 'soon gone' });
      await repo.hide(id, ALICE);
      expect(await repo.get(id)).toBeUndefined();
    });

    it('never overwrites an existing id: the second create rejects and the first item is intact', async () => {
      const { repo, rawItem, clock } = await setup({ newId: () => 'same-id' });
      const first = await repo.create({ authorId: ALICE.userId, text: 'first' });
      const before = await rawItem('same-id');

      clock.advance(1_000);
      const err = await rejectionOf(repo.create({ authorId: BOB.userId, text: 'second' }));
      expect((err as Error).name).toBe('ConditionalCheckFailedException');
      expect(await rawItem('same-id')).toEqual(before);
      expect(await repo.get('same-id')).toEqual(first);
    });

    it('refuses an id generator that produces ids outside [\\w-]{1,64}', async () => {
      const { repo, calls } = await setup({ newId: () => 'not/valid' });
      await expect(repo.create({ authorId: ALICE.userId, text: 'x' })).rejects.toThrow(TypeError);
      expect(calls).toEqual([]);
    });
  });

  describe('listNewest', () => {
    it('lists newest first and breaks ties of createdAt by id (descending)', async () => {
      const { repo, clock } = await setup();
      await repo.create({ authorId: 'a', text: '1' }); // c-0001 at t0
      clock.advance(1_000);
      await repo.create({ authorId: 'a', text: '2' }); // c-0002 at t1
      await repo.create({ authorId: 'a', text: '3' }); // c-0003 at t1, same millisecond
      clock.advance(1_000);
      await repo.create({ authorId: 'a', text: '4' }); // c-0004 at t2

      const { items, nextCursor } = await repo.listNewest({ limit: 10 });
      expect(items.map((c) => c.id)).toEqual(['c-0004', 'c-0003', 'c-0002', 'c-0001']);
      expect(nextCursor).toBeUndefined();
    });

    it('returns an empty page and no cursor for an empty table', async () => {
      const { repo } = await setup();
      expect(await repo.listNewest({ limit: 5 })).toEqual({ items: [] });
    });

    it('returns at most limit items, with a cursor for the rest', async () => {
      const { repo, clock } = await setup();
      for (let i = 0; i < 5; i++) {
        await repo.create({ authorId: 'a', text: `${i}` });
        clock.advance(10);
      }
      const first = await repo.listNewest({ limit: 2 });
      expect(first.items.map((c) => c.id)).toEqual(['c-0005', 'c-0004']);
      expect(first.nextCursor).toEqual(expect.any(String));
    });

    it('walks every item exactly once across pages, in order', async () => {
      const { repo, clock } = await setup();
      for (let i = 0; i < 23; i++) {
        await repo.create({ authorId: 'a', text: `${i}` });
        if (i % 3 !== 0) clock.advance(7); // some share a millisecond, so ties cross page boundaries too
      }
      const pages = await listAll(repo, 5);
      const ids = pages.flat().map((c) => c.id);
      const expected = Array.from({ length: 23 }, (_, i) => `c-${String(23 - i).padStart(4, '0')}`);

      expect(ids).toEqual(expected);
      expect(pages.slice(0, -1).every((page) => page.length === 5)).toBe(true);
    });

    it('rejects a tampered cursor with InvalidCursorError (400) before querying', async () => {
      const { repo, calls } = await setup();
      for (let i = 0; i < 3; i++) await repo.create({ authorId: 'a', text: `${i}` });
      const { nextCursor = '' } = await repo.listNewest({ limit: 1 });
      const tampered = `${nextCursor.slice(0, 5)}${nextCursor[5] === 'A' ? 'B' : 'A'}${nextCursor.slice(6)}`;
      calls.length = 0;

      const err = await rejectionOf(repo.listNewest({ limit: 1, cursor: tampered }));
      expect(err).toBeInstanceOf(InvalidCursorError);
      expect((err as InvalidCursorError).code).toBe('invalid_cursor');
      expect((err as InvalidCursorError).statusCode).toBe(400);
      await expect(repo.listNewest({ limit: 1, cursor: 'garbage' })).rejects.toThrow(InvalidCursorError);
      expect(calls).toEqual([]);
    });

    it.each([[0], [101], [1.5], [Number.NaN]])('refuses limit %p as a programming error', async (limit) => {
      const { repo } = await setup();
      await expect(repo.listNewest({ limit })).rejects.toThrow(TypeError);
    });
  });

  describe('hide', () => {
    it('hides for the author: gone from get and list, yet kept in the table with who and when', async () => {
      const { repo, rawItem, clock } = await setup();
      const kept = await repo.create({ authorId: BOB.userId, text: 'stays' });
      const gone = await repo.create({ authorId: ALICE.userId, displayName: 'Alice', text: 'goes' });
      clock.advance(60_000);

      expect(await repo.hide(gone.id, ALICE)).toBe('hidden');
      expect(await repo.get(gone.id)).toBeUndefined();
      expect((await repo.listNewest({ limit: 10 })).items).toEqual([kept]);
      const raw = await rawItem(gone.id);
      expect(raw).toMatchObject({
        ...gone,
        visible: false,
        updatedAt: '2026-11-23T12:01:00.000Z',
        hiddenAt: '2026-11-23T12:01:00.000Z',
        hiddenBy: ALICE.userId,
        version: 2,
      });
      expect(raw).not.toHaveProperty('gsi1pk');
      expect(raw).not.toHaveProperty('gsi1sk');
    });

    it('refuses another principal (forbidden) and leaves the comment untouched', async () => {
      const { repo, rawItem } = await setup();
      const created = await repo.create({ authorId: ALICE.userId, text: 'mine' });
      const before = await rawItem(created.id);

      expect(await repo.hide(created.id, BOB)).toBe('forbidden');
      expect(await repo.get(created.id)).toEqual(created);
      expect((await repo.listNewest({ limit: 10 })).items).toEqual([created]);
      expect(await rawItem(created.id)).toEqual(before);
    });

    it('lets a moderator hide anyone’s comment', async () => {
      const { repo, rawItem } = await setup();
      const created = await repo.create({ authorId: ALICE.userId, text: 'spam' });
      expect(await repo.hide(created.id, MOD)).toBe('hidden');
      expect(await repo.get(created.id)).toBeUndefined();
      const raw = await rawItem(created.id);
      expect(raw).toMatchObject({ visible: false, hiddenBy: MOD.userId, authorId: ALICE.userId });
    });

    it('answers not_found for a second hide, by anyone, and never changes the item again', async () => {
      const { repo, rawItem, clock, calls } = await setup();
      const { id } = await repo.create({ authorId: ALICE.userId, text: 'once' });
      expect(await repo.hide(id, ALICE)).toBe('hidden');
      const hidden = await rawItem(id);
      clock.advance(1_000);
      calls.length = 0;

      expect(await repo.hide(id, ALICE)).toBe('not_found');
      expect(await repo.hide(id, BOB)).toBe('not_found'); // not forbidden: a hidden comment is not revealed
      expect(await repo.hide(id, MOD)).toBe('not_found');
      expect(await rawItem(id)).toEqual(hidden);
      expect(calls.slice(0, 2)).toEqual(['UpdateItemCommand', 'GetItemCommand']);
    });

    it('answers not_found for an absent id, and for a malformed one without calling DynamoDB', async () => {
      const { repo, calls } = await setup();
      expect(await repo.hide('c-9999', MOD)).toBe('not_found');
      calls.length = 0;
      expect(await repo.hide('../etc', MOD)).toBe('not_found');
      expect(calls).toEqual([]);
    });

    it('never resurrects: re-creating a hidden comment’s id fails and it stays hidden', async () => {
      const { repo, rawItem } = await setup({ newId: () => 'reused' });
      await repo.create({ authorId: ALICE.userId, text: 'v1' });
      await repo.hide('reused', ALICE);
      await expect(repo.create({ authorId: ALICE.userId, text: 'v2' })).rejects.toMatchObject({
        name: 'ConditionalCheckFailedException',
      });
      expect(await repo.get('reused')).toBeUndefined();
      expect(await rawItem('reused')).toMatchObject({ text: 'v1', visible: false });
    });

    it('lets exactly one of two concurrent hides win, for each of 20 comments', async () => {
      const { repo, rawItem } = await setup();
      const ids: string[] = [];
      for (let i = 0; i < 20; i++) ids.push((await repo.create({ authorId: ALICE.userId, text: `${i}` })).id);

      const outcomes = await Promise.all(ids.map((id) => Promise.all([repo.hide(id, ALICE), repo.hide(id, MOD)])));
      for (const pair of outcomes) expect([...pair].sort()).toEqual(['hidden', 'not_found']);
      for (const id of ids) expect(await rawItem(id)).toMatchObject({ visible: false, version: 2 });
      expect((await repo.listNewest({ limit: 10 })).items).toEqual([]);
    });
  });

  describe('concurrency', () => {
    it('lists all of 100 concurrent creates by two principals exactly once, each with its author', async () => {
      // Real ids (randomUUID) and the real clock: the production defaults under load.
      const { repo } = await setup({ productionDefaults: true });
      const create = (authorId: string, i: number): Promise<Comment> =>
        repo.create({ authorId, text: `${authorId} #${i}` });
      const creates = [ALICE, BOB].flatMap((who) => Array.from({ length: 50 }, (_, i) => create(who.userId, i)));
      const created = await Promise.all(creates);

      const pages = await listAll(repo, 7);
      const listed = pages.flat();
      expect(pages).toHaveLength(15);
      expect(listed).toHaveLength(100);
      expect(new Set(listed.map((c) => c.id)).size).toBe(100);
      const byId = new Map(listed.map((c) => [c.id, c]));
      for (const c of created) expect(byId.get(c.id)).toEqual(c);
      expect(listed.filter((c) => c.authorId === ALICE.userId)).toHaveLength(50);
      expect(listed.filter((c) => c.text.startsWith(`${c.authorId} #`))).toHaveLength(100);
      const order = listed.map((c) => `${c.createdAt}#${c.id}`);
      expect(order).toEqual([...order].sort().reverse());
    });
  });
});
