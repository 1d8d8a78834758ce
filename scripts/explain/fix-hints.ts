// One line per failure reason telling what to do about it: every rejection reason and every non-ok decision reason.
import type { DecisionReason } from '../../authorizer/decision-log';

/** Every decision reason but `ok`; a Record, so a reason added to the closed lists does not compile without its hint. */
export type FailureReason = Exclude<DecisionReason, 'ok'>;

export const FIX_HINTS: Readonly<Record<FailureReason, string>> = {
  missing: 'no token: send the header "Authorization: Bearer <jwt>" (here: --token <jwt>, or the token on stdin)',
  malformed: 'not a compact JWS (three base64url segments): copy the whole token, without quotes or line breaks',
  too_large: 'over 8 KB: send the access token, and trim the groups or claims the provider puts in it',
  unknown_issuer:
    "iss is no configured provider's issuer: add the provider to AUTH_CONFIG (the exact iss, trailing slash included)",
  unsupported_alg: "alg is not in the provider's algorithms (default RS256): list it there if the provider signs so",
  crit_unsupported: 'the header lists crit extensions, which this authorizer does not implement: ask the issuer not to',
  unknown_kid:
    "kid is not in the provider's JWKS: the token is from another pool or environment, or its key was rotated out; get a fresh token",
  alg_mismatch: 'the key named by kid is for another algorithm or key type: the token was not signed by that key',
  bad_signature: 'the signature does not verify: the token was altered, or signed by another key under the same kid',
  expired: 'exp is past: get a fresh token (sign in again or use the refresh token)',
  not_yet_valid: "nbf is ahead: the issuer's clock or this machine's is wrong",
  issued_in_future: "iat is ahead by more than clockToleranceSeconds: the issuer's clock or this machine's is wrong",
  too_old: 'issued longer ago than maxTokenAgeSeconds: get a fresh token',
  missing_exp: 'no exp: this authorizer refuses tokens that never expire; have the provider issue expiring tokens',
  invalid_claim: 'exp, nbf or iat is not a valid NumericDate (whole seconds since 1970)',
  issuer: "the signed iss differs from the provider's issuer: the token was re-issued by another provider",
  subject: 'sub is missing, empty or longer than 512 characters: the provider must name the principal',
  audience:
    "aud names none of the provider's audiences (Cognito ID tokens: none of its clientIds): request the token for this API",
  token_use: 'token_use: this is an ID token; send the access token (a provider with tokenUse "id": the reverse)',
  tenant_mismatch:
    "tid names another tenant than iss: the token is inconsistent; get a token from the tenant's own issuer",
  id_token: 'this is an OpenID Connect ID token (at_hash, c_hash or typ "ID"): send the access token',
  client_id: "client_id is none of the provider's clientIds: sign in through a configured app client, or list it",
  context_too_large: 'the identity does not fit contextMaxBytes: raise it, or list fewer contextClaims',
  insufficient_scope:
    "the token lacks the route's permissions: request those scopes, or (Cognito) add the user to a group granting them",
  route_not_configured: 'no configured route matches this request, so every token is denied there',
  jwks_unavailable:
    "the provider's key source is down or unreachable: not the token's fault (the REST API answers 503 with Retry-After, HTTP and WebSocket APIs 500); retry later",
  invalid_event:
    "the authorizer was called with an event of another shape than its handler's (TOKEN: handler, REST REQUEST or $connect: requestHandler, HTTP API 2.0: httpApiHandler), or an HTTP API event whose identitySource lacks the Authorization header: check its wiring",
  internal: 'an unexpected error in the authorizer: a bug; report it with this output',
};

/** The hint for a failure reason. */
export function hintFor(reason: FailureReason): string {
  return FIX_HINTS[reason];
}
