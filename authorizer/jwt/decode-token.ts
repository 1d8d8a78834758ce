// Decodes a JWT's header and payload, unverified, only to choose the provider and key; nothing here is trusted yet.
import { TokenRejectedError } from '../errors';
import { hasDuplicateTopLevelKeys } from './duplicate-keys';

export interface JwtHeader {
  alg?: unknown;
  kid?: unknown;
  crit?: unknown;
  [name: string]: unknown;
}
export type JwtPayload = Record<string, unknown>;

export interface DecodedToken {
  /** The compact token, exactly as received; jsonwebtoken verifies this string. */
  raw: string;
  header: JwtHeader;
  payload: JwtPayload;
}

/** Splits and decodes a token that parseBearerToken already shape-checked. */
export function decodeToken(raw: string): DecodedToken {
  const firstDot = raw.indexOf('.');
  const secondDot = raw.indexOf('.', firstDot + 1);
  const headerJson = Buffer.from(raw.slice(0, firstDot), 'base64url').toString('utf8');
  const header = decodeSegment(headerJson, 'header');
  if (hasDuplicateTopLevelKeys(headerJson)) throw new TokenRejectedError('malformed', 'duplicate header parameter');
  return {
    raw,
    header,
    payload: decodeSegment(Buffer.from(raw.slice(firstDot + 1, secondDot), 'base64url').toString('utf8'), 'payload'),
  };
}

function decodeSegment(json: string, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new TokenRejectedError('malformed', `${what} is not JSON`);
  }
  // RFC 7519 §7.2: both must be JSON objects; arrays, strings and null are refused.
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TokenRejectedError('malformed', `${what} is not a JSON object`);
  }
  return value as Record<string, unknown>;
}
