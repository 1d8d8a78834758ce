// The route manifest: well-formed for the authorizer, one entry per route, and the README's route table agrees with it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseConfig } from '../../../authorizer/config/load-config';
import {
  authorizedRoutes,
  permissionsOf,
  ROUTE_MANIFEST,
  routeKeyOf,
  type ProtectedRouteKey,
  type RouteEntry,
} from '../../../shared/route-manifest';
import { testConfig } from '../../helpers/config';

const manifest: readonly RouteEntry[] = ROUTE_MANIFEST;

/** The rows of the README's "The comments API" table: route key → what its permission column says. */
function readmeRoutes(): Map<string, string> {
  const readme = readFileSync(path.resolve(__dirname, '../../../README.md'), 'utf8');
  const section = readme.split('### The comments API')[1]?.split('\n\n')[1] ?? '';
  const rows = new Map<string, string>();
  for (const line of section.split('\n')) {
    const match = /^\| `([A-Z]+) (\/[^`?\s]*)[^`]*`[^|]* \| ([^|]+) \|/.exec(line);
    if (match) rows.set(`${match[1]} ${match[2]}`, (match[3] as string).trim());
  }
  return rows;
}

describe('route manifest', () => {
  it('is a valid route table for the authorizer, with no route twice', () => {
    // Act
    const config = parseConfig(testConfig('https://idp.example.com', { routes: authorizedRoutes() }));

    // Assess
    expect(config.routes).toEqual(authorizedRoutes());
    expect(new Set(manifest.map(routeKeyOf)).size).toBe(manifest.length);
    expect(manifest.every((r) => (r.public === true) !== (r.permissions !== undefined))).toBe(true);
  });

  it("answers each protected route's permissions, and refuses a route it does not declare", () => {
    expect(permissionsOf('POST /comments')).toEqual(['comments:write']);
    expect(permissionsOf('GET /me')).toEqual([]);
    expect(() => permissionsOf('POST /auth/signin' as ProtectedRouteKey)).toThrow(TypeError);
  });

  it('is what the README lists, route by route, with the same permissions', () => {
    // Act
    const rows = readmeRoutes();

    // Assess
    const described = (r: RouteEntry) =>
      r.public
        ? 'none (public)'
        : r.permissions?.length
          ? r.permissions.map((p) => `\`${p}\``).join(', ')
          : 'any valid token';
    expect(Object.fromEntries(rows)).toEqual(Object.fromEntries(manifest.map((r) => [routeKeyOf(r), described(r)])));
  });
});
