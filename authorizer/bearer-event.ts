// Reads the credential out of each authorizer event shape; an ambiguous identity source is refused, never resolved.
import { MAX_TOKEN_LENGTH } from './bearer-token';
import { TokenRejectedError } from './errors';

/**
 * Every credential comes out in the form of an Authorization header value (`Bearer <jwt>`): it keys the
 * verified-token cache, and parseBearerToken checks it on a miss. Nothing here decodes anything.
 */
export type Credential = string;

/** The TOKEN event's authorizationToken, as API Gateway passed it. */
export function tokenCredential(header: unknown): Credential {
  if (typeof header !== 'string') throw new TokenRejectedError('missing');
  return header;
}

/**
 * The one Authorization value of a request. Header names are case-insensitive (RFC 9110 §5.1), and a REST REQUEST
 * event carries both `headers` (the last value of each) and `multiValueHeaders` (all of them). Two different values
 * are refused: picking one would let a proxy and API Gateway disagree about who is calling (RFC 9110 §5.3 allows a
 * repeated field only for list-valued headers, and Authorization is not one). HTTP API v2 joins repeated headers
 * with commas, which parseBearerToken refuses as malformed.
 */
export function headerCredential(headers: unknown, multiValueHeaders?: unknown): Credential | undefined {
  const found = new Agreed('several different Authorization headers');
  for (const [name, value] of entriesOf(headers)) if (isAuthorization(name)) found.add(value);
  for (const [name, values] of entriesOf(multiValueHeaders)) if (isAuthorization(name)) found.addAll(values);
  return found.value;
}

/**
 * WebSocket `$connect` only: browsers cannot set headers on a WebSocket, so RFC 6750 §2.3's `access_token` query
 * parameter may carry the token instead. Callers read it for a CONNECT event and never otherwise: tokens in URLs
 * end up in access logs and browser history. A request using both methods is refused (RFC 6750 §2: one method).
 */
export function connectCredential(event: {
  headers?: unknown;
  multiValueHeaders?: unknown;
  queryStringParameters?: unknown;
  multiValueQueryStringParameters?: unknown;
}): Credential {
  const header = headerCredential(event.headers, event.multiValueHeaders);
  const query = new Agreed('several different access_token parameters');
  query.add(paramOf(event.queryStringParameters));
  query.addAll(paramOf(event.multiValueQueryStringParameters));
  if (header !== undefined && query.value !== undefined) {
    throw new TokenRejectedError('malformed', 'a token both in the Authorization header and in access_token');
  }
  if (header !== undefined) return header;
  if (query.value === undefined) throw new TokenRejectedError('missing');
  // Checked before the header form is built, so an oversize parameter costs no copy.
  if (query.value.length > MAX_TOKEN_LENGTH) throw new TokenRejectedError('too_large');
  return `Bearer ${query.value}`;
}

/** The credential of a REST REQUEST (or HTTP API) event: its Authorization header, required. */
export function requiredHeaderCredential(headers: unknown, multiValueHeaders?: unknown): Credential {
  const header = headerCredential(headers, multiValueHeaders);
  if (header === undefined) throw new TokenRejectedError('missing');
  return header;
}

const AUTHORIZATION = 'authorization';

function isAuthorization(name: string): boolean {
  return name.length === AUTHORIZATION.length && name.toLowerCase() === AUTHORIZATION;
}

function paramOf(params: unknown): unknown {
  return typeof params === 'object' && params !== null && Object.hasOwn(params, 'access_token')
    ? (params as Record<string, unknown>).access_token
    : undefined;
}

// API Gateway sends null for "no headers"; anything but a plain object holds no credential.
function entriesOf(map: unknown): Array<[string, unknown]> {
  return typeof map === 'object' && map !== null && !Array.isArray(map) ? Object.entries(map) : [];
}

/** Collects the values given for one credential; they must all be the same text. Absent and empty count as none. */
class Agreed {
  value: string | undefined;

  constructor(private readonly conflict: string) {}

  add(value: unknown): void {
    if (value === undefined || value === null || value === '') return;
    if (typeof value !== 'string') throw new TokenRejectedError('malformed', 'an identity source that is not text');
    if (this.value !== undefined && this.value !== value) throw new TokenRejectedError('malformed', this.conflict);
    this.value = value;
  }

  addAll(values: unknown): void {
    if (values === undefined || values === null) return;
    if (!Array.isArray(values)) throw new TokenRejectedError('malformed', 'a multi-value identity source not a list');
    for (const value of values) this.add(value);
  }
}
