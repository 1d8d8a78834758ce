// The comments API's handlers through withHttp and the real repository on dynalite: whole responses, every error path.
import { makeCreateComment } from '../../../../services/comments/create-comment';
import { makeDeleteComment } from '../../../../services/comments/delete-comment';
import { makeGetComment } from '../../../../services/comments/get-comment';
import { makeListComments } from '../../../../services/comments/list-comments';
import { createCommentsRepository } from '../../../../services/comments/repository';
import type { CommentsDeps } from '../../../../services/comments/comments-deps';
import type { LambdaHttpHandler } from '../../../../shared/http/with-http';
import { deliveredContext } from '../../../helpers/authorizer-output';
import { createTestTable, type TestTable } from '../../../helpers/dynamo';
import { jsonRequest, restEvent, type RestEventOptions } from '../../../helpers/http-events';
import { lambdaContext } from '../../../helpers/lambda-context';

const ALICE = deliveredContext({ principalId: 'alice', claims: { name: 'Alice' } });
const BOB = deliveredContext({ principalId: 'bob' });
const READER = deliveredContext({ principalId: 'rita', permissions: ['comments:read'] });
const MODERATOR = deliveredContext({
  principalId: 'mo',
  permissions: ['comments:read', 'comments:write', 'comments:moderate'],
});

let table: TestTable;
let api: { create: LambdaHttpHandler; list: LambdaHttpHandler; get: LambdaHttpHandler; remove: LambdaHttpHandler };

beforeAll(async () => {
  table = await createTestTable();
  let clock = Date.UTC(2026, 10, 23, 12);
  const deps: CommentsDeps = {
    repository: createCommentsRepository({
      client: table.doc,
      tableName: table.tableName,
      cursorSecret: 'a-test-secret-that-is-long-enough-1234',
      now: () => (clock += 1000),
    }),
    moderatorPermission: 'comments:moderate',
  };
  api = {
    create: makeCreateComment(deps),
    list: makeListComments(deps),
    get: makeGetComment(deps),
    remove: makeDeleteComment(deps),
  };
});
afterAll(() => table.client.destroy());

async function call(handler: LambdaHttpHandler, as: Record<string, string>, options: RestEventOptions) {
  const response = await handler(restEvent({ ...options, authorizer: as }), lambdaContext());
  return {
    status: response.statusCode,
    headers: response.headers,
    json: response.body ? JSON.parse(response.body) : undefined,
  };
}

const post = (as: Record<string, string>, body: unknown) =>
  call(api.create, as, { ...jsonRequest(body), path: '/comments' });
const getOne = (as: Record<string, string>, id: string) =>
  call(api.get, as, { method: 'GET', path: `/comments/${id}`, resource: '/comments/{id}', pathParameters: { id } });
const remove = (as: Record<string, string>, id: string) =>
  call(api.remove, as, {
    method: 'DELETE',
    path: `/comments/${id}`,
    resource: '/comments/{id}',
    pathParameters: { id },
  });
const list = (as: Record<string, string>, query: Record<string, string> = {}) =>
  call(api.list, as, { method: 'GET', path: '/comments', query });

describe('comments API', () => {
  it('POST stores the comment with the principal as author (never the body) and answers 201', async () => {
    const response = await post(ALICE, { text: '  Hello, world  ' });
    expect(response.status).toBe(201);
    // Readers get the display name and `mine`, never the author's identifier (a sub may be an e-mail address).
    expect(response.json).toEqual({
      id: expect.stringMatching(/^[\w-]+$/),
      mine: true,
      displayName: 'Alice',
      text: 'Hello, world',
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect(response.headers).toMatchObject({ Location: `/comments/${response.json.id}` });
    expect((await getOne(BOB, response.json.id)).json).toEqual({ ...response.json, mine: false });
  });

  it.each<[string, unknown, number, string]>([
    ['an author in the body', { text: 'x', author: 'mallory' }, 400, 'invalid_body'],
    ['empty text after trimming', { text: '   ' }, 400, 'invalid_body'],
    ['text over 2000 characters', { text: 'é'.repeat(2001) }, 400, 'invalid_body'],
    ['a number as text', { text: 42 }, 400, 'invalid_body'],
  ])('POST refuses %s with %i', async (_label, body, status, code) => {
    const response = await post(ALICE, body);
    expect(response.status).toBe(status);
    expect(response.json.error).toBe(code);
  });

  it('POST accepts exactly 2000 characters (code points, not UTF-16 units)', async () => {
    const response = await post(ALICE, { text: '😀'.repeat(2000) });
    expect(response.status).toBe(201);
  });

  it('POST by a read-only caller is 403 from the handler too (defence in depth)', async () => {
    const response = await post(READER, { text: 'hi' });
    expect(response).toMatchObject({ status: 403, json: { error: 'insufficient_scope' } });
  });

  it('GET /comments/{id} answers 404 for unknown and malformed ids', async () => {
    expect((await getOne(ALICE, 'no-such-id')).json).toEqual({ error: 'not_found', message: 'Comment not found' });
    expect((await getOne(ALICE, '../../etc')).status).toBe(404);
  });

  it('GET /comments lists newest first with limit and an opaque cursor; bad limit or cursor is 400', async () => {
    const fresh = [];
    for (const text of ['one', 'two', 'three']) fresh.push((await post(BOB, { text })).json.id);
    const first = await list(READER, { limit: '2' });
    expect(first.status).toBe(200);
    expect(first.json.items.map((c: { text: string }) => c.text)).toEqual(['three', 'two']);
    expect(typeof first.json.nextCursor).toBe('string');
    const second = await list(READER, { limit: '1', cursor: first.json.nextCursor });
    expect(second.json.items[0].text).toBe('one');
    for (const query of [
      { limit: '0' },
      { limit: '101' },
      { limit: 'ten' },
      { cursor: 'garbage' },
      { cursor: `${first.json.nextCursor}x` },
    ]) {
      const bad = await list(READER, query);
      expect([bad.status, query]).toEqual([400, query]);
    }
    const tampered = await list(READER, { cursor: tamper(first.json.nextCursor) });
    expect(tampered).toMatchObject({ status: 400, json: { error: 'invalid_cursor' } });
  });

  it('GET /comments defaults to 20 items', async () => {
    for (let i = 0; i < 21; i++) await post(BOB, { text: `bulk ${i}` });
    const page = await list(READER);
    expect(page.json.items).toHaveLength(20);
  });

  it('DELETE: a non-author gets 403, the author 204 then 404, and the comment is gone', async () => {
    const id = (await post(ALICE, { text: 'mine' })).json.id;
    expect(await remove(BOB, id)).toMatchObject({ status: 403, json: { error: 'not_author' } });
    expect((await getOne(BOB, id)).status).toBe(200);
    expect(await remove(ALICE, id)).toMatchObject({ status: 204, json: undefined });
    expect((await remove(ALICE, id)).status).toBe(404);
    expect((await getOne(ALICE, id)).status).toBe(404);
    const listed = await list(READER, { limit: '100' });
    expect(listed.json.items.map((c: { id: string }) => c.id)).not.toContain(id);
  });

  it('DELETE: the same sub from another issuer is another user (403), and an e-mail name is never shown', async () => {
    const twin = deliveredContext({
      principalId: 'alice',
      issuer: 'https://other-idp.example/',
      claims: { preferred_username: 'alice@example.com' },
    });
    const created = await post(twin, { text: 'by the twin' });
    expect(created.json).not.toHaveProperty('displayName');
    const id = (await post(ALICE, { text: 'the real alice' })).json.id;
    expect(await remove(twin, id)).toMatchObject({ status: 403, json: { error: 'not_author' } });
    expect((await getOne(twin, id)).json).toMatchObject({ mine: false, displayName: 'Alice' });
    expect((await remove(ALICE, id)).status).toBe(204);
  });

  it("DELETE by a moderator works on anyone's comment; a reader cannot delete at all", async () => {
    const id = (await post(BOB, { text: 'moderate me' })).json.id;
    expect((await remove(READER, id)).status).toBe(403);
    expect((await remove(MODERATOR, id)).status).toBe(204);
  });

  it('concurrency: 2 principals create 50 comments each at once; all 100 are listed, none lost, authors right', async () => {
    const own = await createTestTable();
    try {
      const deps: CommentsDeps = {
        repository: createCommentsRepository({
          client: own.doc,
          tableName: own.tableName,
          cursorSecret: 'another-secret-that-is-long-enough-12',
        }),
        moderatorPermission: 'comments:moderate',
      };
      const create = makeCreateComment(deps);
      const listAll = makeListComments(deps);
      const posts = [ALICE, BOB].flatMap((who) =>
        Array.from({ length: 50 }, (_, i) =>
          create(restEvent({ ...jsonRequest({ text: `${who.principalId} ${i}` }), authorizer: who }), lambdaContext()),
        ),
      );
      const responses = await Promise.all(posts);
      expect(responses.map((r) => r.statusCode)).toEqual(Array(100).fill(201));
      const seen = new Map<string, string>();
      let cursor: string | undefined;
      do {
        const page = await listAll(
          restEvent({ method: 'GET', authorizer: ALICE, query: { limit: '13', ...(cursor ? { cursor } : {}) } }),
          lambdaContext(),
        );
        const json = JSON.parse(page.body);
        for (const c of json.items) seen.set(c.id, `${c.mine ? 'alice' : 'bob'}:${c.text}`);
        cursor = json.nextCursor;
      } while (cursor);
      expect(seen.size).toBe(100);
      for (const entry of seen.values()) expect(entry).toMatch(/^(alice):alice \d+$|^(bob):bob \d+$/);
      expect([...seen.values()].filter((e) => e.startsWith('alice:'))).toHaveLength(50);
    } finally {
      own.client.destroy();
    }
  });

  it('no error path answers 500', async () => {
    const responses = await Promise.all([
      post(ALICE, { text: 'x'.repeat(20_000) }),
      call(api.create, ALICE, {
        method: 'POST',
        path: '/comments',
        body: '{',
        headers: { 'Content-Type': 'application/json' },
      }),
      call(api.create, ALICE, {
        method: 'POST',
        path: '/comments',
        body: 'text=hi',
        headers: { 'Content-Type': 'text/plain' },
      }),
      getOne(ALICE, 'missing'),
      remove(ALICE, 'missing'),
    ]);
    expect(responses.map((r) => r.status)).toEqual([413, 400, 415, 404, 404]);
  });
});

function tamper(cursor: string): string {
  const [payload, mac] = cursor.split('.') as [string, string];
  const key = JSON.parse(Buffer.from(payload, 'base64url').toString());
  key.gsi1sk = `2000-01-01T00:00:00.000Z#${key.pk.slice('COMMENT#'.length)}`;
  return `${Buffer.from(JSON.stringify(key)).toString('base64url')}.${mac}`;
}
