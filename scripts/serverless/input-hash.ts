// A short hash of the files a packaging run is built from, so its output can be cached until one of them changes.
import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';

/** Hashes `seeds` and then every file below each input (a file or a folder, relative to `root`), by path and bytes. */
export async function hashInputs(root: string, inputs: readonly string[], seeds: readonly string[]): Promise<string> {
  const hash = createHash('sha256');
  for (const seed of seeds) hash.update(seed);
  for (const input of inputs)
    for (const file of await filesOf(path.join(root, input))) hash.update(file).update(await readFile(file));
  return hash.digest('hex').slice(0, 16);
}

async function filesOf(target: string): Promise<string[]> {
  const entries = await readdir(target, { withFileTypes: true }).catch(() => undefined);
  if (!entries) return [target];
  const nested = await Promise.all(entries.map((e) => filesOf(path.join(target, e.name))));
  return nested.flat().sort();
}
