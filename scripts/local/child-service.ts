// Runs a local service as a child process: waits for its ready line, and stops it (and its process group) by pid.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export interface ChildServiceOptions {
  name: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** A line on stdout or stderr that means the service is ready. */
  ready: RegExp;
  timeoutMs?: number;
  /** Receives every output line (e.g. to prefix and print it). */
  onLine?: (line: string) => void;
}

export interface ChildService {
  name: string;
  pid: number;
  /** The line that matched `ready`. */
  readyLine: string;
  /** Resolves once the process has exited; SIGTERM to its group, SIGKILL after 3 s. Safe to call twice. */
  stop(): Promise<void>;
}

const SUPERVISOR = path.join(__dirname, 'supervise.cjs');
const running = new Set<ChildProcess>();
// Last resort: if this process exits without stopping its children, take them down with it.
process.on('exit', () => {
  for (const child of running) killGroup(child, 'SIGKILL');
});

export function startChildService(options: ChildServiceOptions): Promise<ChildService> {
  // detached: the child leads its own process group, so stop() also reaches anything it spawned. It runs under
  // supervise.cjs, which holds our end of a stdin pipe: if this process dies without stopping it, the group stops.
  const child = spawn(process.execPath, [SUPERVISOR, options.command, ...options.args], {
    cwd: options.cwd,
    env: options.env ?? process.env,
    detached: true,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  running.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => running.delete(child));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      killGroup(child, 'SIGTERM');
      const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 3_000);
      await exited;
      clearTimeout(timer);
    }
  };
  return new Promise((resolve, reject) => {
    const recent: string[] = [];
    const timer = setTimeout(
      () => fail(`not ready within ${options.timeoutMs ?? 30_000} ms`),
      options.timeoutMs ?? 30_000,
    );
    const onLine = (line: string) => {
      options.onLine?.(line);
      recent.push(line);
      if (recent.length > 20) recent.shift();
      if (options.ready.test(line)) {
        clearTimeout(timer);
        resolve({ name: options.name, pid: child.pid as number, readyLine: line, stop });
      }
    };
    forEachLine(child.stdout, onLine);
    forEachLine(child.stderr, onLine);
    child.once('exit', (code) => fail(`exited with code ${code} before it was ready`));
    child.once('error', (err) => fail(err.message));

    function fail(reason: string) {
      clearTimeout(timer);
      void stop().then(() => reject(new Error(`${options.name} ${reason}\n${recent.join('\n')}`)));
    }
  });
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid) process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

function forEachLine(stream: NodeJS.ReadableStream | null, onLine: (line: string) => void): void {
  let buffered = '';
  stream?.setEncoding('utf8');
  stream?.on('data', (chunk: string) => {
    buffered += chunk;
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) onLine(line);
  });
}
