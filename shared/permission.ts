// What a permission string may be, for the whole project: an OAuth 2.0 scope token (RFC 6749 §3.3).

/**
 * RFC 6749 §3.3: `scope-token = 1*NQCHAR`, `NQCHAR = %x21 / %x23-5B / %x5D-7E`, i.e. printable ASCII except space,
 * `"` and `\`. The authorizer grants only strings of this shape (from token claims and from config), the config
 * refuses any other (one that could never be granted), and the space-delimited context list stays unambiguous.
 */
export const PERMISSION_PATTERN = /^[\x21\x23-\x5b\x5d-\x7e]+$/;

/** The problem a config error reports for a string that is not a permission. */
export const PERMISSION_RULE = 'must be an OAuth scope token: printable ASCII without spaces, " or \\ (RFC 6749 §3.3)';

/** RFC 6749 §3.3: `scope = scope-token *( SP scope-token )`; the context carries permissions the same way. */
export const PERMISSION_SEPARATOR = ' ';

export function isPermission(value: unknown): value is string {
  return typeof value === 'string' && PERMISSION_PATTERN.test(value);
}

/** Joins permissions into one space-delimited string, the form of a `scope` claim and of the context value. */
export function joinPermissions(permissions: readonly string[]): string {
  return permissions.join(PERMISSION_SEPARATOR);
}

/**
 * Splits a space-delimited list at single spaces, dropping the empty pieces that leading, trailing or doubled
 * spaces leave. It does not check the pieces: a tab or a no-break space is not a separator, so a piece holding one
 * stays whole (and is no permission, for whoever checks it with isPermission).
 */
export function splitPermissions(list: string): string[] {
  return list.split(PERMISSION_SEPARATOR).filter((piece) => piece !== '');
}
