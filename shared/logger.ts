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
  /**
   * For a hot path that serializes its own fields: writes the line `level`, `message` and the base fields would
   * start, at `timeMs` (the caller's clock read, so one read can serve the line and its own fields), followed by
   * `members`: the caller's fields as JSON object members (`"key":value,…`, no braces, possibly empty). A member
   * that repeats a base field's name parses to the member's value, as a repeated field does in the other methods.
   * Optional: a Logger without it gets plain fields instead (see decision-log.ts).
   */
  line?(level: LogLevel, message: string, members: string, timeMs: number): void;
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
  const isoAt = createIsoClock();
  const write = (level: LogLevel) => (message: string, fields?: LogFields) => {
    if (ORDER[level] < min) return;
    sink(JSON.stringify({ level, time: isoAt(now()), message, ...options.base, ...fields }));
  };
  // The base fields are serialized once, not on every line ("{…}" without its braces, then a comma).
  const baseJson = JSON.stringify(options.base ?? {}).slice(1, -1);
  const baseMembers = baseJson === '' ? '' : `${baseJson},`;
  let lastMessage = '';
  let lastMessageJson = '""';
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    child: (fields) => createLogger({ ...options, base: { ...options.base, ...fields } }),
    enabled: (level) => ORDER[level] >= min,
    line(level, message, members, timeMs) {
      // Written as "not at least": a level outside the list (it is interpolated below) writes nothing.
      if (!(ORDER[level] >= min)) return;
      // A hot path logs the same message again and again: serialize it once per change.
      if (message !== lastMessage) [lastMessage, lastMessageJson] = [message, JSON.stringify(message)];
      const tail = members === '' ? baseJson : `${baseMembers}${members}`;
      sink(
        `{"level":"${level}","time":"${isoAt(timeMs)}","message":${lastMessageJson}${tail === '' ? '' : ','}${tail}}`,
      );
    },
  };
}

/** toISOString for epoch ms, remembering the last instant: lines within the same millisecond share one string. */
function createIsoClock(): (ms: number) => string {
  let lastMs = NaN;
  let lastIso = '';
  return (ms) => {
    if (ms !== lastMs) {
      // Throws a RangeError for a clock that is no date, as toISOString always did; nothing is remembered then.
      lastIso = new Date(ms).toISOString();
      lastMs = ms;
    }
    return lastIso;
  };
}

/** Reads LOG_LEVEL, falling back to info for anything unknown. */
export function logLevelFrom(env: Record<string, string | undefined>): LogLevel {
  const level = env.LOG_LEVEL?.toLowerCase();
  return level && level in ORDER ? (level as LogLevel) : 'info';
}
