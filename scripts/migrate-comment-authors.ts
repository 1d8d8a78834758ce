// CLI: `npm run migrate:authors -- --issuer <iss>` gives legacy comments in TABLE_NAME their provider-qualified owner.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { parseArgs } from 'node:util';
import { migrateLegacyAuthors } from '../services/comments/migrate-legacy-authors';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { issuer: { type: 'string' }, table: { type: 'string' } }, strict: true });
  const tableName = values.table ?? process.env['TABLE_NAME'];
  if (!values.issuer || !tableName) {
    process.stderr.write(
      'usage: npm run migrate:authors -- --issuer <issuer of the legacy authors> [--table <name>] (or TABLE_NAME)\n',
    );
    return 2;
  }
  const client = new DynamoDBClient({});
  try {
    const report = await migrateLegacyAuthors({
      client: DynamoDBDocumentClient.from(client),
      tableName,
      issuer: values.issuer,
    });
    process.stdout.write(`${JSON.stringify({ tableName, issuer: values.issuer, ...report })}\n`);
    return 0;
  } finally {
    client.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`migrate:authors failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
