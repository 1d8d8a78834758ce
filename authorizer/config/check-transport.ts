// Applies the transport policy to every key-source URL of a parsed AUTH_CONFIG: loopback http only by explicit opt-in.
import { ConfigError } from '../errors';
import { urlKeysOf } from '../verifiers/registry';
import type { ParsedAuthConfig } from './schema';
import { classifyTransportUrl, INSECURE_LOOPBACK_HINT, type TransportPolicy } from './transport';

/**
 * Throws a ConfigError naming the first key-source URL (issuer, jwksUri) that is plain http to a loopback host,
 * unless the policy opts in. Checked on the document as written, before derivation, so the error names the key the
 * operator typed.
 */
export function checkTransport(providers: ParsedAuthConfig['providers'], policy: TransportPolicy): void {
  if (policy.allowInsecureLoopback) return;
  providers.forEach((provider, i) => {
    // Each kind names its URL keys (an OIDC issuer is the base of its discovery document).
    for (const key of urlKeysOf(provider)) {
      const url: unknown = provider[key as keyof typeof provider];
      if (typeof url === 'string' && classifyTransportUrl(url) === 'loopback_http') {
        throw new ConfigError(`providers[${i}].${key}`, `must be https: ${INSECURE_LOOPBACK_HINT}`);
      }
    }
  });
}
