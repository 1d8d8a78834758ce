// Jest global setup: one in-process dynalite on 127.0.0.1 (free port) shared by every test file via its endpoint.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
// @ts-expect-error dynalite ships no type declarations; the one call we make is typed by DynaliteFactory below.
import dynaliteUntyped from 'dynalite';

type DynaliteFactory = (options: { createTableMs: number; deleteTableMs: number; updateTableMs: number }) => Server;

/** The handle the teardown closes; global setup and teardown run in the same (parent) process. */
export interface DynaliteGlobal {
  __DYNALITE_SERVER__?: Server;
}

export default async function startDynalite(): Promise<void> {
  // Zero delays: tables are ACTIVE at once, so creating one table per test costs milliseconds, not 500 ms.
  const server = (dynaliteUntyped as DynaliteFactory)({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  (globalThis as DynaliteGlobal).__DYNALITE_SERVER__ = server;
  const { port } = server.address() as AddressInfo;
  process.env['DYNAMODB_TEST_ENDPOINT'] = `http://127.0.0.1:${port}`;
  // Workers inherit this environment. The SDK's "Node 22 needed after January 2027" notice is already recorded in
  // the toolchain notes; printed once per worker it would only bury real test output.
  process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';
}
