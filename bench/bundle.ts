// Bundles a module exactly as serverless.yml's serverless-esbuild settings do (minified CJS for node22, no AWS SDK).
import { rmSync } from 'node:fs';
import { mkdtemp, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build, type BuildOptions } from 'esbuild';
import { shippedBuildOptions } from '../scripts/serverless/esbuild-settings.cjs';

const ROOT = path.join(__dirname, '..');
const SHIPPED_OPTIONS: BuildOptions = { ...shippedBuildOptions(), logLevel: 'silent' };

// Bundles are read by child processes until the bench ends: their folders go when this process exits.
const folders: string[] = [];
process.once('exit', () => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

export async function bundleHandler(entry: string, name: string): Promise<{ file: string; bytes: number }> {
  return bundleWith({ entryPoints: [entry] }, name);
}

/** Bundles `contents` (TypeScript, imports resolved from the repository root), e.g. one library alone. */
export async function bundleSource(contents: string, name: string): Promise<{ file: string; bytes: number }> {
  return bundleWith({ stdin: { contents, resolveDir: ROOT, loader: 'ts', sourcefile: `${name}.ts` } }, name);
}

async function bundleWith(input: BuildOptions, name: string): Promise<{ file: string; bytes: number }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'bench-bundle-'));
  folders.push(dir);
  const file = path.join(dir, `${name}.js`);
  await build({ ...SHIPPED_OPTIONS, ...input, outfile: file });
  return { file, bytes: (await stat(file)).size };
}
