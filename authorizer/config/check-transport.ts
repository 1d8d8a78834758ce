// Applies the transport policy to every key-source URL of a parsed AUTH_CONFIG: loopback http only by explicit opt-in.
import { ConfigError } from '../errors';
import type { ParsedAuthConfig } from './schema';
import { classifyTransportUrl, INSECURE_LOOPBACK_HINT, type TransportPolicy } from './transport';

/** The keys that name a URL we fetch from (an OIDC issuer is the base of its discovery document). */
const URL_KEYS = ['issuer', 'jwksUri'] as const;

/**
 * Throws a ConfigError naming the first issuer or jwksUri that is plain http to a loopback host, unless the policy
 * opts in. Checked on the document as written, before derivation, so the error names the key the operator typed.
 */
export function checkTransport(providers: ParsedAuthConfig['providers'], policy: TransportPolicy): void {
  if (policy.allowInsecureLoopback) return;
  providers.forEach((provider, i) => {
    for (const key of URL_KEYS) {
      const url = provider[key];
      if (url !== undefined && classifyTransportUrl(url) === 'loopback_http') {
        throw new ConfigError(`providers[${i}].${key}`, `must be https: ${INSECURE_LOOPBACK_HINT}`);
      }
    }
  });
}
