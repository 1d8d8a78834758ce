// Transport rule for every URL we fetch keys or discovery from: https, or http only to a loopback host.

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** True when fetching from `value` cannot be intercepted off this machine (https, or http to loopback). */
export function isTrustedTransportUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  // Credentials in a key-source URL would end up in logs and error messages; refuse them outright.
  if (url.username || url.password) return false;
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
}
