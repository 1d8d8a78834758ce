// The verification steps every provider kind shares, bundled once per provider: keys, signature, iss, exp/iat/sub.
import { TokenRejectedError } from '../errors';
import type { DecodedToken, JwtPayload } from '../jwt/decode-token';
import { KeyStore, type KeyLoader } from '../keys/key-store';
import { andThen, type MaybePromise } from '../maybe-promise';
import { checkCommonClaims } from './check-claims';
import type { VerifierDeps, VerifierSettings } from './verifier';
import { verifySignature } from './verify-signature';

export interface CommonChecks {
  /** Runs the shared checks; the caller adds its provider-specific claim checks on the result. */
  verify(token: DecodedToken): MaybePromise<{ payload: JwtPayload; subject: string }>;
  /** Loads keys ahead of the first request; resolves to the failure, if any. */
  warm(): Promise<unknown>;
}

export interface CommonCheckOptions {
  issuer: string;
  algorithms: readonly string[];
  /** Names the key source in errors (JWKS URI or issuer). */
  source: string;
  load: KeyLoader;
}

export function createCommonChecks(options: CommonCheckOptions, settings: VerifierSettings, deps: VerifierDeps): CommonChecks {
  const store = new KeyStore({
    source: options.source,
    load: options.load,
    cooldownMs: settings.jwks.cooldownSeconds * 1000,
    maxAgeMs: settings.jwks.maxAgeSeconds * 1000,
    maxStaleMs: settings.jwks.maxStaleSeconds * 1000,
    now: deps.now,
    ...(deps.onKeysChanged ? { onKeysChanged: deps.onKeysChanged } : {}),
  });
  // Everything but the time is fixed per provider: one small object per call, not several spreads.
  const base = { ...settings, store, algorithms: new Set(options.algorithms) };

  function verify(token: DecodedToken) {
    const check = { ...base, nowSeconds: Math.floor(deps.now() / 1000) };
    return andThen(verifySignature(token, check), (payload) => {
      // Exact string equality, trailing slash included: the provider was chosen by this same unverified value,
      // and now that the signature holds it is checked again as a verified claim.
      if (payload.iss !== options.issuer) throw new TokenRejectedError('issuer');
      return { payload, subject: checkCommonClaims(payload, check) };
    });
  }

  return { verify, warm: () => store.refresh().then(() => store.failure) };
}
