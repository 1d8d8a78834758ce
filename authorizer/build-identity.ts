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
  const entries: Array<[string, string]> = [];
  const refused: string[] = [];
  for (const path of contextClaims) {
    const raw = readClaim(token.payload, path);
    if (raw === undefined) continue;
    const value = toContextClaimValue(raw);
    if (value === undefined) refused.push(path);
    else entries.push([toContextClaimName(path), value]);
  }
  // fromEntries: a claim configured as "__proto__" stays an own property, never the prototype.
  const claims: Record<string, string> = Object.fromEntries(entries);
  const identity: AuthIdentityInput = {
    principalId: token.subject,
    provider: token.provider,
    issuer: token.issuer,
    permissions: [...token.permissions].sort(),
    expiresAt: token.expiresAt,
    claims,
    ...(token.clientId !== undefined ? { clientId: token.clientId } : {}),
    ...(token.tokenUse !== undefined ? { tokenUse: token.tokenUse } : {}),
    ...(token.tenant !== undefined ? { tenant: token.tenant } : {}),
  };
  return { identity, refused };
}
