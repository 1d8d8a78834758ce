// `node --import tsx bench/profile.ts`: where the shipped authorizer's time goes at the default log level, warm and
// cached: built-in calls per authorization, calls per source function (V8 precise coverage) and a sampled CPU
// profile, both mapped to the sources through the artifact's own source map. Nothing in authorizer/ is changed.
import { Session } from 'node:inspector/promises';
import { authorizedRoutes } from '../shared/route-manifest';
import { startJwksServer } from '../test/helpers/jwks-server';
import { createRsaKey } from '../test/helpers/keys';
import { countCalls, type Counts } from './call-counters';
import { presignTokens, tokenStream } from './presign';
import { loadShippedAuthorizer } from './shipped-artifact';
import { areaOf, loadArtifactSources, type ArtifactSources } from './source-attribution';
import { sinkStdout } from './stdout-sink';
import { loadShipped, type Authorize } from './subjects';

const ARN = 'arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/prod/GET/comments';
const AUDIENCE = 'api://bench';
const WARM_OPS = Number(process.env.PROFILE_WARM_OPS ?? 3000);
const CACHED_OPS = Number(process.env.PROFILE_CACHED_OPS ?? 20000);
const LOG_LEVEL = process.env.PROFILE_LOG_LEVEL;

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}
interface FunctionCoverage {
  functionName: string;
  ranges: Array<{ startOffset: number; count: number }>;
}

async function main(): Promise<void> {
  const key = createRsaKey('bench-key');
  const server = await startJwksServer([key.jwk]);
  const session = new Session();
  session.connect();
  const sink = sinkStdout();
  try {
    const shipped = await loadShippedAuthorizer();
    const sources = loadArtifactSources(shipped.file);
    const tokens = presignTokens(key, server.issuer, AUDIENCE, 3 * WARM_OPS + 1000);
    const next = tokenStream(tokens.fresh);
    const env = {
      AUTH_CONFIG: JSON.stringify({
        providers: [
          { name: 'bench', type: 'oidc', issuer: server.issuer, audiences: [AUDIENCE], jwksUri: server.jwksUri },
        ],
        routes: authorizedRoutes(),
      }),
      AUTH_ALLOW_INSECURE_LOOPBACK: 'true',
      // The shipped level unless PROFILE_LOG_LEVEL says otherwise (warn: the same profile with logging off).
      ...(LOG_LEVEL ? { LOG_LEVEL } : {}),
    };
    const event = (t: string) => ({ type: 'TOKEN' as const, authorizationToken: `Bearer ${t}`, methodArn: ARN });
    const loop = (ours: Authorize, ops: number, token: () => string) => async () => {
      for (let i = 0; i < ops; i++) await ours(event(token()));
    };
    const cases = (ours: Authorize) => ({
      warm: { ops: WARM_OPS, run: loop(ours, WARM_OPS, next) },
      cached: { ops: CACHED_OPS, run: loop(ours, CACHED_OPS, () => tokens.good) },
    });

    // Counting: precise coverage must be on before the bundle compiles, or early functions go uncounted.
    await session.post('Profiler.enable');
    await session.post('Profiler.startPreciseCoverage', { callCount: true, detailed: false });
    const counted = await loadShipped(shipped, env);
    await loop(counted, 1000, () => tokens.good)();
    await loop(counted, 200, next)();
    const calls: Record<string, { builtins: Counts; functions: Map<string, number>; ops: number }> = {};
    for (const [name, c] of Object.entries(cases(counted))) {
      await session.post('Profiler.takePreciseCoverage');
      const builtins = await countCalls(c.run);
      const coverage = (await session.post('Profiler.takePreciseCoverage')) as {
        result: Array<{ url: string; functions: FunctionCoverage[] }>;
      };
      calls[name] = { builtins, functions: functionCounts(coverage.result, shipped.file, sources), ops: c.ops };
    }
    await session.post('Profiler.stopPreciseCoverage');

    // Timing: a fresh instance without coverage, sampled every 50 µs.
    const timed = await loadShipped(shipped, env);
    await loop(timed, 2000, () => tokens.good)();
    await loop(timed, 500, next)();
    await session.post('Profiler.setSamplingInterval', { interval: 50 });
    const profiles: Record<string, CpuProfile> = {};
    for (const [name, c] of Object.entries(cases(timed))) {
      await session.post('Profiler.start');
      await c.run();
      profiles[name] = ((await session.post('Profiler.stop')) as { profile: CpuProfile }).profile;
    }
    sink.restore();
    for (const name of Object.keys(calls)) {
      const { builtins, functions, ops } = calls[name] as {
        builtins: Counts;
        functions: Map<string, number>;
        ops: number;
      };
      printCalls(name, builtins, functions, ops);
      printProfile(name, profiles[name] as CpuProfile, shipped.file, sources, ops);
    }
  } finally {
    sink.restore();
    session.disconnect();
    await server.close();
  }
}

function functionCounts(
  scripts: Array<{ url: string; functions: FunctionCoverage[] }>,
  file: string,
  sources: ArtifactSources,
): Map<string, number> {
  const counts = new Map<string, number>();
  for (const script of scripts.filter((s) => s.url.endsWith(file))) {
    for (const fn of script.functions) {
      const range = fn.ranges[0];
      if (!range || range.count === 0 || range.startOffset === 0) continue;
      const spot = sources.atOffset(range.startOffset);
      const label = `${spot.file}:${spot.line}  ${spot.text}`;
      counts.set(label, (counts.get(label) ?? 0) + range.count);
    }
  }
  return counts;
}

function printCalls(name: string, builtins: Counts, functions: Map<string, number>, ops: number): void {
  console.log(`\n== ${name}: calls per authorization (${ops} authorizations, LOG_LEVEL=${LOG_LEVEL ?? 'as shipped'})`);
  for (const [label, n] of Object.entries(builtins).sort((a, b) => b[1] - a[1]))
    console.log(`${(n / ops).toFixed(2).padStart(8)}  ${label}`);
  console.log('-- source functions (V8 precise coverage, mapped through handler.js.map), ≥ 0.01 per authorization:');
  for (const [label, n] of [...functions.entries()].sort((a, b) => b[1] - a[1]).filter(([, n]) => n / ops >= 0.01))
    console.log(`${(n / ops).toFixed(2).padStart(8)}  ${label}`);
}

// Each sample goes to the innermost frame in the artifact (built-ins it calls included); GC and the bench loop aside.
function printProfile(name: string, profile: CpuProfile, file: string, sources: ArtifactSources, ops: number): void {
  const parent = new Map<number, ProfileNode>();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n);
  const byArea = new Map<string, number>();
  const bySpot = new Map<string, number>();
  const byLeaf = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const micros = profile.timeDeltas[i + 1] ?? profile.timeDeltas[i] ?? 0;
    total += micros;
    const leaf = byId.get(id);
    let node = leaf;
    while (node && !node.callFrame.url.endsWith(file)) node = parent.get(node.id);
    const add = (map: Map<string, number>, k: string) => map.set(k, (map.get(k) ?? 0) + micros);
    if (!node) return add(byArea, `outside the artifact: ${leaf?.callFrame.functionName || '(anonymous)'}`);
    const spot = sources.at(node.callFrame.lineNumber, node.callFrame.columnNumber);
    const area = areaOf(spot.file);
    add(byArea, area);
    add(bySpot, `${spot.file}:${spot.line}  ${spot.text}`);
    if (leaf && leaf !== node) add(byLeaf, `${leaf.callFrame.functionName || '(anonymous)'} ← ${area}`);
  });
  const perOp = (micros: number) =>
    `${(micros / ops).toFixed(2).padStart(7)} µs ${((100 * micros) / total).toFixed(1).padStart(5)} %`;
  const top = (map: Map<string, number>, count: number) =>
    [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, count);
  console.log(
    `-- sampled CPU profile (50 µs), ${(total / ops).toFixed(2)} µs per authorization under the profiler; by area:`,
  );
  for (const [area, micros] of top(byArea, 14)) console.log(`${perOp(micros)}  ${area}`);
  console.log('-- by source function (self, with the built-ins it calls):');
  for (const [spot, micros] of top(bySpot, 16)) console.log(`${perOp(micros)}  ${spot}`);
  console.log('-- built-ins and node internals, by the area calling them:');
  for (const [leaf, micros] of top(byLeaf, 10)) console.log(`${perOp(micros)}  ${leaf}`);
}

main().catch((err: Error) => {
  console.error(err.stack ?? err.message);
  process.exit(1);
});
