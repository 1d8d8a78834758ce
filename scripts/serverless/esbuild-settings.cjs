// How every function is bundled: serverless-esbuild's block in serverless.yml, and the same esbuild options for the
// bench and the tests that must measure or load exactly what ships.
'use strict';

const path = require('node:path');
const BUNDLE_ALIASES = require('../../authorizer/bundle-aliases.cjs');

const ROOT = path.resolve(__dirname, '..', '..');

/** The esbuild options that decide the shipped code (serverless-esbuild passes these through to esbuild). */
const SHIPPED = {
  bundle: true,
  minify: true,
  target: 'node22',
  platform: 'node',
  // The Lambda runtime provides the AWS SDK v3; bundling it would only add cold-start weight.
  external: ['@aws-sdk/*'],
  // Small shims for what jsonwebtoken and jwks-rsa load but the authorizer never uses (jose, semver, debug,
  // lru-memoizer, limiter): authorizer/bundle-aliases.cjs, the one list jest reads too.
  alias: BUNDLE_ALIASES,
};

/** serverless.yml's `custom.esbuild`: the shipped options plus how serverless-esbuild works locally. */
function serverlessEsbuild() {
  const { external, ...rest } = SHIPPED;
  return {
    ...rest,
    // serverless-esbuild's name for esbuild's `external`.
    exclude: external,
    sourcemap: 'linked',
    // Its scratch folder: the local gateway packages the template while serverless-offline runs, each in its own.
    outputWorkFolder: process.env.ESBUILD_WORK_FOLDER || '.esbuild',
    // serverless-offline rebuilds when a watched file changes. Only the sources: the default watches every .js and
    // .ts below the service and ignores only ".esbuild", so another runtime's or a packaging run's scratch folder
    // set off rebuilds mid-request (hung or failed invocations while the local gateway packaged its template).
    watch: {
      pattern: ['authorizer/**/*.ts', 'services/**/*.ts', 'shared/**/*.ts'],
      ignore: ['.esbuild*', 'node_modules', '.serverless', '.gateway-cache'],
    },
  };
}

/** The same options for esbuild's own API (CommonJS output, aliases as absolute paths), for the bench and tests. */
function shippedBuildOptions() {
  const alias = Object.fromEntries(Object.entries(SHIPPED.alias).map(([name, shim]) => [name, path.join(ROOT, shim)]));
  return { ...SHIPPED, format: 'cjs', alias };
}

module.exports = { serverlessEsbuild, shippedBuildOptions };
