// What a provider kind (Cognito, generic OIDC, ...) supplies; the verification core (verify-core.ts) does the rest.
import type * as z from 'zod/mini';
import type { SchemaParts } from '../config/schema';
import type { JwtHeader, JwtPayload } from '../jwt/decode-token';
import type { KeySource } from '../keys/key-source';
import type { PermissionSources } from '../permissions';

/** What the core needs of every resolved provider, whatever its kind. */
export interface ProviderBase {
  readonly name: string;
  readonly type: string;
  /** Exact, as the provider writes it in `iss` (trailing slash included). */
  readonly issuer: string;
  readonly algorithms: readonly string[];
  /** The listed tenant this provider accepts, on a multi-tenant provider's per-tenant expansion only. */
  readonly tenant?: string;
}

/** A kind's claim checks for one provider, built once at startup. */
export interface KindChecks {
  /** What the context reports as tokenUse; fixed per provider. */
  readonly tokenUse?: string;
  /** Where this provider's permissions come from. */
  readonly permissions: PermissionSources;
  /**
   * The kind's own claim checks, run only after the core has verified the signature, iss, exp, nbf, iat and sub.
   * Returns the client id the token names, if any; throws TokenRejectedError.
   */
  check(header: JwtHeader, payload: JwtPayload): string | undefined;
}

/**
 * One provider kind: one module, listed once in registry.ts. `Parsed` is its AUTH_CONFIG block as the schema
 * outputs it, `Resolved` that block with everything derived (issuer, JWKS URI), as AuthConfig carries it.
 */
export interface ProviderKind<Parsed extends { type: string }, Resolved extends ProviderBase> {
  readonly type: Parsed['type'];
  /** Its AUTH_CONFIG block (a zod strictObject whose output is `Parsed`), built from the parts every kind shares. */
  schema(parts: SchemaParts): z.ZodMiniType<Parsed>;
  /** Keys of its block naming a URL that keys are fetched from (or derived from): loopback http only by opt-in. */
  readonly urlKeys: readonly (keyof Parsed & string)[];
  /** Derives what the block leaves out; a ConfigError names the key as `providers[index].<key>`. */
  resolve(parsed: Parsed, index: number): Resolved;
  /**
   * The providers it is verified as, one per issuer it accepts: a multi-tenant template yields one per listed
   * tenant. Without it, the provider itself. keySource and createChecks only ever see what this returns.
   */
  expand?(provider: Resolved): readonly Resolved[];
  /** Where the provider's keys come from: only configured or discovered URIs, never anything a token names. */
  keySource(provider: Resolved): KeySource;
  createChecks(provider: Resolved): KindChecks;
}
