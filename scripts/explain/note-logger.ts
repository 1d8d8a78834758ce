// A Logger that keeps the authorizer's warnings as readable notes for the explanation instead of printing JSON lines.
import type { LogFields, Logger } from '../../shared/logger';

/** Warnings and errors become "message: key value, …" in `notes`; debug and info lines are not explanations. */
export function createNoteLogger(notes: string[], base: LogFields = {}): Logger {
  const note = (message: string, fields?: LogFields) => {
    const all = { ...base, ...fields };
    const parts = Object.entries(all).map(([key, value]) => `${key} ${JSON.stringify(value)}`);
    notes.push(parts.length > 0 ? `${message}: ${parts.join(', ')}` : message);
  };
  const ignore = () => undefined;
  return {
    debug: ignore,
    info: ignore,
    warn: note,
    error: note,
    child: (fields) => createNoteLogger(notes, { ...base, ...fields }),
    enabled: (level) => level === 'warn' || level === 'error',
  };
}
