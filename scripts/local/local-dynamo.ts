// dynalite in-process on 127.0.0.1 with the comments table created: the local stack's DynamoDB.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
// @ts-expect-error dynalite ships no type declarations; the one call made is typed below.
import dynaliteUntyped from 'dynalite';
import { createCommentsTable } from '../../services/comments/table';

type DynaliteFactory = (options: { createTableMs: number; deleteTableMs: number; updateTableMs: number }) => Server;

export interface LocalDynamo {
  endpoint: string;
  stop(): Promise<void>;
}

export async function startLocalDynamo(tableName: string, port = 0): Promise<LocalDynamo> {
  // In memory: every start is a clean database, like a fresh stage.
  const server = (dynaliteUntyped as DynaliteFactory)({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    await createCommentsTable(client, tableName);
  } finally {
    client.destroy();
  }
  return {
    endpoint,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
