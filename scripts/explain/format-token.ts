// The decoded-token section of the human explanation: the header and the claims the checks read, times made readable.

/** The claims verification or the policy reads; others (e-mail, names) stay out of output people paste into tickets. */
const SHOWN_CLAIMS = [
  'iss',
  'sub',
  'aud',
  'azp',
  'client_id',
  'token_use',
  'typ',
  'tid',
  'scope',
  'scp',
  'permissions',
  'roles',
  'cognito:groups',
];
const TIME_CLAIMS = ['exp', 'nbf', 'iat'];
// Hashes of other tokens, only evidence that this is an ID token: their presence is what matters.
const PRESENCE_CLAIMS = ['at_hash', 'c_hash', 'nonce'];

export function formatToken(
  token: { header: Record<string, unknown>; claims: Record<string, unknown> } | null,
  checkedAt: number,
): string[] {
  if (!token) return ['Token: could not be decoded (see the format check below)'];
  const { alg, kid, typ } = token.header;
  const lines = ['Token (decoded; nothing in it is trusted before the checks pass)'];
  lines.push(row('header', `alg ${text(alg)}, kid ${text(kid)}, typ ${text(typ)}`));
  for (const name of SHOWN_CLAIMS) {
    if (token.claims[name] !== undefined) lines.push(row(name, text(token.claims[name])));
  }
  for (const name of TIME_CLAIMS) {
    const value = token.claims[name];
    if (value !== undefined) lines.push(row(name, typeof value === 'number' ? timeOf(value, checkedAt) : text(value)));
  }
  const present = PRESENCE_CLAIMS.filter((name) => token.claims[name] !== undefined);
  if (present.length > 0) lines.push(row('also', `${present.join(', ')} (present)`));
  return lines;
}

function row(name: string, value: string): string {
  return `  ${name.padEnd(15)} ${value}`;
}

function text(value: unknown): string {
  if (value === undefined) return '(none)';
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join(' ');
  return JSON.stringify(value);
}

/** "1795000000 (2026-11-23T13:00:00Z, in 59 min)": absolute and relative to when the checks ran. */
export function timeOf(seconds: number, now: number): string {
  const date = Number.isFinite(seconds) && Math.abs(seconds) < 8.64e12 ? new Date(seconds * 1000) : undefined;
  const iso = date ? date.toISOString().replace('.000Z', 'Z') : 'not a date';
  const delta = seconds - now;
  const relative = delta === 0 ? 'now' : delta > 0 ? `in ${duration(delta)}` : `${duration(-delta)} ago`;
  return `${seconds} (${iso}, ${relative})`;
}

function duration(seconds: number): string {
  if (seconds < 120) return `${Math.round(seconds)} s`;
  if (seconds < 7_200) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172_800) return `${Math.round(seconds / 3_600)} h`;
  return `${Math.round(seconds / 86_400)} days`;
}
