// Collects the permissions a verified token holds, from the configured claims and (Cognito) group mappings.
import { isPermission, splitPermissions } from '../shared/permission';
import type { JwtPayload } from './jwt/decode-token';

export interface PermissionSources {
  /** Claims holding permissions: a space-delimited string (`scope`, Entra `scp`) or an array (Okta `scp`, Auth0 `permissions`). */
  claims: readonly string[];
  /** Cognito: group name -> permissions it grants, read from `cognito:groups`. */
  groups?: ReadonlyMap<string, readonly string[]>;
}

/** Returns the exact permission strings; no case folding, prefixes or wildcards (`*` grants nothing). */
export function extractPermissions(payload: JwtPayload, sources: PermissionSources): Set<string> {
  const held = new Set<string>();
  for (const path of sources.claims) addAll(held, readClaim(payload, path));
  if (sources.groups) {
    const groups = payload['cognito:groups'];
    if (Array.isArray(groups)) {
      for (const group of groups) {
        // A Map, not an object lookup: a group named "__proto__" or "constructor" must grant nothing.
        const granted = typeof group === 'string' ? sources.groups.get(group) : undefined;
        if (granted) for (const p of granted) held.add(p);
      }
    }
  }
  return held;
}

/** Reads a claim by exact name first (namespaced claims contain dots), then as a dotted path. */
export function readClaim(payload: JwtPayload, path: string): unknown {
  if (Object.hasOwn(payload, path)) return payload[path];
  let value: unknown = payload;
  for (const part of path.split('.')) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, part)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

function addAll(held: Set<string>, value: unknown): void {
  // RFC 6749 §3.3 (shared/permission.ts): scope tokens separated by single spaces. Anything else (a tab, a newline,
  // a no-break space) is not a separator, so the piece holding it is no scope token and grants nothing.
  if (typeof value === 'string') {
    for (const p of splitPermissions(value)) if (isPermission(p)) held.add(p);
  } else if (Array.isArray(value)) {
    // The same rule for arrays (Okta scp, Auth0 permissions); it also keeps the space-delimited context exact.
    for (const p of value) if (isPermission(p)) held.add(p);
  }
}
