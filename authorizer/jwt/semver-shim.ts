// Stands in for `semver` inside jsonwebtoken in the bundle: the three ranges it checks at load, not a range parser.

/**
 * jsonwebtoken 9 asks `semver.satisfies(process.version, range)` for exactly these ranges when it loads
 * (lib/psSupported.js, lib/asymmetricKeyDetailsSupported.js, lib/rsaPssKeyDetailsSupported.js); the real semver
 * costs about 29 KB and several ms of cold start to parse them. Each range is written out here as comparisons;
 * any other range throws, so a jsonwebtoken upgrade that asks something new fails the cold start (and the tests)
 * instead of getting a guessed answer. Wired in by authorizer/bundle-aliases.json (the esbuild alias and jest).
 */
const RANGES: Readonly<Record<string, (v: Version) => boolean>> = {
  '^6.12.0 || >=8.0.0': (v) => (v.major === 6 && atLeast(v, 6, 12, 0)) || atLeast(v, 8, 0, 0),
  '>=15.7.0': (v) => atLeast(v, 15, 7, 0),
  '>=16.9.0': (v) => atLeast(v, 16, 9, 0),
};

interface Version {
  major: number;
  minor: number;
  patch: number;
  prerelease: boolean;
}

// semver's strict form, with its optional leading "v" (process.version is "v20.19.0").
const VERSION = /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;

export function satisfies(version: string, range: string): boolean {
  const test = RANGES[range];
  if (!test) throw new Error(`semver-shim: range "${range}" is not one of jsonwebtoken's known ranges`);
  const match = VERSION.exec(String(version).trim());
  // Like semver: an unparsable version satisfies nothing, and a prerelease none of these (prerelease-free) ranges.
  if (!match || match[4] !== undefined) return false;
  return test({ major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3]), prerelease: false });
}

function atLeast(v: Version, major: number, minor: number, patch: number): boolean {
  if (v.major !== major) return v.major > major;
  if (v.minor !== minor) return v.minor > minor;
  return v.patch >= patch;
}
