// The one interface every provider's verifier implements, what a verification yields, and the settings it runs on.
import type { AuthConfig } from '../config/load-config';
import type { TransportPolicy } from '../config/transport';
import type { DecodedToken, JwtPayload } from '../jwt/decode-token';
import type { FetchJson } from '../keys/fetch-json';
import type { MaybePromise } from '../maybe-promise';

export interface VerifiedToken {
  provider: string;
  issuer: string;
  /** The listed tenant whose issuer this is, for a multi-tenant provider. */
  tenant?: string;
  /** The key that verified the signature. */
  kid: string;
  subject: string;
  clientId?: string;
  tokenUse?: string;
  /** `exp`, in whole epoch seconds. */
  expiresAt: number;
  /** Epoch ms until which this answer may be reused without verifying again (the verified-token cache honours it). */
  reusableUntilMs: number;
  permissions: ReadonlySet<string>;
  payload: JwtPayload;
}

export interface TokenVerifier {
  /** The configured provider name (logged and put in the context). */
  readonly name: string;
  /** The exact issuer string this verifier accepts. */
  readonly issuer: string;
  /** The listed tenant it accepts (one verifier per tenant of a multi-tenant provider). */
  readonly tenant?: string;
  /** Verifies a token whose unverified `iss` equals `issuer`. Throws TokenRejectedError or KeySourceUnavailableError. */
  verify(token: DecodedToken): MaybePromise<VerifiedToken>;
  /** Fetches keys ahead of the first request. Never rejects: resolves to the fetch failure, if any. */
  warm(): Promise<unknown>;
}

/** I/O a verifier needs, injected so tests use a fixed clock and real local servers. */
export interface VerifierDeps {
  /** Milliseconds since the epoch. */
  now: () => number;
  fetchJson: FetchJson;
  /** Told when a key source drops or replaces a key (revocation, rotation). */
  onKeysChanged?: () => void;
}

/** What every verifier runs on, resolved once at startup from AuthConfig; provider kinds never see it. */
export interface VerifySettings {
  /** The authorizer's one reading of clockToleranceSeconds: exp, nbf, iat and the reuse bound all use it. */
  readonly clockToleranceSeconds: number;
  readonly maxTokenAgeSeconds?: number;
  readonly keys: {
    readonly cooldownMs: number;
    readonly maxAgeMs: number;
    readonly maxStaleMs: number;
  };
  /** Which discovered key-source URLs may be fetched (AuthConfig.transport). */
  readonly transport: TransportPolicy;
}

export function resolveVerifySettings(config: AuthConfig): VerifySettings {
  const { jwks } = config;
  return Object.freeze({
    clockToleranceSeconds: config.clockToleranceSeconds,
    ...(config.maxTokenAgeSeconds !== undefined ? { maxTokenAgeSeconds: config.maxTokenAgeSeconds } : {}),
    keys: Object.freeze({
      cooldownMs: jwks.cooldownSeconds * 1000,
      maxAgeMs: jwks.maxAgeSeconds * 1000,
      maxStaleMs: jwks.maxStaleSeconds * 1000,
    }),
    transport: config.transport,
  });
}
