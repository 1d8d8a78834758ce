// Two trusted OIDC providers issuing the same `sub`: the real authorizer, the real handlers and dynalite keep them apart.
import type { APIGatewayAuthorizerResult } from 'aws-lambda';
import { makeCreateComment } from '../../../../services/comments/create-comment';
import { makeDeleteComment } from '../../../../services/comments/delete-comment';
import { makeGetComment } from '../../../../services/comments/get-comment';
import { createCommentsRepository } from '../../../../services/comments/repository';
import type { CommentsDeps } from '../../../../services/comments/comments-deps';
import { createHarness, type Harness } from '../../../helpers/authorizer-harness';
import { createTestTable, type TestTable } from '../../../helpers/dynamo';
import { bearerEvent } from '../../../helpers/events';
import { jsonRequest, restEvent } from '../../../helpers/http-events';
import { startJwksServer, type JwksServer } from '../../../helpers/jwks-server';
import { createRsaKey, type TestKey } from '../../../helpers/keys';
import { lambdaContext } from '../../../helpers/lambda-context';
import { signToken } from '../../../helpers/tokens';
import { ROUTES } from '../../../helpers/config';

const AUDIENCE = 'api://comments';
const SHARED_SUB = 'user-42';
// The handlers' middleware checks expiresAt against the real clock, the authorizer against the harness's fixed one.
const SIXTY_DAYS = 60 * 86_400;

let idpA: JwksServer;
let idpB: JwksServer;
let keyA: TestKey;
let keyB: TestKey;
let table: TestTable;
let authorizer: Harness;
let deps: CommentsDeps;

beforeAll(async () => {
  keyA = createRsaKey('a-1');
  keyB = createRsaKey('b-1');
  [idpA, idpB] = await Promise.all([startJwksServer([keyA.jwk]), startJwksServer([keyB.jwk])]);
  table = await createTestTable();
  // An IdP migration: both providers trusted at once, each with its own issuer and keys.
  authorizer = createHarness({
    providers: [
      { name: 'old-idp', type: 'oidc', issuer: idpA.issuer, audiences: [AUDIENCE], jwksUri: idpA.jwksUri },
      { name: 'new-idp', type: 'oidc', issuer: idpB.issuer, audiences: [AUDIENCE], jwksUri: idpB.jwksUri },
    ],
    contextClaims: ['name'],
    routes: ROUTES,
  });
  deps = {
    repository: createCommentsRepository({
      client: table.doc,
      tableName: table.tableName,
      cursorSecret: 'x'.repeat(32),
    }),
    moderatorPermission: 'comments:moderate',
  };
});
afterAll(async () => {
  table.client.destroy();
  await Promise.all([idpA.close(), idpB.close()]);
});

/** What API Gateway hands the backend: principalId plus every context value as a string. */
async function authorize(key: TestKey, issuer: string, name: string): Promise<Record<string, string>> {
  const now = authorizer.clock.nowSeconds();
  const claims = {
    iss: issuer,
    sub: SHARED_SUB,
    aud: AUDIENCE,
    scope: 'comments:read comments:write',
    name,
    iat: now,
    exp: now + SIXTY_DAYS,
  };
  const result = (await authorizer.run(bearerEvent(signToken(key, claims)))) as APIGatewayAuthorizerResult;
  expect(result.principalId).toBe(SHARED_SUB);
  return {
    principalId: result.principalId,
    ...Object.fromEntries(Object.entries(result.context ?? {}).map(([k, v]) => [k, String(v)])),
  };
}

describe('ownership by provider-qualified identity', () => {
  it("a provider-B user whose sub equals a provider-A user's cannot delete A's comment; A can", async () => {
    // Prepare
    const alice = await authorize(keyA, idpA.issuer, 'Alice');
    const mallory = await authorize(keyB, idpB.issuer, 'Mallory');
    const posted = await makeCreateComment(deps)(
      restEvent({ ...jsonRequest({ text: 'mine' }), authorizer: alice }),
      lambdaContext(),
    );
    const { id } = JSON.parse(posted.body) as { id: string };
    const remove = (as: Record<string, string>) =>
      makeDeleteComment(deps)(
        restEvent({
          method: 'DELETE',
          path: `/comments/${id}`,
          resource: '/comments/{id}',
          pathParameters: { id },
          authorizer: as,
        }),
        lambdaContext(),
      );
    const read = (as: Record<string, string>) =>
      makeGetComment(deps)(
        restEvent({
          method: 'GET',
          path: `/comments/${id}`,
          resource: '/comments/{id}',
          pathParameters: { id },
          authorizer: as,
        }),
        lambdaContext(),
      );

    // Act
    const byMallory = await remove(mallory);
    const seenByMallory = JSON.parse((await read(mallory)).body);
    const seenByAlice = JSON.parse((await read(alice)).body);
    const byAlice = await remove(alice);

    // Assess
    expect(alice.userId).toBe(`${idpA.issuer}#${SHARED_SUB}`);
    expect(mallory.userId).toBe(`${idpB.issuer}#${SHARED_SUB}`);
    expect(byMallory.statusCode).toBe(403);
    expect(JSON.parse(byMallory.body)).toMatchObject({ error: 'not_author' });
    expect(seenByMallory).toMatchObject({ id, displayName: 'Alice', mine: false });
    expect(seenByAlice).toMatchObject({ id, mine: true });
    expect(JSON.stringify(seenByMallory)).not.toContain(SHARED_SUB);
    expect(byAlice.statusCode).toBe(204);
  });
});
