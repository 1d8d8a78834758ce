// ESLint: typescript-eslint recommended, dependency direction between the top-level folders, no focused/skipped tests.
import js from '@eslint/js';
import jest from 'eslint-plugin-jest';
import tseslint from 'typescript-eslint';

const noImport = (...folders) => ({
  patterns: folders.map((f) => ({
    group: [`**/${f}`, `**/${f}/**`],
    message: `This folder must not import from ${f}/ (see the dependency direction in README.md).`,
  })),
});

export default tseslint.config(
  {
    ignores: ['node_modules/', 'coverage/', '.serverless/', '.esbuild/', '.esbuild-*/', '.gateway-cache/', '.cognito/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  { files: ['shared/**/*.ts'], rules: { 'no-restricted-imports': ['error', noImport('authorizer', 'services')] } },
  { files: ['authorizer/**/*.ts'], rules: { 'no-restricted-imports': ['error', noImport('services')] } },
  { files: ['services/**/*.ts'], rules: { 'no-restricted-imports': ['error', noImport('authorizer')] } },
  {
    files: ['test/**/*.ts'],
    plugins: { jest },
    languageOptions: { globals: jest.environments.globals.globals },
    rules: {
      'jest/no-focused-tests': 'error',
      'jest/no-disabled-tests': 'error',
      'jest/no-identical-title': 'error',
      'jest/valid-expect': 'error',
      'jest/expect-expect': ['error', { assertFunctionNames: ['expect', 'expect*', 'assert*'] }],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    languageOptions: {
      globals: {
        module: 'writable',
        require: 'readonly',
        process: 'readonly',
        console: 'readonly',
        __dirname: 'readonly',
        setTimeout: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  { files: ['scripts/**', 'bench/**'], rules: { 'no-console': 'off' } },
);
