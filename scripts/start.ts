// `npm start` / `npm run start:oidc`: runs the whole API locally and prints how to call it; Ctrl-C stops everything.
import path from 'node:path';
import { startStack, type Profile, type Stack } from './local/stack';
import { printBanner } from './local/banner';
import { formatDecisionLine } from './local/decision-lines';

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
    onLine: printRuntimeLine,
    playground: true,
    // The only way to confirm an SDK sign-up locally: there is no e-mail. The code is a local one-time value.
    onConfirmationCode: ({ destination, code }) =>
      console.log(
        `cognito-local: confirmation code for ${destination}: ${code} (for confirmRegistration; /auth/signup accounts are confirmed already)`,
      ),
  });
  printBanner(stack, Date.now() - started, Boolean(process.env.AUTH_CONFIG));
  stopOnSignals(stack);
}

// Every authorizer decision is shown (why a request was refused, never the token); VERBOSE=1 shows every line.
function printRuntimeLine(line: string): void {
  if (process.env.VERBOSE) return console.log(`[offline] ${line}`);
  const decision = formatDecisionLine(line);
  if (decision !== undefined) console.log(decision);
  else if (line.startsWith('gateway: ')) console.log(line);
  else if (/error|warn/i.test(line)) console.log(`[offline] ${line}`);
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
  // Closing the terminal sends SIGHUP: stop the children too, or cognito-local and the runtime keep listening.
  process.on('SIGHUP', () => shutdown('SIGHUP'));
}

main().catch((err: Error) => {
  console.error(`npm start failed: ${err.message}`);
  process.exit(1);
});
