// Each library's share of ours's cold start: every piece bundled alone as it ships, required in fresh processes.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { bundleSource } from './bundle';
import { stats, type CaseStats } from './measure';

const SILENT_STDOUT = path.join(__dirname, 'silent-stdout.cjs');

export interface LoadShare {
  name: string;
  /** Minified bytes of the piece bundled alone. */
  bytes: number;
  /** ms of `require` (compile and run the module's top level, with the node built-ins it pulls in). */
  load: CaseStats;
  /** ms of the piece's own first-use work after loading (config parse, route compilation), if any. */
  work?: CaseStats;
}

interface Piece {
  name: string;
  source: string;
  /** Run in the child after the require, timed: `m` is the module. */
  work?: string;
}

/**
 * Pieces are bundled with the shipped esbuild settings (bench/bundle.ts: minified, jose shimmed), not loaded from
 * node_modules, so each costs what its part of the shipped bundle costs. Each piece loads in its own process:
 * built-ins they share (crypto, http, https, util, stream) count in each of them, so the pieces can add up to
 * more than ours's load; "the rest" of the table is ours's load minus the pieces.
 */
function pieces(authConfig: string): Piece[] {
  const config = JSON.stringify(authConfig);
  return [
    { name: 'empty module (the require itself)', source: 'export const empty = true;' },
    {
      name: 'jsonwebtoken/verify (+ jws, jwa, ms, semver shim)',
      source: "export { default as verify } from 'jsonwebtoken/verify';",
    },
    { name: 'jwks-rsa (+ jose, debug, lru-memoizer, limiter shims)', source: "export * from 'jwks-rsa';" },
    {
      name: 'zod/mini + AUTH_CONFIG schema (provider kinds)',
      source: "export { authConfigSchema } from './authorizer/config/schema';",
      work: `m.authConfigSchema.parse(JSON.parse(${config}))`,
    },
    {
      name: 'policy (authorizer/policy), compiling the routes',
      source:
        "export { createPolicyBuilder } from './authorizer/policy/build-policy';\nexport { authorizedRoutes } from './shared/route-manifest';",
      work: 'm.createPolicyBuilder(m.authorizedRoutes())',
    },
  ];
}

/** The pieces and the shipped handler (`handler.env`: its environment without NODE_OPTIONS), interleaved run by run. */
export async function measureLoadShares(
  authConfig: string,
  runs: number,
  handler: { file: string; env: NodeJS.ProcessEnv },
): Promise<{ pieces: LoadShare[]; handler: CaseStats }> {
  const list = pieces(authConfig);
  const bundles = await Promise.all(list.map((p, i) => bundleSource(p.source, `piece-${i}`)));
  const loads = list.map(() => [] as number[]);
  const works = list.map(() => [] as number[]);
  const handlerLoads: number[] = [];
  const bare = { PATH: process.env.PATH };
  for (let r = 0; r < runs; r++) {
    for (const [i, piece] of list.entries()) {
      const sample = await probe(bundles[i]?.file as string, piece.work, bare);
      loads[i]?.push(sample.load);
      if (sample.work !== undefined) works[i]?.push(sample.work);
    }
    handlerLoads.push((await probe(handler.file, undefined, handler.env)).load);
  }
  return {
    pieces: list.map((piece, i) => ({
      name: piece.name,
      bytes: bundles[i]?.bytes ?? 0,
      load: stats(piece.name, loads[i] ?? []),
      ...(piece.work ? { work: stats(piece.name, works[i] ?? []) } : {}),
    })),
    handler: stats('ours, shipped handler.js', handlerLoads),
  };
}

// Exits right after measuring: the handler's prewarm fetch (started at load) is not part of the load.
function probe(
  file: string,
  work: string | undefined,
  env: NodeJS.ProcessEnv,
): Promise<{ load: number; work?: number }> {
  const script = `const t0=performance.now();const m=require(${JSON.stringify(file)});const t1=performance.now();
${work ? `${work};` : ''}const t2=performance.now();
process.stderr.write(JSON.stringify({load:t1-t0${work ? ',work:t2-t1' : ''}})+'\\n');process.exit(0)`;
  return new Promise((resolve, reject) =>
    // No NODE_OPTIONS: the pieces carry no source maps; what --enable-source-maps adds is its own cold-start row.
    execFile(process.execPath, ['--require', SILENT_STDOUT, '-e', script], { env }, (err, _out, errText) => {
      const line = errText.trim().split('\n').at(-1) ?? '';
      if (err || !line.startsWith('{')) reject(new Error(`load probe failed: ${err?.message ?? ''} ${errText}`));
      else resolve(JSON.parse(line) as { load: number; work?: number });
    }),
  );
}
