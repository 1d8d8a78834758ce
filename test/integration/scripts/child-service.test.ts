// Child services of the local stack stop with their parent, even when the parent is killed outright (SIGKILL).
import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

const PARENT = path.resolve(__dirname, '../../fixtures/child-service/parent.ts');

function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

async function waitUntil(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

describe('startChildService', () => {
  it('takes the child down when its parent dies by SIGKILL, with no cleanup run', async () => {
    // Prepare: a parent process that starts a child HTTP server and reports its port.
    const parent = spawn(process.execPath, ['--import', 'tsx', PARENT], { stdio: ['ignore', 'pipe', 'inherit'] });
    const port = await new Promise<number>((resolve, reject) => {
      parent.stdout.on('data', (chunk: Buffer) => {
        const match = /child (\d+) \d+/.exec(chunk.toString());
        if (match) resolve(Number(match[1]));
      });
      parent.once('exit', () => reject(new Error('parent exited before its child was ready')));
    });
    try {
      expect(await portAnswers(port)).toBe(true);

      // Act
      parent.kill('SIGKILL');

      // Assess: the supervisor sees its stdin close and stops the child's group.
      expect(await waitUntil(async () => !(await portAnswers(port)), 6_000)).toBe(true);
    } finally {
      parent.kill('SIGKILL');
    }
  }, 20_000);
});
