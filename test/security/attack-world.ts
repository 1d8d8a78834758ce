// The servers every attack-table test needs: the provider's JWKS and an attacker's, with fresh keys; closed together.
import { startJwksServer, type JwksServer } from '../helpers/jwks-server';
import {
  attackContext,
  attackerJwks,
  createAttackKeys,
  providerJwks,
  type AttackContext,
  type AttackKeys,
} from './attack-cases';

export interface AttackWorld {
  keys: AttackKeys;
  provider: JwksServer;
  /** Serves the attacker's keys at the jku/x5u URLs the tokens name; its hit count must stay 0. */
  attacker: JwksServer;
  context(nowSeconds: number): AttackContext;
  close(): Promise<void>;
}

export async function startAttackWorld(): Promise<AttackWorld> {
  const keys = createAttackKeys();
  const provider = await startJwksServer(providerJwks(keys));
  const attacker = await startJwksServer(attackerJwks(keys)).catch(async (err: unknown) => {
    await provider.close();
    throw err;
  });
  return {
    keys,
    provider,
    attacker,
    context: (nowSeconds) =>
      attackContext({ origin: provider.origin, attackerOrigin: attacker.origin, keys, nowSeconds }),
    close: async () => {
      await Promise.allSettled([provider.close(), attacker.close()]);
    },
  };
}
