// Jest global teardown: closes the dynalite server that global-setup started, by its handle, freeing its port.
import type { DynaliteGlobal } from './global-setup';

export default async function stopDynalite(): Promise<void> {
  const holder = globalThis as DynaliteGlobal;
  const server = holder.__DYNALITE_SERVER__;
  if (!server) return;
  delete holder.__DYNALITE_SERVER__;
  // Keep-alive sockets from the SDK clients would hold close() open; nobody needs them any more.
  server.closeAllConnections();
  await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
}
