// Builds one provider's verifier the way the authorizer does, over an in-memory JWKS (and discovery) and a test clock.
import { parseConfig, type AuthConfig } from '../../authorizer/config/load-config';
import type { AuthConfigInput } from '../../authorizer/config/schema';
import { decodeToken } from '../../authorizer/jwt/decode-token';
import { createVerifiers } from '../../authorizer/verifiers/select-verifier';
import { resolveVerifySettings, type TokenVerifier, type VerifiedToken } from '../../authorizer/verifiers/verifier';
import { createClock, type TestClock } from './clock';
import { testConfig } from './config';
import type { TestKey } from './keys';

export type ProviderInput = AuthConfigInput['providers'][number];

/** The JWKS URI an in-memory discovery document names. */
export const DISCOVERED_JWKS_URI = 'https://keys.example.com/discovered/jwks.json';

export interface VerifierHarness {
  verifier: TokenVerifier;
  /** The provider as loadConfig resolved it (issuer and JWKS URI derived). */
  provider: AuthConfig['providers'][number];
  clock: TestClock;
  /** Every URL fetched so far, in order. */
  fetched: string[];
  /** Decodes and verifies a compact token; the result as the verifier gives it (a value, or a promise when fetching). */
  verify(token: string): ReturnType<TokenVerifier['verify']>;
  /** The same, awaited. */
  verified(token: string): Promise<VerifiedToken>;
}

/**
 * Any URL ending in /.well-known/openid-configuration answers a discovery document for the issuer before it,
 * naming DISCOVERED_JWKS_URI; any other URL answers the JWK Set of `keys`.
 */
export function createVerifierHarness(
  provider: ProviderInput,
  keys: readonly TestKey[],
  overrides: Partial<AuthConfigInput> = {},
  clock: TestClock = createClock(),
): VerifierHarness {
  const config = parseConfig(testConfig('https://unused.example.com', { providers: [provider], ...overrides }));
  const fetched: string[] = [];
  const fetchJson = async (url: string): Promise<unknown> => {
    fetched.push(url);
    const discovery = /^(.*)\/\.well-known\/openid-configuration$/.exec(url);
    if (discovery) return { issuer: discovery[1], jwks_uri: DISCOVERED_JWKS_URI };
    return { keys: keys.map((k) => k.jwk) };
  };
  const settings = resolveVerifySettings(config);
  const [verifier] = createVerifiers(config.providers, settings, { now: clock.now, fetchJson }).verifiers;
  if (!verifier || !config.providers[0]) throw new Error('no verifier built');
  const verify = (token: string) => verifier.verify(decodeToken(token));
  return { verifier, provider: config.providers[0], clock, fetched, verify, verified: async (token) => verify(token) };
}
