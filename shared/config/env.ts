// Typed readers for environment variables: a missing or invalid value stops startup naming the variable.
import { EnvError } from '../errors';

export type Env = Record<string, string | undefined>;

export function requireEnv(env: Env, name: string): string {
  const value = env[name]?.trim();
  if (!value) throw new EnvError(name, 'is not set');
  return value;
}

/** A comma-separated list; empty entries are dropped. */
export function readList(env: Env, name: string, fallback: readonly string[] = []): string[] {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return [...fallback];
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

export function readInt(env: Env, name: string, fallback: number, range: { min: number; max: number }): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < range.min || value > range.max) {
    throw new EnvError(name, `must be an integer from ${range.min} to ${range.max}`);
  }
  return value;
}

export function readBool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  throw new EnvError(name, 'must be true or false');
}
