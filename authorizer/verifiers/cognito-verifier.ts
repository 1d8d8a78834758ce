// Verifier for Cognito user pools: token_use and client_id (access) or aud (id), groups mapped to permissions.
import type { CognitoProvider } from '../config/load-config';
import { TokenRejectedError } from '../errors';
import type { DecodedToken } from '../jwt/decode-token';
import { createJwksLoader } from '../keys/jwks-loader';
import { extractPermissions, type PermissionSources } from '../permissions';
import { audienceMatches, checkCommonClaims } from './check-claims';
import { createKeyStoreFor } from './key-store-for';
import type { TokenVerifier, VerifiedToken, VerifierDeps, VerifierSettings } from './verifier';
import { verifySignature } from './verify-signature';

export function createCognitoVerifier(
  provider: CognitoProvider,
  settings: VerifierSettings,
  deps: VerifierDeps,
): TokenVerifier {
  const store = createKeyStoreFor(
    provider.jwksUri,
    createJwksLoader(provider.jwksUri, deps.fetchJson),
    settings.jwks,
    deps.now,
  );
  const algorithms = new Set<string>(provider.algorithms);
  const clientIds = new Set(provider.clientIds);
  const sources: PermissionSources = {
    claims: provider.permissionClaims,
    groups: new Map(Object.entries(provider.groupPermissions)),
  };

  async function verify(token: DecodedToken): Promise<VerifiedToken> {
    const nowSeconds = Math.floor(deps.now() / 1000);
    const check = { ...settings, nowSeconds };
    const payload = await verifySignature(token, { ...check, store, algorithms });
    if (payload.iss !== provider.issuer) throw new TokenRejectedError('issuer');
    const subject = checkCommonClaims(payload, check);
    // Cognito access tokens carry no `aud`: the app client is in `client_id`. ID tokens carry it in `aud`.
    // token_use must match, or an ID token could be replayed where an access token is expected.
    if (payload.token_use !== provider.tokenUse) throw new TokenRejectedError('token_use');
    let clientId: string;
    if (provider.tokenUse === 'access') {
      if (typeof payload.client_id !== 'string' || !clientIds.has(payload.client_id)) {
        throw new TokenRejectedError('client_id');
      }
      clientId = payload.client_id;
    } else {
      if (typeof payload.aud !== 'string' || !audienceMatches(payload.aud, clientIds)) {
        throw new TokenRejectedError('audience');
      }
      clientId = payload.aud;
    }
    return {
      provider: provider.name,
      issuer: provider.issuer,
      subject,
      clientId,
      tokenUse: provider.tokenUse,
      expiresAt: payload.exp as number,
      permissions: extractPermissions(payload, sources),
      payload,
    };
  }

  return { name: provider.name, issuer: provider.issuer, verify, warm: () => store.refresh().then(() => store.failure) };
}
