// Source attribution: bundle positions map back to repository sources, which group into the product's areas.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { areaOf, loadArtifactSources } from '../../../bench/source-attribution';

describe('loadArtifactSources', () => {
  it('maps a bundle offset back to the source file, line and text through the linked source map', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'attribution-'));
    try {
      const file = path.join(dir, 'handler.js');
      await build({
        entryPoints: [path.join(__dirname, '../../../bench/route-policy.ts')],
        outfile: file,
        bundle: true,
        minify: true,
        sourcemap: 'linked',
        platform: 'node',
        format: 'cjs',
        logLevel: 'silent',
      });
      const code = await readFile(file, 'utf8');
      const sources = loadArtifactSources(file);

      const spot = sources.atOffset(code.indexOf('2012-10-17'));

      expect(spot.file).toMatch(/bench\/route-policy\.ts$/);
      expect(spot.text).toContain('2012-10-17');
      expect(sources.at(0, 0)).toBe(sources.at(0, 0));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('areaOf', () => {
  it.each([
    ['node_modules/jws/lib/verify-stream.js', 'jsonwebtoken (jws, jwa)'],
    ['node_modules/@scope/pkg/index.js', '@scope/pkg'],
    ['shared/logger.ts', 'decision line (decision-log, logger, emf)'],
    ['authorizer/jwt/decode-token.ts', 'jwt decode (authorizer/jwt)'],
    ['authorizer/policy/build-policy.ts', 'policy and decision (authorizer/policy, decide)'],
    ['shared/auth-context.ts', 'identity and context'],
    ['authorizer/create-authorizer.ts', 'authorizer flow'],
    ['shared/permission.ts', 'shared/permission.ts'],
  ])('%s → %s', (file, area) => {
    expect(areaOf(file)).toBe(area);
  });
});
