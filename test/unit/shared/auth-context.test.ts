// The context contract: decode(encode(x)) = x after API Gateway stringifies every value, plus the size budget.
import fc from 'fast-check';
import {
  decodeAuthContext,
  encodeAuthContext,
  qualifyIdentity,
  toContextClaimName,
  toContextClaimValue,
  type AuthIdentity,
} from '../../../shared/auth-context';
import { AuthContextError, AuthContextTooLargeError } from '../../../shared/errors';
import { caught } from '../../helpers/caught';

/** What API Gateway delivers to a Lambda-proxy backend: every context value as a string, plus principalId. */
function deliver(encoded: ReturnType<typeof encodeAuthContext>): Record<string, string> {
  const delivered: Record<string, string> = { principalId: encoded.principalId };
  for (const [k, v] of Object.entries(encoded.context)) delivered[k] = String(v);
  return delivered;
}

const identity: AuthIdentity = {
  principalId: 'user-1',
  userId: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_X#user-1',
  provider: 'pool',
  issuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_X',
  clientId: 'client',
  tokenUse: 'access',
  permissions: ['comments:read', 'comments:write'],
  expiresAt: 1_900_000_000,
  claims: { email: 'a@example.com', cognito_username: 'alice' },
};

const text = fc.string({ minLength: 1, maxLength: 20 });
const arbitraryIdentity: fc.Arbitrary<AuthIdentity> = fc
  .record({
    principalId: text,
    provider: text,
    issuer: text,
    tenant: fc.option(text, { nil: undefined }),
    clientId: fc.option(text, { nil: undefined }),
    tokenUse: fc.option(fc.constantFrom('access', 'id'), { nil: undefined }),
    permissions: fc.uniqueArray(fc.stringMatching(/^[\x21-\x7e]{1,12}$/), { maxLength: 8 }),
    expiresAt: fc.integer({ min: 0, max: 4_000_000_000 }),
    claims: fc.dictionary(fc.stringMatching(/^[A-Za-z0-9_]{1,10}$/), fc.string({ maxLength: 20 }), { maxKeys: 4 }),
  })
  .map(({ tenant, clientId, tokenUse, permissions, ...rest }) => ({
    ...rest,
    userId: qualifyIdentity(rest.issuer, rest.principalId),
    permissions: [...permissions].sort(),
    ...(tenant !== undefined ? { tenant } : {}),
    ...(clientId !== undefined ? { clientId } : {}),
    ...(tokenUse !== undefined ? { tokenUse } : {}),
  }));

describe('auth context contract', () => {
  it('round-trips through API Gateway delivery (property)', () => {
    fc.assert(
      fc.property(arbitraryIdentity, (x) => {
        expect(decodeAuthContext(deliver(encodeAuthContext(x, { maxBytes: 8192 })))).toEqual(x);
      }),
      { numRuns: 500 },
    );
  });

  it('round-trips claims named like Object.prototype members', () => {
    const tricky = {
      ...identity,
      claims: Object.fromEntries([
        ['__proto__', 'p'],
        ['constructor', 'c'],
        ['toString', 't'],
      ]),
    };
    const decoded = decodeAuthContext(deliver(encodeAuthContext(tricky, { maxBytes: 8192 })));
    expect(Object.keys(decoded.claims).sort()).toEqual(['__proto__', 'constructor', 'toString']);
    expect(Object.getPrototypeOf(decoded.claims)).toBe(Object.prototype);
    expect(decoded).toEqual(tricky);
  });

  it("carries a multi-tenant provider's tenant as the `tenant` key, and nothing for a single-issuer one", () => {
    // Prepare
    const tenanted = { ...identity, tenant: '11111111-aaaa-4aaa-8aaa-aaaaaaaaaaaa' };

    // Act
    const encoded = encodeAuthContext(tenanted, { maxBytes: 4096 });
    const single = encodeAuthContext(identity, { maxBytes: 4096 });

    // Assess
    expect(encoded.context.tenant).toBe(tenanted.tenant);
    expect(decodeAuthContext(deliver(encoded)).tenant).toBe(tenanted.tenant);
    expect(single.context).not.toHaveProperty('tenant');
    expect(decodeAuthContext(deliver(single))).not.toHaveProperty('tenant');
  });

  it('encodes only flat values and never the keys serverless-offline overwrites', () => {
    const { context } = encodeAuthContext(identity, { maxBytes: 4096, error: 'insufficient_scope' });
    for (const value of Object.values(context)) expect(['string', 'number', 'boolean']).toContain(typeof value);
    expect(Object.keys(context)).not.toContain('scopes');
    expect(Object.keys(context)).not.toContain('claims');
    expect(context).toMatchObject({ permissions: 'comments:read comments:write', error: 'insufficient_scope' });
  });

  it('drops extra claims over the budget, keeping the core, and reports what it dropped', () => {
    const big = { ...identity, claims: { a: 'x'.repeat(300), b: 'y'.repeat(300) } };
    const budget =
      JSON.stringify({
        principalId: 'user-1',
        ...encodeAuthContext({ ...big, claims: {} }, { maxBytes: 4096 }).context,
      }).length + 320;
    const encoded = encodeAuthContext(big, { maxBytes: budget });
    expect(encoded.dropped).toEqual(['b']);
    expect(encoded.context.claim_a).toBe('x'.repeat(300));
    expect(Buffer.byteLength(JSON.stringify({ principalId: 'user-1', ...encoded.context }))).toBeLessThanOrEqual(
      budget,
    );
  });

  it('counts exactly the bytes JSON.stringify writes, for any text (property)', () => {
    const anyText = fc.oneof(
      fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }),
      fc.constantFrom('"', '\\', '\u0000', '\u007f', 'é', '😀', '\u2028', '\ud800'),
    );
    fc.assert(
      fc.property(anyText, anyText, anyText, anyText, (principalId, issuer, provider, claim) => {
        // Prepare
        const x = { ...identity, principalId, issuer, provider, claims: { c: claim } };
        const core = encodeAuthContext({ ...x, claims: {} }, { maxBytes: 1 << 20 }).context;
        const exact = Buffer.byteLength(JSON.stringify({ principalId, ...core }));
        const withClaim = Buffer.byteLength(JSON.stringify({ principalId, ...core, claim_c: claim }));

        // Act: the core's count (with its one trailing comma) is what the refusal names.
        const refused = caught(AuthContextTooLargeError, () => encodeAuthContext(x, { maxBytes: 0 }));

        // Assess: and the claim fits at exactly its bytes (plus the same comma), not one byte less.
        expect(refused.message).toContain(`needs ${exact + 1} bytes`);
        expect(encodeAuthContext(x, { maxBytes: withClaim + 1 }).dropped).toEqual([]);
        expect(encodeAuthContext(x, { maxBytes: withClaim }).dropped).toEqual(['c']);
      }),
      { numRuns: 500 },
    );
  });

  it('refuses an identity whose core exceeds the budget', () => {
    const huge = { ...identity, permissions: Array.from({ length: 400 }, (_, i) => `perm:${i}`) };
    expect(() => encodeAuthContext(huge, { maxBytes: 1024 })).toThrow(AuthContextTooLargeError);
  });

  it.each([
    ['undefined', undefined],
    ['an array', []],
    ['no principalId', { provider: 'p', issuer: 'i', expiresAt: '1' }],
    ['no provider', { principalId: 'u', issuer: 'i', expiresAt: '1' }],
    ['a non-numeric expiresAt', { principalId: 'u', provider: 'p', issuer: 'i', expiresAt: 'soon' }],
    ['a negative expiresAt', { principalId: 'u', provider: 'p', issuer: 'i', expiresAt: -1 }],
    ['an object permissions', { principalId: 'u', provider: 'p', issuer: 'i', expiresAt: 1, permissions: {} }],
    ['a non-string tenant', { principalId: 'u', provider: 'p', issuer: 'i', expiresAt: 1, tenant: 7 }],
  ])('decode refuses %s with AuthContextError', (_label, raw) => {
    expect(() => decodeAuthContext(raw)).toThrow(AuthContextError);
    try {
      decodeAuthContext(raw);
    } catch (err) {
      expect((err as AuthContextError).code).toBe('invalid_auth_context');
    }
  });

  it('names claims and values safely', () => {
    expect(toContextClaimName('cognito:username')).toBe('cognito_username');
    expect(toContextClaimName('https://x.example/roles')).toBe('https___x_example_roles');
    expect(toContextClaimValue(['a', 1, true])).toBe('a 1 true');
    expect(toContextClaimValue({ nested: 1 })).toBeUndefined();
    expect(toContextClaimValue([{}])).toBeUndefined();
  });
});

describe('provider-qualified identity', () => {
  it('tells apart two providers that issue the same sub', () => {
    // Act
    const a = decodeAuthContext(
      deliver(encodeAuthContext({ ...identity, issuer: 'https://a.example/' }, { maxBytes: 4096 })),
    );
    const b = decodeAuthContext(
      deliver(encodeAuthContext({ ...identity, issuer: 'https://b.example/' }, { maxBytes: 4096 })),
    );

    // Assess
    expect(a.principalId).toBe(b.principalId);
    expect(a.userId).not.toBe(b.userId);
    expect(a.userId).toBe('https://a.example/#user-1');
  });

  it('is injective even for issuers holding "#" or "%"', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), fc.string(), (issA, subA, issB, subB) => {
        fc.pre(issA !== issB || subA !== subB);
        expect(qualifyIdentity(issA, subA)).not.toBe(qualifyIdentity(issB, subB));
      }),
      { numRuns: 2000 },
    );
    expect(qualifyIdentity('https://x/#a', 'b')).not.toBe(qualifyIdentity('https://x/', 'a#b'));
  });

  it('refuses a context whose userId disagrees with its issuer and principalId, and derives a missing one', () => {
    // Prepare
    const delivered = deliver(encodeAuthContext(identity, { maxBytes: 4096 }));

    // Act
    const forged = caught(AuthContextError, () =>
      decodeAuthContext({ ...delivered, userId: 'https://other.example/#user-1' }),
    );
    const { userId: _omitted, ...older } = delivered;
    const derived = decodeAuthContext(older);

    // Assess
    expect(forged.message).toContain('userId does not match');
    expect(derived.userId).toBe(identity.userId);
  });
});
