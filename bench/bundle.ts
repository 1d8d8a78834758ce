// Bundles a handler exactly as serverless.yml's serverless-esbuild settings do (minified CJS for node22, no AWS SDK).
import { mkdtemp, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';

export async function bundleHandler(entry: string, name: string): Promise<{ file: string; bytes: number }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'bench-bundle-'));
  const file = path.join(dir, `${name}.js`);
  await build({
    entryPoints: [entry],
    outfile: file,
    bundle: true,
    minify: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    external: ['@aws-sdk/*'],
    alias: { jose: path.join(__dirname, '..', 'authorizer', 'keys', 'jose-node-shim.ts') },
    logLevel: 'silent',
  });
  return { file, bytes: (await stat(file)).size };
}
