// Runs one command and takes its whole process group down when the parent that started it goes away.
'use strict';
const { spawn } = require('node:child_process');

/*
 * The local stack's services are started detached (their own process group), so a normal stop can signal the
 * group. But a parent killed with SIGKILL, or one that crashes, runs no cleanup. Our stdin is a pipe from that
 * parent: the OS closes it when the parent dies, however it dies, and then we stop the group ourselves.
 */
const [command, ...args] = process.argv.slice(2);
const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'] });

function stopGroup() {
  try {
    process.kill(-process.pid, 'SIGTERM');
  } catch {
    child.kill('SIGTERM');
  }
  setTimeout(() => {
    try {
      process.kill(-process.pid, 'SIGKILL');
    } catch {
      process.exit(1);
    }
  }, 3000).unref();
}

process.stdin.on('end', stopGroup);
process.stdin.on('error', stopGroup);
process.stdin.resume();
// A signal to the group reaches the child too; we only wait for it.
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(signal, () => {});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
child.on('error', (err) => {
  process.stderr.write(`supervise: ${err.message}\n`);
  process.exit(1);
});
