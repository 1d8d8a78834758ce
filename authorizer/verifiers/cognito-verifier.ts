// Verifier for Cognito user pools: token_use and client_id (access) or aud (id), groups mapped to permissions.
import type { CognitoProvider } from '../config/load-config';
import { TokenRejectedError } from '../errors';
import type { DecodedToken, JwtPayload } from '../jwt/decode-token';
import { andThen, type MaybePromise } from '../maybe-promise';
import { createJwksLoader } from '../keys/jwks-loader';
import { extractPermissions, type PermissionSources } from '../permissions';
import { audienceMatches } from './check-claims';
import { createCommonChecks } from './verify-common';
import type { TokenVerifier, VerifiedToken, VerifierDeps, VerifierSettings } from './verifier';

export function createCognitoVerifier(
  provider: CognitoProvider,
  settings: VerifierSettings,
  deps: VerifierDeps,
): TokenVerifier {
  const common = createCommonChecks(
    {
      issuer: provider.issuer,
      algorithms: provider.algorithms,
      source: provider.jwksUri,
      load: createJwksLoader(provider.jwksUri, deps.fetchJson),
    },
    settings,
    deps,
  );
  const clientIds = new Set(provider.clientIds);
  const sources: PermissionSources = {
    claims: provider.permissionClaims,
    groups: new Map(Object.entries(provider.groupPermissions)),
  };

  function verify(token: DecodedToken): MaybePromise<VerifiedToken> {
    return andThen(common.verify(token), ({ payload, subject }) => finish(payload, subject));
  }

  function finish(payload: JwtPayload, subject: string): VerifiedToken {
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
      // Whole seconds: RFC 7519 allows a fractional NumericDate, the context carries integers.
      expiresAt: Math.floor(payload.exp as number),
      permissions: extractPermissions(payload, sources),
      payload,
    };
  }

  return { name: provider.name, issuer: provider.issuer, verify, warm: common.warm };
}
