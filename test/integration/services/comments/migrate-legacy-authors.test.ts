// The legacy-author migration on dynalite: legacy items get their issuer-qualified owner once; nothing else changes.
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { migrateLegacyAuthors } from '../../../../services/comments/migrate-legacy-authors';
import { createCommentsRepository } from '../../../../services/comments/repository';
import { createTestTable, type TestTable } from '../../../helpers/dynamo';

const ISSUER = 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Legacy1';
let table: TestTable;

beforeEach(async () => {
  table = await createTestTable();
});
afterEach(() => table.client.destroy());

/** A comment as the previous version stored it: the bare sub in `author`, no authorId. */
async function putLegacy(id: string, author: string): Promise<void> {
  const at = '2026-11-01T00:00:00.000Z';
  const item = {
    pk: `COMMENT#${id}`,
    id,
    author,
    text: 'old',
    visible: true,
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  await table.doc.send(
    new PutCommand({ TableName: table.tableName, Item: { ...item, gsi1pk: 'VISIBLE', gsi1sk: `${at}#${id}` } }),
  );
}

const raw = async (id: string) =>
  (await table.doc.send(new GetCommand({ TableName: table.tableName, Key: { pk: `COMMENT#${id}` } }))).Item;

describe('migrateLegacyAuthors', () => {
  it('legacy comments: readable, ownerless (only moderators may hide) until migrated, then owned by issuer#sub', async () => {
    // Prepare
    const repo = createCommentsRepository({ client: table.doc, tableName: table.tableName });
    for (let i = 0; i < 7; i++) await putLegacy(`old-${i}`, `sub-${i}`);
    const fresh = await repo.create({ authorId: `https://other.example/#sub-0`, text: 'new' });
    const owner = { userId: `${ISSUER}#sub-1`, moderator: false };

    // Act
    const before = await repo.hide('old-1', owner);
    const first = await migrateLegacyAuthors({
      client: table.doc,
      tableName: table.tableName,
      issuer: ISSUER,
      pageSize: 3,
    });
    const second = await migrateLegacyAuthors({ client: table.doc, tableName: table.tableName, issuer: ISSUER });
    const after = await repo.hide('old-1', owner);

    // Assess
    expect(before).toBe('forbidden');
    expect(first).toEqual({ scanned: 7, migrated: 7, skipped: 0 });
    expect(second).toEqual({ scanned: 0, migrated: 0, skipped: 0 });
    expect(after).toBe('hidden');
    expect(await raw('old-2')).toMatchObject({ author: 'sub-2', authorId: `${ISSUER}#sub-2`, text: 'old', version: 1 });
    expect((await raw(fresh.id))?.['authorId']).toBe('https://other.example/#sub-0');
    expect(await repo.get('old-3')).toMatchObject({ id: 'old-3', authorId: `${ISSUER}#sub-3` });
  });
});
