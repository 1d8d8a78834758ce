// The bench's tables: warm and cached rows, cold starts, each piece's share of the cold start, and the targets.
import os from 'node:os';
import type { ColdStats } from './cold-start';
import type { LoadShare } from './load-shares';
import { pairedDifference, type CaseStats } from './measure';
import type { ShippedAuthorizer } from './shipped-artifact';

export const WARMUP_ROUNDS = 2;
/** Issue 15's targets: ratios to the floor, same run, shipped artifact, default log level. */
const TARGETS = { warm: 1.25, cached: 0.15, cold: 1.2, bundleKiB: 160 };

const fmt = (n: number, width = 8) => n.toFixed(n < 10 ? 2 : 1).padStart(width);
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const find = <T extends { name: string }>(rows: T[], prefix: string) => rows.find((r) => r.name.startsWith(prefix));

export function printShipped(shipped: ShippedAuthorizer): void {
  const env = Object.entries(shipped.environment)
    .filter(([name]) => name === 'LOG_LEVEL' || name === 'NODE_OPTIONS')
    .map(([name, value]) => `${name}=${value}`)
    .join(' ');
  console.log(
    `Shipped authorizer: sls package --stage dev → authorizer.zip → ${shipped.file} (${shipped.exportName}), ` +
      `${shipped.bytes} bytes = ${kib(shipped.bytes)} minified; memorySize ${shipped.memorySize}; ${env}` +
      (shipped.reused ? ' (package of identical inputs reused)' : ''),
  );
}

export function printWarm(rows: CaseStats[], rounds: number): void {
  const floor = rows[0]?.median ?? NaN;
  console.log(
    `\nWarm path, µs per authorization (median of ${rounds} interleaved rounds after ${WARMUP_ROUNDS} warm-up rounds;` +
      ' warm rows: a never-seen token per call; info rows: the decision line built, written to a no-op sink)',
  );
  console.log(
    `${'case'.padEnd(36)} ${'median'.padStart(8)} ${'best'.padStart(8)} ${'worst'.padStart(8)}   ratio to floor`,
  );
  for (const r of rows)
    console.log(
      `${r.name.padEnd(36)} ${fmt(r.median)} ${fmt(r.best)} ${fmt(r.worst)}   ${(r.median / floor).toFixed(2)}×`,
    );
  const line = (kind: string) => {
    const info = find(rows, `ours, ${kind}, info`);
    const warn = find(rows, `ours, ${kind}, warn`);
    return info && warn ? pairedDifference(info, warn) : NaN;
  };
  console.log(
    `decision line (info − warn, median of the rounds' differences): warm ${line('warm').toFixed(2)} µs, cached ${line('cached').toFixed(2)} µs`,
  );
}

export function printCold(
  rows: ColdStats[],
  runs: number,
  shipped: ShippedAuthorizer,
  bytes: { floor: number; peer: number },
): void {
  const floor = find(rows, 'floor')?.total.median ?? NaN;
  console.log(
    `\nCold start: load the module, fetch the JWKS from 127.0.0.1, first authorization (ms since process start;` +
      ` median of ${runs} alternating fresh processes, the shipped function environment)`,
  );
  console.log(
    `${'subject'.padEnd(36)} ${'loaded'.padStart(8)} ${'answered'.padStart(8)} ${'best'.padStart(8)} ${'worst'.padStart(8)}   ratio   bundle`,
  );
  const size: Record<string, number> = { floor: bytes.floor, peer: bytes.peer, ours: shipped.bytes };
  for (const r of rows) {
    const bundle = size[r.name.split(/[ ,]/)[0] ?? ''];
    console.log(
      `${r.name.padEnd(36)} ${fmt(r.loaded.median)} ${fmt(r.total.median)} ${fmt(r.total.best)} ${fmt(r.total.worst)}   ${(r.total.median / floor).toFixed(2)}×   ${bundle ? kib(bundle) : ''}`,
    );
  }
}

export function printShares(
  shares: { pieces: LoadShare[]; handler: CaseStats },
  cold: ColdStats[],
  runs: number,
): void {
  console.log(
    `\nOurs's cold start by piece (ms; median of ${runs} fresh processes; each piece bundled alone with the shipped` +
      ' esbuild settings, no source maps)',
  );
  console.log(`${'piece'.padEnd(52)} ${'bytes'.padStart(9)} ${'require'.padStart(8)} ${'first use'.padStart(10)}`);
  const [empty, ...libraries] = shares.pieces;
  const base = empty?.load.median ?? 0;
  for (const p of shares.pieces) {
    console.log(
      `${p.name.padEnd(52)} ${String(p.bytes).padStart(9)} ${fmt(p.load.median)} ${p.work ? fmt(p.work.median, 10) : ''}`,
    );
  }
  const pieces = libraries.reduce((sum, p) => sum + (p.load.median - base) + (p.work?.median ?? 0), 0);
  const handler = shares.handler.median;
  console.log(`${'ours, shipped handler.js: all of init (require)'.padEnd(52)} ${''.padStart(9)} ${fmt(handler)}`);
  console.log(
    `${'  the rest of init (handler − pieces above net of the empty module)'.padEnd(70)} ${fmt(handler - base - pieces)}`,
  );
  const ours = find(cold, 'ours, shipped');
  const mapped = find(cold, 'ours, with --enable');
  const node = find(cold, 'node alone');
  if (ours && mapped && node) {
    console.log(`${'  node start-up (process start → empty handler answered)'.padEnd(70)} ${fmt(node.total.median)}`);
    console.log(
      `${'  first authorization (answered − loaded, JWKS fetch awaited)'.padEnd(70)} ${fmt(ours.total.median - ours.loaded.median)}`,
    );
    console.log(
      `${'  --enable-source-maps, turned off for the authorizer (answered, with − shipped)'.padEnd(70)} ${fmt(mapped.total.median - ours.total.median)}`,
    );
  }
}

export function printTargets(warm: CaseStats[], cold: ColdStats[], bytes: number, peerBytes: number): void {
  const floor = warm[0]?.median ?? NaN;
  const ratio = (name: string) => (find(warm, name)?.median ?? NaN) / floor;
  const coldFloor = find(cold, 'floor')?.total.median ?? NaN;
  const coldRatio = (name: string) => (find(cold, name)?.total.median ?? NaN) / coldFloor;
  const cpu = os.cpus();
  console.log(
    `\nTargets (ratios to the floor, same run, shipped artifact, LOG_LEVEL=info; ${cpu.length} × ${cpu[0]?.model ?? 'cpu'}, node ${process.version})`,
  );
  console.log(
    `${'metric'.padEnd(28)} ${'ours'.padStart(10)} ${'target'.padStart(12)}   ${'status'.padEnd(7)} peer / at warn`,
  );
  const row = (label: string, value: number, limit: number, unit: string, extra: string) =>
    console.log(
      `${label.padEnd(28)} ${`${value.toFixed(2)}${unit}`.padStart(10)} ${`≤ ${limit}${unit}`.padStart(12)}   ${(value <= limit ? 'met' : 'MISSED').padEnd(7)} ${extra}`,
    );
  row(
    'warm, never-seen tokens',
    ratio('ours, warm, info'),
    TARGETS.warm,
    '×',
    `peer ${ratio('peer').toFixed(2)}×, ours at warn ${ratio('ours, warm, warn').toFixed(2)}×`,
  );
  row(
    'cached, same token',
    ratio('ours, cached, info'),
    TARGETS.cached,
    '×',
    `ours at warn ${ratio('ours, cached, warn').toFixed(2)}×`,
  );
  row(
    'cold start',
    coldRatio('ours, shipped'),
    TARGETS.cold,
    '×',
    `peer ${coldRatio('peer').toFixed(2)}×, ours with source maps ${coldRatio('ours, with --enable').toFixed(2)}×`,
  );
  row('shipped bundle, minified', bytes / 1024, TARGETS.bundleKiB, ' KiB', `peer ${kib(peerBytes)}`);
}
