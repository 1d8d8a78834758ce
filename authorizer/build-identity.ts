// Turns a verified token into the identity the context contract carries, picking the configured extra claims.
import { toContextClaimName, toContextClaimValue, type AuthIdentityInput } from '../shared/auth-context';
import { readClaim } from './permissions';
import type { VerifiedToken } from './verifiers/verifier';

export interface BuiltIdentity {
  identity: AuthIdentityInput;
  /** Configured claims present in the token but not flat (objects): refused, since API Gateway would answer 500. */
  refused: string[];
}

export function buildIdentity(token: VerifiedToken, contextClaims: readonly string[]): BuiltIdentity {
  const refused: string[] = [];
  const identity: AuthIdentityInput = {
    principalId: token.subject,
    provider: token.provider,
    issuer: token.issuer,
    permissions: [...token.permissions].sort(),
    expiresAt: token.expiresAt,
    claims: contextClaims.length === 0 ? {} : pickClaims(token, contextClaims, refused),
  };
  // Assigned, not spread from fresh objects: this runs once per verified token, on the warm path.
  if (token.clientId !== undefined) identity.clientId = token.clientId;
  if (token.tokenUse !== undefined) identity.tokenUse = token.tokenUse;
  if (token.tenant !== undefined) identity.tenant = token.tenant;
  return { identity, refused };
}

function pickClaims(token: VerifiedToken, contextClaims: readonly string[], refused: string[]): Record<string, string> {
  const entries: Array<[string, string]> = [];
  for (const path of contextClaims) {
    const raw = readClaim(token.payload, path);
    if (raw === undefined) continue;
    const value = toContextClaimValue(raw);
    if (value === undefined) refused.push(path);
    else entries.push([toContextClaimName(path), value]);
  }
  // fromEntries: a claim configured as "__proto__" stays an own property, never the prototype.
  return Object.fromEntries(entries);
}
