// extractPermissions: exact permission strings from scope/scp/arrays/nested claims and Cognito group maps.
import { extractPermissions, readClaim } from '../../../authorizer/permissions';

const sorted = (s: Set<string>) => [...s].sort();

describe('extractPermissions', () => {
  it('splits a space-delimited scope (RFC 6749 §3.3) and reads scp as array or string', () => {
    expect(sorted(extractPermissions({ scope: 'a b  c' }, { claims: ['scope'] }))).toEqual(['a', 'b', 'c']);
    expect(sorted(extractPermissions({ scp: ['x', 'y'] }, { claims: ['scp'] }))).toEqual(['x', 'y']);
    expect(sorted(extractPermissions({ scp: 'x y' }, { claims: ['scp'] }))).toEqual(['x', 'y']);
  });

  it('reads nested and namespaced claims (Keycloak realm_access.roles, Auth0 namespaced URLs)', () => {
    const payload = { realm_access: { roles: ['r1'] }, 'https://app.example.com/roles': ['admin'] };
    expect(
      sorted(extractPermissions(payload, { claims: ['realm_access.roles', 'https://app.example.com/roles'] })),
    ).toEqual(['admin', 'r1']);
  });

  it('ignores non-string elements, elements with whitespace and unconfigured claims', () => {
    const payload = { permissions: ['ok', 3, null, 'has space', ''], scope: 'ignored' };
    expect(sorted(extractPermissions(payload, { claims: ['permissions'] }))).toEqual(['ok']);
  });

  it('maps Cognito groups through the configured map only', () => {
    const groups = new Map([['writers', ['comments:read', 'comments:write']]]);
    const payload = { 'cognito:groups': ['writers', 'unknown', '__proto__', 'constructor', 7] };
    expect(sorted(extractPermissions(payload, { claims: [], groups }))).toEqual(['comments:read', 'comments:write']);
    expect(sorted(extractPermissions({ 'cognito:groups': 'writers' }, { claims: [], groups }))).toEqual([]);
  });

  it.each([
    ['a tab', 'openid\tcomments:read'],
    ['a newline', 'openid\ncomments:read'],
    ['a no-break space', 'openid\u00a0comments:read'],
    ['a trailing no-break space', 'comments:read\u00a0'],
    ['an ideographic space', 'openid\u3000comments:read'],
  ])('only a plain space separates scopes: %s grants nothing', (_label, scope) => {
    expect(extractPermissions({ scope }, { claims: ['scope'] }).has('comments:read')).toBe(false);
    expect(extractPermissions({ scp: [scope] }, { claims: ['scp'] }).has('comments:read')).toBe(false);
  });

  it('grants nothing by lookalikes: matching is exact and case-sensitive', () => {
    const held = extractPermissions(
      { scope: 'Comments:Read comments:readx * comments:read,comments:write' },
      { claims: ['scope'] },
    );
    expect(held.has('comments:read')).toBe(false);
    expect(held.has('comments:write')).toBe(false);
  });
});

describe('readClaim', () => {
  it('does not walk into prototypes', () => {
    expect(readClaim({}, 'constructor')).toBeUndefined();
    expect(readClaim({ a: {} }, 'a.toString')).toBeUndefined();
    expect(readClaim({ a: { b: 'v' } }, 'a.b')).toBe('v');
  });
});
