// The one interface every provider kind implements, and what a successful verification yields.
import type { JwksSettings } from '../config/schema';
import type { TransportPolicy } from '../config/transport';
import type { DecodedToken, JwtPayload } from '../jwt/decode-token';
import type { FetchJson } from '../keys/fetch-json';
import type { MaybePromise } from '../maybe-promise';

export interface VerifiedToken {
  provider: string;
  issuer: string;
  subject: string;
  clientId?: string;
  tokenUse?: string;
  /** `exp`, in epoch seconds. */
  expiresAt: number;
  permissions: ReadonlySet<string>;
  payload: JwtPayload;
}

export interface TokenVerifier {
  /** The configured provider name (logged and put in the context). */
  readonly name: string;
  /** The exact issuer string this verifier accepts. */
  readonly issuer: string;
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

export interface VerifierSettings {
  clockToleranceSeconds: number;
  maxTokenAgeSeconds?: number;
  jwks: JwksSettings;
  /** Which discovered key-source URLs may be fetched (AuthConfig.transport). */
  transport: TransportPolicy;
}
