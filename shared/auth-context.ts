// The context contract between the authorizer and the handlers: encode (authorizer side) and decode (handler side).
import { AuthContextError, AuthContextTooLargeError } from './errors';
import { joinPermissions, splitPermissions } from './permission';

/** What a handler knows about its caller. Every field survives API Gateway turning context values into strings. */
export interface AuthIdentity {
  /** The token's `sub`; also the policy's principalId (what access logs show). Not unique across providers. */
  principalId: string;
  /**
   * The provider-qualified identity: the issuer and the `sub`, as one string (see qualifyIdentity). Two providers
   * may issue the same `sub` to different people, so every ownership or authorship decision keys on this.
   */
  userId: string;
  /** The configured provider name. */
  provider: string;
  issuer: string;
  /**
   * The tenant of a multi-tenant provider (one of its configured ids), absent otherwise. `issuer`, and so `userId`,
   * already differ per tenant; this is the id to key tenant data on.
   */
  tenant?: string;
  clientId?: string;
  tokenUse?: string;
  /** Sorted, unique, exact permission strings. */
  permissions: string[];
  /** The token's `exp`, epoch seconds. */
  expiresAt: number;
  /** Configured extra claims, keyed by their context-safe name (see toContextClaimName). */
  claims: Record<string, string>;
}

/** What the authorizer knows before encoding: userId is always derived, never supplied. */
export type AuthIdentityInput = Omit<AuthIdentity, 'userId'>;

/** A context value API Gateway accepts; an object or array there makes it answer 500. */
export type ContextValue = string | number | boolean;
export type AuthContext = Record<string, ContextValue>;

// Never "scopes" or "claims": serverless-offline overwrites context keys with those names.
const KEY = {
  userId: 'userId',
  provider: 'provider',
  issuer: 'issuer',
  tenant: 'tenant',
  clientId: 'clientId',
  tokenUse: 'tokenUse',
  permissions: 'permissions',
  expiresAt: 'expiresAt',
  error: 'error',
} as const;
const CLAIM_PREFIX = 'claim_';

/**
 * The provider-qualified identity "{issuer}#{sub}". OpenID Connect Core §2 forbids a fragment in an issuer, and
 * any "%" or "#" an odd issuer holds is percent-encoded here, so the first "#" always ends the issuer: two
 * different (issuer, sub) pairs can never give the same string.
 */
export function qualifyIdentity(issuer: string, sub: string): string {
  const escaped = /[%#]/.test(issuer) ? issuer.replace(/%/g, '%25').replace(/#/g, '%23') : issuer;
  return `${escaped}#${sub}`;
}

/** Maps a claim name such as "cognito:username" to the key suffix used in the context ("cognito_username"). */
export function toContextClaimName(claim: string): string {
  return claim.replace(/[^A-Za-z0-9_]/g, '_');
}

/** Turns a claim value into its context string: scalars as text, arrays of scalars space-joined, objects refused. */
export function toContextClaimValue(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((v) => ['string', 'number', 'boolean'].includes(typeof v))) {
    return value.join(' ');
  }
  return undefined;
}

export interface EncodeOptions {
  /** Total budget for the serialized context, in bytes. */
  maxBytes: number;
  /** A short, route-independent reason that a 403 gateway response can show. */
  error?: string;
}

export interface EncodedAuthContext {
  principalId: string;
  context: AuthContext;
  /** Extra claims left out to respect the budget; the caller logs them. */
  dropped: string[];
}

/** Encodes an identity as a flat context. Throws AuthContextTooLargeError when even the core does not fit. */
export function encodeAuthContext(identity: AuthIdentityInput, options: EncodeOptions): EncodedAuthContext {
  const context: AuthContext = {
    [KEY.userId]: qualifyIdentity(identity.issuer, identity.principalId),
    [KEY.provider]: identity.provider,
    [KEY.issuer]: identity.issuer,
    [KEY.permissions]: joinPermissions(identity.permissions),
    [KEY.expiresAt]: identity.expiresAt,
  };
  if (identity.tenant !== undefined) context[KEY.tenant] = identity.tenant;
  if (identity.clientId !== undefined) context[KEY.clientId] = identity.clientId;
  if (identity.tokenUse !== undefined) context[KEY.tokenUse] = identity.tokenUse;
  if (options.error !== undefined) context[KEY.error] = options.error;
  // The core's names are the plain identifiers above: no need to test them for escapes on every token.
  let size = 2 + plainKeyBytes('principalId') + textBytes(identity.principalId);
  for (const key in context) size += plainKeyBytes(key) + valueBytes(context[key] as ContextValue);
  if (size > options.maxBytes) throw new AuthContextTooLargeError(size, options.maxBytes);
  const dropped: string[] = [];
  for (const [name, value] of Object.entries(identity.claims)) {
    const key = `${CLAIM_PREFIX}${name}`;
    const added = memberBytes(key, value);
    if (size + added > options.maxBytes) dropped.push(name);
    else {
      context[key] = value;
      size += added;
    }
  }
  return { principalId: identity.principalId, context, dropped };
}

/** Decodes `requestContext.authorizer` (principalId included, every value possibly a string) into an identity. */
export function decodeAuthContext(raw: unknown): AuthIdentity {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new AuthContextError('not an object');
  const ctx = raw as Record<string, unknown>;
  const principalId = requireText(ctx, 'principalId');
  const issuer = requireText(ctx, KEY.issuer);
  const identity: AuthIdentity = {
    principalId,
    userId: decodeUserId(ctx, issuer, principalId),
    provider: requireText(ctx, KEY.provider),
    issuer,
    permissions: decodePermissions(ctx[KEY.permissions]),
    expiresAt: decodeEpoch(ctx[KEY.expiresAt]),
    claims: decodeClaims(ctx),
  };
  const tenant = optionalText(ctx, KEY.tenant);
  if (tenant !== undefined) identity.tenant = tenant;
  const clientId = optionalText(ctx, KEY.clientId);
  if (clientId !== undefined) identity.clientId = clientId;
  const tokenUse = optionalText(ctx, KEY.tokenUse);
  if (tokenUse !== undefined) identity.tokenUse = tokenUse;
  return identity;
}

// Derived, not trusted: a context whose userId disagrees with its own issuer and principalId is refused. One
// without it (written by an authorizer version from before userId, still in API Gateway's cache) gets the same value.
function decodeUserId(ctx: Record<string, unknown>, issuer: string, principalId: string): string {
  const expected = qualifyIdentity(issuer, principalId);
  const given = optionalText(ctx, KEY.userId);
  if (given !== undefined && given !== expected)
    throw new AuthContextError('userId does not match issuer and principalId');
  return expected;
}

function requireText(ctx: Record<string, unknown>, key: string): string {
  const value = ctx[key];
  if (typeof value !== 'string' || value === '') throw new AuthContextError(`${key} is missing`);
  return value;
}

function optionalText(ctx: Record<string, unknown>, key: string): string | undefined {
  const value = ctx[key];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new AuthContextError(`${key} is not a string`);
  return value;
}

function decodePermissions(value: unknown): string[] {
  if (value === undefined || value === '') return [];
  if (typeof value !== 'string') throw new AuthContextError('permissions is not a string');
  // Split only, not checked against the permission rule: the authorizer wrote these, and a handler compares them
  // exactly, so a piece that is no permission can only fail to match.
  return [...new Set(splitPermissions(value))].sort();
}

function decodeEpoch(value: unknown): number {
  const n = typeof value === 'string' && /^\d{1,12}$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0)
    throw new AuthContextError('expiresAt is not an epoch');
  return n;
}

function decodeClaims(ctx: Record<string, unknown>): Record<string, string> {
  // fromEntries defines own properties, so a claim named "__proto__" stays data and never touches the prototype.
  return Object.fromEntries(
    Object.entries(ctx)
      .filter(([key]) => key.startsWith(CLAIM_PREFIX))
      .map(([key, value]) => [key.slice(CLAIM_PREFIX.length), String(value)]),
  );
}

// Bytes one member adds to the serialized object: "key":value plus a comma. Exact for what JSON.stringify writes,
// without building the string on every request: printable ASCII other than `"` and `\` is one byte per character
// as it stands (the common case: one regex test, no byte count); anything else takes the slow, exact path.
const PLAIN_ASCII = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;
function memberBytes(key: string, value: ContextValue): number {
  return textBytes(key) + valueBytes(value) + 2;
}
// A name known to be plain ASCII: its characters, two quotes, the colon and the comma.
function plainKeyBytes(key: string): number {
  return key.length + 4;
}
function valueBytes(value: ContextValue): number {
  return typeof value === 'string' ? textBytes(value) : String(value).length;
}
function textBytes(text: string): number {
  return PLAIN_ASCII.test(text) ? text.length + 2 : Buffer.byteLength(JSON.stringify(text));
}
