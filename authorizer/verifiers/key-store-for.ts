// Builds the KeyStore of one provider from the shared JWKS settings.
import type { JwksSettings } from '../config/schema';
import { KeyStore, type KeyLoader } from '../keys/key-store';

export function createKeyStoreFor(source: string, load: KeyLoader, jwks: JwksSettings, now: () => number): KeyStore {
  return new KeyStore({
    source,
    load,
    cooldownMs: jwks.cooldownSeconds * 1000,
    maxAgeMs: jwks.maxAgeSeconds * 1000,
    now,
  });
}
