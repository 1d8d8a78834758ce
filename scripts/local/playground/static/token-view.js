// Decodes a JWT's header and claims for display (no verification: the explain result says what the authorizer made of it).
/* global atob, TextDecoder */

/** `{ header, claims }`, or `{ error }` for something that is not a JWT. The signature is never returned. */
export function decodeJwt(token) {
  const parts = token.split('.');
  if (parts.length !== 3) return { error: `a JWT has 3 dot-separated parts; this has ${parts.length}` };
  try {
    return { header: decodePart(parts[0]), claims: decodePart(parts[1]) };
  } catch (err) {
    return { error: `not a decodable JWT (${err.message})` };
  }
}

function decodePart(part) {
  const base64 = part.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64.padEnd(base64.length + ((4 - (base64.length % 4)) % 4), '='));
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes));
}

/** "in 59 min" / "3 min ago" for exp, iat and nbf, so an expired token is obvious at a glance. */
export function describeTime(seconds, now = Date.now()) {
  // A claim the authorizer refuses (invalid_claim) may still be any number: only a real date is shown as one.
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || Math.abs(seconds) >= 8.64e12) return undefined;
  const minutes = Math.round((seconds * 1000 - now) / 60_000);
  const when = new Date(seconds * 1000).toISOString();
  if (minutes === 0) return `${when} (now)`;
  return minutes > 0 ? `${when} (in ${minutes} min)` : `${when} (${-minutes} min ago)`;
}
