// Jest for `npm run test:browser`: the playground in Debian's chromium. Its files end in .browser.ts, which the main
// config (testMatch **/*.test.ts) never picks up, so `npm test` stays browser-free.
const base = require('../../jest.config.js');

// As the main run's global setup does: the SDK's "Node 22 after January 2027" notice is known (toolchain notes).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

/** @type {import('jest').Config} */
module.exports = {
  rootDir: '../..',
  testEnvironment: 'node',
  roots: ['<rootDir>/test/browser'],
  testMatch: ['**/*.browser.ts'],
  transform: base.transform,
  transformIgnorePatterns: base.transformIgnorePatterns,
  moduleFileExtensions: base.moduleFileExtensions,
  moduleNameMapper: base.moduleNameMapper,
  setupFiles: base.setupFiles,
  // A cold stack (packaging, bundling) plus a browser start.
  testTimeout: 60_000,
};
