// The in-process subjects of the warm and cached rows: the shipped artifact (at two log levels), the floor, the peer.
import type { ShippedAuthorizer } from './shipped-artifact';

export type TokenEvent = { type: 'TOKEN'; authorizationToken: string; methodArn: string };
export type Authorize = (event: TokenEvent) => Promise<{ principalId: string; policyDocument?: unknown }>;

/**
 * A fresh instance of the unpacked handler module, loaded as Lambda loads it: its module scope reads the
 * environment once (the shipped function variables, then `overrides`), builds config, verifiers and logger, and
 * starts the JWKS prewarm, which is awaited here (ours exports whenWarm() for that).
 */
export async function loadShipped(
  shipped: ShippedAuthorizer,
  overrides: Record<string, string | undefined>,
): Promise<Authorize> {
  const saved = { ...process.env };
  const env = { ...shipped.environment, ...overrides };
  // NODE_OPTIONS is read by node at process start only; in this process it would change nothing.
  delete env.NODE_OPTIONS;
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  try {
    delete require.cache[require.resolve(shipped.file)];
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loading the built artifact, as Lambda does
    const mod = require(shipped.file) as Record<string, unknown> & { whenWarm?: () => Promise<void> };
    const handler = mod[shipped.exportName];
    if (typeof handler !== 'function') throw new Error(`${shipped.file} exports no function ${shipped.exportName}`);
    await mod.whenWarm?.();
    return handler as Authorize;
  } finally {
    for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
    Object.assign(process.env, saved);
  }
}

/** Accepts the good token as user-0 with a policy document, and refuses the tampered one with exactly Unauthorized. */
export async function validate(
  name: string,
  run: (token: string) => unknown,
  good: string,
  tampered: string,
): Promise<void> {
  const allowed = (await run(good)) as { principalId?: string; policyDocument?: { Statement?: unknown[] } };
  if (allowed.principalId !== 'user-0') throw new Error(`${name} did not accept a good token`);
  if (!Array.isArray(allowed.policyDocument?.Statement)) throw new Error(`${name} answered no policy document`);
  const refused = await Promise.resolve()
    .then(() => run(tampered))
    .then(
      () => false,
      (err: Error) => err.message === 'Unauthorized' || err.name === 'JsonWebTokenError',
    );
  if (!refused) throw new Error(`${name} did not reject a tampered token`);
}
