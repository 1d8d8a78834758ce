// A real logger whose lines are kept in memory, so tests can read decisions and scan for leaked tokens.
import { createLogger, type Logger } from '../../shared/logger';

export interface CapturedLogger extends Logger {
  lines: string[];
  entries(): Array<Record<string, unknown>>;
}

export function captureLogger(): CapturedLogger {
  const lines: string[] = [];
  const logger = createLogger({ sink: (line) => lines.push(line), now: () => 0, level: 'debug' });
  return { ...logger, lines, entries: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}
