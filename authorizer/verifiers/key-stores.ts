// One key store per distinct key source: tenants (or providers) that share a JWKS URI share its keys and fetches.
import { createKeyLoader, nameKeySource, type KeySource } from '../keys/key-source';
import { KeyStore } from '../keys/key-store';
import type { VerifierDeps, VerifySettings } from './verifier';

/** The store of a key source, created on first request; the same source always gets the same store. */
export type KeyStoreFor = (source: KeySource) => KeyStore;

/**
 * Keys of one source: only a configured JWKS URI or a configured issuer's discovery, never a URL a token names.
 * Sharing by source keeps single flight and the cool-down per URL: Entra ID's common keys endpoint, shared by every
 * listed tenant, is fetched once per cool-down, not once per tenant. Sources that differ never share keys.
 */
export function createKeyStores(settings: VerifySettings, deps: VerifierDeps): KeyStoreFor {
  const stores = new Map<string, KeyStore>();
  return (source) => {
    // The kind is part of the identity: a JWKS URI and a discovery issuer that happen to be one string load differently.
    const id = `${'jwksUri' in source ? 'jwks' : 'discovery'} ${nameKeySource(source)}`;
    let store = stores.get(id);
    if (!store) {
      store = new KeyStore({
        source: nameKeySource(source),
        load: createKeyLoader(source, deps.fetchJson, settings.transport),
        ...settings.keys,
        now: deps.now,
        ...(deps.onKeysChanged ? { onKeysChanged: deps.onKeysChanged } : {}),
      });
      stores.set(id, store);
    }
    return store;
  };
}
