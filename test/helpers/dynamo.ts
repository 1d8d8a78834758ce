// A fresh, uniquely named comments table on the dynalite that test/global-setup.ts started.
import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createCommentsTable } from '../../services/comments/table';

export interface TestTable {
  client: DynamoDBClient;
  doc: DynamoDBDocumentClient;
  tableName: string;
}

/** Each call gets its own table, so test files (and tests) never see each other's items. Destroy the client after. */
export async function createTestTable(): Promise<TestTable> {
  const endpoint = process.env['DYNAMODB_TEST_ENDPOINT'];
  if (!endpoint) throw new Error('DYNAMODB_TEST_ENDPOINT is not set: is test/global-setup.ts configured in jest?');
  const client = new DynamoDBClient({
    endpoint,
    region: 'eu-west-1',
    // dynalite ignores signatures; static dummies keep the SDK from looking for real credentials.
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  const tableName = `comments-${randomUUID()}`;
  await createCommentsTable(client, tableName);
  return { client, doc: DynamoDBDocumentClient.from(client), tableName };
}
