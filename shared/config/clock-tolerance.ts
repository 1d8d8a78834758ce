// The one default for clock skew between an identity provider and us, for the authorizer and the handlers alike.

/**
 * Seconds by which `exp`, `nbf` and `iat` may be off. The authorizer's AUTH_CONFIG `clockToleranceSeconds`
 * defaults to it, and the handlers' auth-context middleware uses the same leeway on `expiresAt`, so a token the
 * authorizer accepts at its last second is not then refused by the handler behind it.
 */
export const DEFAULT_CLOCK_TOLERANCE_SECONDS = 5;
