// One-off migration: gives comments written before provider-qualified ownership the authorId of their issuer.
import { ScanCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { qualifyIdentity } from '../../shared/auth-context';

export interface MigrateLegacyAuthorsOptions {
  client: DynamoDBDocumentClient;
  tableName: string;
  /**
   * The issuer that signed the tokens of every legacy author: before this change comments stored the bare `sub`,
   * so which provider wrote them is not in the data. The operator who ran one provider at the time knows it.
   */
  issuer: string;
  /** Items per Scan page. */
  pageSize?: number;
}

export interface MigrationReport {
  scanned: number;
  migrated: number;
  /** Items another writer changed between our Scan and our Update (already migrated, or hidden meanwhile). */
  skipped: number;
}

/**
 * Idempotent and safe to re-run or interrupt: each item is updated only while it still has the legacy `author`
 * and no `authorId`, so a second run, or a run racing live traffic, never overwrites an owner. Until an item is
 * migrated only moderators may hide it (the hide condition requires authorId), which fails closed.
 */
export async function migrateLegacyAuthors(options: MigrateLegacyAuthorsOptions): Promise<MigrationReport> {
  const { client, tableName, issuer } = options;
  const report: MigrationReport = { scanned: 0, migrated: 0, skipped: 0 };
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({
        TableName: tableName,
        FilterExpression: 'attribute_exists(author) AND attribute_not_exists(authorId)',
        ProjectionExpression: 'pk, author',
        Limit: options.pageSize ?? 100,
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      report.scanned++;
      if (await claim(client, tableName, item, issuer)) report.migrated++;
      else report.skipped++;
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return report;
}

async function claim(client: DynamoDBDocumentClient, tableName: string, item: Record<string, unknown>, issuer: string) {
  if (typeof item['author'] !== 'string') return false;
  try {
    await client.send(
      new UpdateCommand({
        TableName: tableName,
        Key: { pk: item['pk'] },
        ConditionExpression: 'author = :author AND attribute_not_exists(authorId)',
        UpdateExpression: 'SET authorId = :authorId',
        ExpressionAttributeValues: { ':author': item['author'], ':authorId': qualifyIdentity(issuer, item['author']) },
      }),
    );
    return true;
  } catch (err) {
    if (err instanceof Error && err.name === 'ConditionalCheckFailedException') return false;
    throw err;
  }
}
