// The authorizer as Lambda gets it: `sls package --stage dev`, its authorizer.zip unpacked, its handler and environment.
import { mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { hashInputs } from '../scripts/serverless/input-hash';
import { deploymentEnv, runPackage } from '../scripts/serverless/run-package';
import { readZipEntries } from '../test/helpers/zip-entries';

const ROOT = path.resolve(__dirname, '..');
const STAGE = 'dev';
/** Everything the authorizer's artifact is built from; a change to any of them packages again. */
const INPUTS = ['authorizer', 'shared', 'serverless.yml', 'package-lock.json', 'scripts/serverless', 'tsconfig.json'];

export interface ShippedAuthorizer {
  /** The unpacked handler module, e.g. {dir}/authorizer/handler.js (its source map beside it, as in the zip). */
  file: string;
  /** The exported function the template's Handler names. */
  exportName: string;
  /** Minified bytes of the handler module (what Lambda compiles; the .map is read only with source maps on). */
  bytes: number;
  /** The function's environment in the packaged template, minus the values CloudFormation fills in at deploy. */
  environment: Record<string, string>;
  memorySize: number;
  /** True when this run reused a package of identical inputs instead of packaging again. */
  reused: boolean;
}

/**
 * Packages (or reuses the package of identical inputs, kept in the temp folder: packaging bundles every function,
 * about 7 s) and unpacks the authorizer. The hash covers the files the artifact is built from, not the shell
 * environment: deploymentEnv() strips the local variables, and the rest do not reach the bundle.
 */
export async function loadShippedAuthorizer(): Promise<ShippedAuthorizer> {
  const dir = path.join(tmpdir(), `bench-shipped-${await hashInputs(ROOT, INPUTS, [STAGE, process.version])}`);
  const reused = await stat(path.join(dir, 'artifact.json')).then(
    () => true,
    () => false,
  );
  if (!reused) {
    await packageInto(dir);
    await removeOtherPackages(dir);
  }
  const meta = JSON.parse(await readFile(path.join(dir, 'artifact.json'), 'utf8')) as Omit<
    ShippedAuthorizer,
    'bytes' | 'reused'
  >;
  return { ...meta, bytes: (await stat(meta.file)).size, reused };
}

async function packageInto(dir: string): Promise<void> {
  const outDir = `${dir}-package`;
  await rm(outDir, { recursive: true, force: true });
  try {
    const { ok, output } = await runPackage({ stage: STAGE, outDir, env: deploymentEnv() });
    if (!ok) throw new Error(`sls package failed:\n${output}`);
    const template = JSON.parse(await readFile(path.join(outDir, 'cloudformation-template-update-stack.json'), 'utf8'));
    const fn = template.Resources?.AuthorizerLambdaFunction?.Properties;
    if (!fn?.Handler) throw new Error('the packaged template has no AuthorizerLambdaFunction with a Handler');
    const unpacked = path.join(dir, 'code');
    for (const [name, data] of await readZipEntries(path.join(outDir, 'authorizer.zip'))) {
      if (name.endsWith('/')) continue;
      const target = path.join(unpacked, name);
      // Entries come from our own packaging run; still, never write outside the folder.
      if (!target.startsWith(`${unpacked}${path.sep}`)) throw new Error(`zip entry ${name} leaves its folder`);
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, data);
    }
    // Handler "authorizer/handler.handler": module path without extension, then the export.
    const handler = String(fn.Handler);
    const cut = handler.lastIndexOf('.');
    const meta = {
      file: path.join(unpacked, `${handler.slice(0, cut)}.js`),
      exportName: handler.slice(cut + 1),
      environment: literalVariables(fn.Environment?.Variables ?? {}),
      memorySize: Number(fn.MemorySize ?? 128),
    };
    await stat(meta.file);
    await writeFile(path.join(dir, 'artifact.json'), JSON.stringify(meta));
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}

// Packages of older inputs are never read again: keep only the current one in the temp folder.
async function removeOtherPackages(current: string): Promise<void> {
  const stale = (await readdir(tmpdir())).filter((name) => /^bench-shipped-[0-9a-f]{16}$/.test(name));
  for (const name of stale) {
    const dir = path.join(tmpdir(), name);
    if (dir !== current) await rm(dir, { recursive: true, force: true });
  }
}

// AUTH_CONFIG is an Fn::Sub of the deployed pool's ids: the bench supplies its own; plain strings are kept as they ship.
function literalVariables(variables: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(variables).filter((e): e is [string, string] => typeof e[1] === 'string' && e[0] !== 'AUTH_CONFIG'),
  );
}
