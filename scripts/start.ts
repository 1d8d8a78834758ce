// `npm start` / `npm run start:oidc`: runs the whole API locally and prints how to call it; Ctrl-C stops everything.
import path from 'node:path';
import { startStack, type Profile, type Stack } from './local/stack';
import { printBanner } from './local/banner';

async function main(): Promise<void> {
  const profile: Profile = process.argv.includes('--oidc') ? 'oidc' : 'cognito';
  const port = process.env.PORT ? Number(process.env.PORT) : 3000;
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, not "${process.env.PORT}"`);
  const started = Date.now();
  console.log(`Starting the local stack (${profile} profile)…`);
  const stack = await startStack({
    profile,
    port,
    stateFile: path.resolve(__dirname, '..', '.local-stack.json'),
    ...(process.env.AUTH_CONFIG ? { authConfig: process.env.AUTH_CONFIG } : {}),
    onLine: (line) => {
      if (process.env.VERBOSE || /error|warn/i.test(line)) console.log(`[offline] ${line}`);
    },
  });
  printBanner(stack, Date.now() - started, Boolean(process.env.AUTH_CONFIG));
  stopOnSignals(stack);
}

function stopOnSignals(stack: Stack): void {
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the local stack…`);
    void stack.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((err: Error) => {
  console.error(`npm start failed: ${err.message}`);
  process.exit(1);
});
