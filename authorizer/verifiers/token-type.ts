// Tells an OIDC ID token from an access token by the markers providers really emit, for `tokenUse` on oidc providers.
import { TokenRejectedError } from '../errors';
import type { JwtHeader, JwtPayload } from '../jwt/decode-token';

export type OidcTokenUse = 'access' | 'id';

/**
 * An ID token is the client's proof of a sign-in, not an API credential: where an audience is also a client id
 * (common with Entra ID and Keycloak) it would otherwise pass as a bearer token. Evident markers only:
 * - `at_hash` / `c_hash` (OpenID Connect Core §3.1.3.6, §3.3.2.11) exist only in ID tokens;
 * - Keycloak writes `typ: "ID"` in its ID tokens' payload (and "Bearer" in access tokens).
 * `nonce` is not used: Keycloak copied it into access tokens (keycloak/keycloak#26893, fixed in 2024), so
 * refusing it would lock out older Keycloak deployments' access tokens.
 */
function isEvidentIdToken(payload: JwtPayload): boolean {
  return payload.at_hash !== undefined || payload.c_hash !== undefined || payload.typ === 'ID';
}

// RFC 9068 §2.1: JWT access tokens carry header typ "at+jwt" (media type application/at+jwt, case-insensitive).
const AT_JWT = /^(application\/)?at\+jwt$/i;

function isEvidentAccessToken(header: JwtHeader, payload: JwtPayload): boolean {
  return (typeof header.typ === 'string' && AT_JWT.test(header.typ)) || payload.typ === 'Bearer';
}

/** Throws unless the verified token is of the kind the provider's `tokenUse` accepts. */
export function checkTokenUse(tokenUse: OidcTokenUse, header: JwtHeader, payload: JwtPayload): void {
  // An evident ID token is refused for access, even under typ at+jwt: RFC 9068 access tokens never carry at_hash.
  if (tokenUse === 'access' && isEvidentIdToken(payload)) throw new TokenRejectedError('id_token');
  // The opt-in for APIs that really take ID tokens, mirroring Cognito's tokenUse: then access tokens are refused.
  if (tokenUse === 'id' && isEvidentAccessToken(header, payload)) throw new TokenRejectedError('token_use');
}
