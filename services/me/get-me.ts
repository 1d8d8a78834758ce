// GET /me: the caller's identity as the authorizer decided it; a debugging aid when swapping identity providers.
import { ok } from '../../shared/http/responses';
import { withHttp, type LambdaHttpHandler } from '../../shared/http/with-http';

export function makeGetMe(): LambdaHttpHandler {
  return withHttp({ operation: 'me.get', route: 'GET /me' }, async ({ auth }) =>
    ok({
      principalId: auth.principalId,
      userId: auth.userId,
      provider: auth.provider,
      issuer: auth.issuer,
      clientId: auth.clientId ?? null,
      tokenUse: auth.tokenUse ?? null,
      permissions: auth.permissions,
      expiresAt: new Date(auth.expiresAt * 1000).toISOString(),
      claims: auth.claims,
    }),
  );
}

export const handler = makeGetMe();
