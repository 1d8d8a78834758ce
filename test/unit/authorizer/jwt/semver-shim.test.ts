// semver-shim: answers jsonwebtoken's three ranges exactly as the real semver does, and refuses any other range.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { satisfies } from '../../../../authorizer/jwt/semver-shim';

// The real semver, by its own module path: jest maps the bare `semver` to the shim, as the bundle does.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- semver ships no types; this is its CJS entry
const realSatisfies = require('semver/functions/satisfies') as (version: string, range: string) => boolean;

const JWT_LIB = path.join(__dirname, '../../../../node_modules/jsonwebtoken/lib');
const KNOWN_RANGES = ['^6.12.0 || >=8.0.0', '>=15.7.0', '>=16.9.0'];
const VERSIONS = [
  process.version,
  'v0.12.18',
  'v4.9.1',
  'v6.11.5',
  'v6.12.0',
  'v6.17.1',
  'v7.10.1',
  'v8.0.0',
  'v15.6.9',
  'v15.7.0',
  'v15.8.0',
  'v16.8.9',
  'v16.9.0',
  'v16.10.0',
  'v20.19.0',
  'v22.12.0',
  'v24.0.0',
  '22.1.0',
  '=22.1.0',
  ' v22.1.0 ',
  'v22.0.0-nightly20240101',
  'v16.9.0-rc.1',
  'v22.1.0+build.5',
  'v22.1',
  'v022.1.0',
  'not a version',
  '',
];

describe('semver-shim', () => {
  it("lists exactly the ranges jsonwebtoken's modules ask semver for", () => {
    // Prepare: every satisfies(…, '<range>') in jsonwebtoken's lib/, read from the installed package.
    const asked = readdirSync(JWT_LIB)
      .flatMap((file) => [
        ...readFileSync(path.join(JWT_LIB, file), 'utf8').matchAll(/satisfies\([^,]+,\s*'([^']+)'\)/g),
      ])
      .map((m) => m[1]);

    // Assess: an upgrade that asks a new range fails here (and the shim would throw at load).
    expect([...new Set(asked)].sort()).toEqual([...KNOWN_RANGES].sort());
  });

  it.each(KNOWN_RANGES)(
    'answers %s as the real semver does, for released, prerelease and malformed versions',
    (range) => {
      // Act
      const ours = VERSIONS.map((v) => [v, satisfies(v, range)]);

      // Assess
      expect(ours).toEqual(VERSIONS.map((v) => [v, realSatisfies(v, range)]));
    },
  );

  it('says this node supports what jsonwebtoken then enables (PS256, key details)', () => {
    expect(KNOWN_RANGES.map((range) => satisfies(process.version, range))).toEqual([true, true, true]);
  });

  it('throws on any other range instead of guessing (fail closed)', () => {
    for (const range of ['>=16.9', '^16.9.0', '>=18.0.0', '', '>=15.7.0 ']) {
      expect(() => satisfies(process.version, range)).toThrow(`semver-shim: range "${range}" is not one of`);
    }
  });

  it('is what jsonwebtoken loads under jest, as in the bundle', () => {
    // Act: the module jsonwebtoken's lib/psSupported.js requires.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the bare name, as jsonwebtoken requires it
    const loaded = require('semver') as { satisfies: unknown };

    // Assess
    expect(loaded.satisfies).toBe(satisfies);
  });
});
