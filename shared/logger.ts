// A minimal structured logger: one JSON object per line, with the sink and clock injectable for tests.

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger adding `fields` to every line, e.g. the request id. */
  child(fields: LogFields): Logger;
  /** Whether lines of this level are written: lets hot paths skip building fields nobody will read. */
  enabled(level: LogLevel): boolean;
}

export interface LoggerOptions {
  /** Receives each serialized line; stdout by default (CloudWatch reads it). */
  sink?: (line: string) => void;
  now?: () => number;
  /** Fields on every line, e.g. the service name. */
  base?: LogFields;
  level?: LogLevel;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export function createLogger(options: LoggerOptions = {}): Logger {
  const sink = options.sink ?? ((line: string) => process.stdout.write(`${line}\n`));
  const now = options.now ?? Date.now;
  const min = ORDER[options.level ?? 'info'];
  const write = (level: LogLevel) => (message: string, fields?: LogFields) => {
    if (ORDER[level] < min) return;
    sink(JSON.stringify({ level, time: new Date(now()).toISOString(), message, ...options.base, ...fields }));
  };
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    child: (fields) => createLogger({ ...options, base: { ...options.base, ...fields } }),
    enabled: (level) => ORDER[level] >= min,
  };
}

/** Reads LOG_LEVEL, falling back to info for anything unknown. */
export function logLevelFrom(env: Record<string, string | undefined>): LogLevel {
  const level = env.LOG_LEVEL?.toLowerCase();
  return level && level in ORDER ? (level as LogLevel) : 'info';
}
