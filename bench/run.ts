// `npm run bench`: the shipped authorizer (sls package's artifact) against a node:crypto floor, aws-jwt-verify (the
// peer) and the common jsonwebtoken+jwks-rsa pattern, warm, cached, cold, bundle size, each library's share of the
// cold start and middleware overhead, all in one run as ratios to the floor; then the cursor secret's cold read.
import path from 'node:path';
import { authorizedRoutes } from '../shared/route-manifest';
import { startJwksServer } from '../test/helpers/jwks-server';
import { createRsaKey } from '../test/helpers/keys';
import { bundleHandler } from './bundle';
import { measureColdStarts, type ColdStats } from './cold-start';
import { costModel, printCostModel } from './cost-model';
import { measureLoadShares } from './load-shares';
import { measureMiddleware } from './middleware-overhead';
import { presignTokens } from './presign';
import { printCold, printShares, printShipped, printTargets, printWarm, WARMUP_ROUNDS } from './report';
import { measureSecretColdStart, printSecretColdStart } from './secret-cold-start';
import { loadShippedAuthorizer } from './shipped-artifact';
import { measureWarmRows, WARM_OPS, type BenchSetup } from './warm-rows';

const ARN = 'arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/prod/GET/comments';
const AUDIENCE = 'api://bench';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);
const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS ?? 21);
const SHARE_RUNS = Number(process.env.BENCH_SHARE_RUNS ?? 15);
const progress = (message: string) => process.stderr.write(`bench: ${message}\n`);

async function main(): Promise<void> {
  const started = Date.now();
  const key = createRsaKey('bench-key');
  const server = await startJwksServer([key.jwk]);
  try {
    progress('packaging the authorizer (sls package --stage dev) and signing tokens');
    const packaging = loadShippedAuthorizer();
    // One never-seen token per warm operation: 12,000 by default, the verified-token cache holds 1,000.
    const tokens = presignTokens(key, server.issuer, AUDIENCE, (ROUNDS + WARMUP_ROUNDS) * WARM_OPS);
    const shipped = await packaging;
    printShipped(shipped);
    const provider = {
      name: 'bench',
      type: 'oidc',
      issuer: server.issuer,
      audiences: [AUDIENCE],
      jwksUri: server.jwksUri,
    };
    const authConfig = JSON.stringify({ providers: [provider], routes: authorizedRoutes() });
    const ourEnv = { AUTH_CONFIG: authConfig, AUTH_ALLOW_INSECURE_LOOPBACK: 'true' };
    const setup: BenchSetup = { key, server, tokens, shipped, audience: AUDIENCE, methodArn: ARN, ourEnv };

    progress(`warm and cached rows (${ROUNDS} rounds)`);
    const warm = await measureWarmRows(setup, ROUNDS);
    printWarm(warm, ROUNDS);

    progress(`cold starts (${COLD_RUNS} alternating runs of each)`);
    const { cold, bytes } = await coldRows(setup);
    printCold(cold, COLD_RUNS, shipped, bytes);

    progress(`load shares (${SHARE_RUNS} fresh processes each)`);
    const handler = { file: shipped.file, env: { ...lambdaEnv(setup, false), ...ourEnv } };
    printShares(await measureLoadShares(authConfig, SHARE_RUNS, handler), cold, SHARE_RUNS);

    printTargets(warm, cold, shipped.bytes, bytes.peer);
    const oursWarm = warm.find((w) => w.name.startsWith('ours, warm, info'))?.median ?? NaN;
    const oursCold = cold.find((c) => c.name === 'ours, shipped')?.total.median ?? NaN;
    printCostModel(costModel(oursWarm, oursCold), shipped.memorySize);

    await measureMiddleware(ROUNDS);
    // Not the authorizer: what the list function's Secrets Manager read adds to its cold start (finding 6).
    printSecretColdStart(await measureSecretColdStart(COLD_RUNS), COLD_RUNS);
    printSecretColdStart(
      await measureSecretColdStart(COLD_RUNS, true),
      COLD_RUNS,
      'after the DynamoDB client (what the list function adds)',
    );
    console.log(`\nbench: ${((Date.now() - started) / 1000).toFixed(0)} s`);
  } finally {
    await server.close();
  }
}

/** The function's packaged variables (NODE_OPTIONS=--enable-source-maps among them), or without NODE_OPTIONS. */
function lambdaEnv(setup: BenchSetup, withNodeOptions: boolean): Record<string, string | undefined> {
  const { NODE_OPTIONS: nodeOptions, ...rest } = setup.shipped.environment;
  return { PATH: process.env.PATH, ...rest, ...(withNodeOptions && nodeOptions ? { NODE_OPTIONS: nodeOptions } : {}) };
}

// Node alone, the floor, the peer and ours (as shipped, and with the services' source maps), in the function's env.
async function coldRows(setup: BenchSetup): Promise<{ cold: ColdStats[]; bytes: { floor: number; peer: number } }> {
  const bundle = (name: string) => bundleHandler(path.join(__dirname, `${name}-handler.ts`), name);
  const [floor, peer, nodeOnly] = await Promise.all([bundle('floor'), bundle('peer'), bundle('node-only')]);
  const env = lambdaEnv(setup, true);
  const { server, shipped, ourEnv } = setup;
  const provider = JSON.stringify({ issuer: server.issuer, audience: setup.audience, jwksUri: server.jwksUri });
  const ours = { file: shipped.file, exportName: shipped.exportName };
  const cold = await measureColdStarts(
    [
      { name: 'node alone (answers at once)', file: nodeOnly.file, exportName: 'handler', env },
      { name: 'floor', file: floor.file, exportName: 'handler', env: { ...env, FLOOR_CONFIG: provider } },
      { name: 'peer (aws-jwt-verify)', file: peer.file, exportName: 'handler', env: { ...env, PEER_CONFIG: provider } },
      { name: 'ours, shipped', ...ours, env: { ...env, ...ourEnv } },
      // The services' NODE_OPTIONS, which the authorizer's environment turns off: what that choice saves.
      {
        name: 'ours, with --enable-source-maps',
        ...ours,
        env: { ...env, ...ourEnv, NODE_OPTIONS: '--enable-source-maps' },
      },
    ],
    COLD_RUNS,
    { authorizationToken: `Bearer ${setup.tokens.good}`, methodArn: setup.methodArn },
    'user-0',
  );
  return { cold, bytes: { floor: floor.bytes, peer: peer.bytes } };
}

main().catch((err: Error) => {
  console.error(err.stack ?? err.message);
  process.exit(1);
});
