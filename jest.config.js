// Jest: TypeScript through @swc/jest (type-checking is `npm run typecheck`), tests under test/.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.(t|j|mj)s$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  // Middy and jose are ESM-only: compile them like our own code, leave the rest of node_modules alone.
  transformIgnorePatterns: ['/node_modules/(?!(@middy|jose)/)'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  // The bundle replaces a few modules with shims (authorizer/bundle-aliases.cjs, serverless.yml's esbuild alias);
  // test what ships.
  moduleNameMapper: Object.fromEntries(
    Object.entries(require('./authorizer/bundle-aliases.cjs')).map(([name, shim]) => [
      `^${name}$`,
      `<rootDir>/${shim}`,
    ]),
  ),
  testTimeout: 20000,
  // One in-process dynalite for the whole run; tests reach it through DYNAMODB_TEST_ENDPOINT.
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  setupFiles: ['<rootDir>/test/setup-env.ts'],
  // `npm test` runs with --coverage: the gate covers what ships (scripts, bench and test helpers are tools).
  collectCoverageFrom: ['authorizer/**/*.ts', 'services/**/*.ts', 'shared/**/*.ts'],
  coverageReporters: ['text-summary', 'lcov'],
  // Just under what the suites reach (2026-12: 97.0 % statements, 91.5 % branches, 99.0 % functions, 98.5 % lines).
  coverageThreshold: { global: { statements: 96, branches: 90, functions: 98, lines: 97.5 } },
};
