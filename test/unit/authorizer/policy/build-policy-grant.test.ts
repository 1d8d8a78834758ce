// PolicyBuilder.grantFor: one answer per permission set, agreeing with build/allows/deniesSome, documents per API prefix.
import fc from 'fast-check';
import type { RouteConfig } from '../../../../authorizer/config/schema';
import { createPolicyBuilder } from '../../../../authorizer/policy/build-policy';
import { API_PREFIX } from '../../../helpers/events';

const ROUTES: RouteConfig[] = [
  { method: 'GET', path: '/me', permissions: [] },
  { method: 'GET', path: '/comments', permissions: ['comments:read'] },
  { method: 'POST', path: '/comments', permissions: ['comments:write'] },
  { method: 'DELETE', path: '/comments/{id}', permissions: ['comments:read', 'comments:write'] },
];
const PERMISSIONS = ['comments:read', 'comments:write', 'unrelated'];
const OTHER_STAGE = 'arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/staging';

describe('PolicyBuilder.grantFor', () => {
  it('property: agrees with build, allows and deniesSome for every permission set and route', () => {
    fc.assert(
      fc.property(fc.subarray(PERMISSIONS), (held) => {
        // Prepare
        const builder = createPolicyBuilder(ROUTES);
        const permissions = new Set(held);

        // Act
        const grant = builder.grantFor(permissions);

        // Assess
        expect(grant.deniesSome).toBe(builder.deniesSome(permissions));
        for (const route of builder.routes) expect(grant.allows(route)).toBe(builder.allows(route, permissions));
        expect(grant.documentFor(API_PREFIX)).toEqual(builder.build(API_PREFIX, permissions).document);
      }),
      { numRuns: 50 },
    );
  });

  it('is computed once per relevant permission set: tokens holding the same permissions share it', () => {
    // Prepare
    const builder = createPolicyBuilder(ROUTES);

    // Act
    const first = builder.grantFor(new Set(['comments:read']));
    const same = builder.grantFor(new Set(['comments:read', 'unrelated']));

    // Assess: "unrelated" is on no route, so both sets get the same grant and the same documents.
    expect(same).toBe(first);
    expect(same.documentFor(API_PREFIX)).toBe(first.documentFor(API_PREFIX));
  });

  it('builds one document per API prefix, each naming only its own prefix', () => {
    // Prepare
    const grant = createPolicyBuilder(ROUTES).grantFor(new Set(['comments:read']));

    // Act
    const prod = grant.documentFor(API_PREFIX);
    const staging = grant.documentFor(OTHER_STAGE);

    // Assess
    const resources = (document: typeof prod) => document.Statement.flatMap((s) => s.Resource);
    expect(resources(prod).every((r) => r.startsWith(`${API_PREFIX}/`))).toBe(true);
    expect(resources(staging).every((r) => r.startsWith(`${OTHER_STAGE}/`))).toBe(true);
    expect(grant.documentFor(API_PREFIX)).toBe(prod);
  });
});
