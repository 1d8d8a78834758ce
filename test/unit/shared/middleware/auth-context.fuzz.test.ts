// Fuzz: whatever sits in requestContext.authorizer, the auth-context middleware yields a typed identity, 401 or 403; never 500.
import fc from 'fast-check';
import type { HttpSettings } from '../../../../shared/http/http-settings';
import { ok } from '../../../../shared/http/responses';
import { withHttp } from '../../../../shared/http/with-http';
import { captureLogger } from '../../../helpers/capture-logger';
import { restEvent } from '../../../helpers/http-events';
import { lambdaContext } from '../../../helpers/lambda-context';

const settings: HttpSettings = { cors: { origins: [], credentials: false }, maxBodyBytes: 1024 };
const NOW = Date.UTC(2026, 10, 23, 12);

const handler = withHttp(
  { operation: 'fuzz.me', settings, logger: captureLogger(), route: 'GET /comments', now: () => NOW },
  async ({ auth }) => {
    // The handler only ever sees a well-typed identity.
    if (typeof auth.principalId !== 'string' || auth.principalId === '') throw new Error('untyped principal');
    if (!Array.isArray(auth.permissions) || !auth.permissions.every((p) => typeof p === 'string'))
      throw new Error('untyped permissions');
    if (!Number.isSafeInteger(auth.expiresAt)) throw new Error('untyped expiry');
    return ok({ principalId: auth.principalId });
  },
);

const valid = {
  principalId: 'user-1',
  provider: 'pool',
  issuer: 'https://issuer.example',
  permissions: 'comments:read',
  expiresAt: '4102444800',
};

// Near-valid contexts: each key mostly kept, sometimes dropped or replaced by anything at all, plus stray keys.
const mostly = <T>(value: T, ...others: Array<fc.Arbitrary<unknown>>) =>
  fc.oneof({ weight: 6, arbitrary: fc.constant(value) }, fc.constant(undefined), fc.anything(), ...others);
const nearValid = fc
  .record({
    principalId: mostly(valid.principalId, fc.string()),
    provider: mostly(valid.provider),
    issuer: mostly(valid.issuer),
    permissions: mostly(valid.permissions, fc.string(), fc.constant('comments:readx Comments:Read *')),
    expiresAt: mostly(valid.expiresAt, fc.string(), fc.integer(), fc.constant('1')),
    clientId: mostly(undefined, fc.string()),
    tokenUse: mostly(undefined, fc.string()),
  })
  .chain((core) => fc.dictionary(fc.string(), fc.anything(), { maxKeys: 3 }).map((extra) => ({ ...extra, ...core })));

describe('auth-context middleware (fuzz)', () => {
  it('answers 200, 401 or 403 for any authorizer shape, never 500', async () => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(fc.oneof(nearValid, fc.anything()), async (authorizer) => {
        const event = restEvent();
        (event.requestContext as { authorizer?: unknown }).authorizer = authorizer;
        const response = await handler(event, lambdaContext());
        statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
        expect([200, 401, 403]).toContain(response.statusCode);
        expect(JSON.parse(response.body)).toBeInstanceOf(Object);
      }),
      { numRuns: 2000 },
    );
    // Not vacuous: the generator reaches every outcome.
    expect(statuses.get(200)).toBeGreaterThan(0);
    expect(statuses.get(401)).toBeGreaterThan(0);
    expect(statuses.get(403)).toBeGreaterThan(0);
  });
});
