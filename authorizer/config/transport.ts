// Transport rule for every URL we fetch keys or discovery from: https, or http to a loopback host only by opt-in.

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** The environment variable that opts in to plain http on loopback; read once, by loadConfig. */
export const INSECURE_LOOPBACK_ENV = 'AUTH_ALLOW_INSECURE_LOOPBACK';

/** Which key-source URLs may be fetched. Part of the resolved AuthConfig, so every fetcher sees the same rule. */
export interface TransportPolicy {
  /**
   * Plain http to 127.0.0.1, localhost or [::1]. Off unless explicitly set: on Lambda, 127.0.0.1:9001 is the
   * Runtime API, so a key source there must never be reachable by configuration alone.
   */
  allowInsecureLoopback: boolean;
}

/** Fail closed: what every caller gets unless it passes the opt-in. */
export const STRICT_TRANSPORT: TransportPolicy = Object.freeze({ allowInsecureLoopback: false });

/** Tells the operator how to opt in, in every error that refuses a loopback http URL. */
export const INSECURE_LOOPBACK_HINT = `plain http to a loopback host is refused unless ${INSECURE_LOOPBACK_ENV}=true (set it only for local use)`;

export type TransportKind = 'https' | 'loopback_http' | 'untrusted';

/** Reads the opt-in from an environment: exactly the string "true"; anything else keeps it off. */
export function readTransportPolicy(env: Record<string, string | undefined>): TransportPolicy {
  return { allowInsecureLoopback: env[INSECURE_LOOPBACK_ENV] === 'true' };
}

/** Classifies a key-source URL: https, http to a loopback host, or anything else (never fetched). */
export function classifyTransportUrl(value: string): TransportKind {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'untrusted';
  }
  // Credentials in a key-source URL would end up in logs and error messages; refuse them outright.
  if (url.username || url.password) return 'untrusted';
  if (url.protocol === 'https:') return 'https';
  return url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname) ? 'loopback_http' : 'untrusted';
}

/** True when `value` may be fetched under `policy` (https, or loopback http when opted in). */
export function isTrustedTransportUrl(value: string, policy: TransportPolicy): boolean {
  const kind = classifyTransportUrl(value);
  return kind === 'https' || (kind === 'loopback_http' && policy.allowInsecureLoopback);
}
