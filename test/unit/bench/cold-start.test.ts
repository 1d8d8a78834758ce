// measureColdStarts and measureLoadShares: fresh processes, subjects alternating, a wrong answer is an error.
import path from 'node:path';
import { bundleHandler } from '../../../bench/bundle';
import { measureColdStarts } from '../../../bench/cold-start';
import { measureLoadShares } from '../../../bench/load-shares';

const EVENT = { authorizationToken: 'Bearer x', methodArn: 'arn' };

describe('measureColdStarts', () => {
  it('times load and first answer of each subject in fresh processes, stdout sunk', async () => {
    const node = await bundleHandler(path.join(__dirname, '../../../bench/node-only-handler.ts'), 'node-only');
    const subject = { name: 'node alone', file: node.file, exportName: 'handler', env: { PATH: process.env.PATH } };

    const [result] = await measureColdStarts([subject], 2, EVENT, 'user-0');

    expect(result?.name).toBe('node alone');
    expect(result?.loaded.median).toBeGreaterThan(0);
    expect(result?.total.median).toBeGreaterThanOrEqual(result?.loaded.median ?? Infinity);
  });

  it('fails when a subject answers another principal', async () => {
    const node = await bundleHandler(path.join(__dirname, '../../../bench/node-only-handler.ts'), 'node-only');
    const subject = { name: 'wrong', file: node.file, exportName: 'handler', env: { PATH: process.env.PATH } };

    await expect(measureColdStarts([subject], 1, EVENT, 'user-9')).rejects.toThrow(/cold start of wrong failed/);
  });
});

describe('measureLoadShares', () => {
  it('loads each piece bundled alone and the handler, with the first-use work timed', async () => {
    const node = await bundleHandler(path.join(__dirname, '../../../bench/node-only-handler.ts'), 'node-only');
    const config = JSON.stringify({
      providers: [{ name: 'p', type: 'oidc', issuer: 'https://i.example.com', audiences: ['a'] }],
    });

    const { pieces, handler } = await measureLoadShares(config, 1, {
      file: node.file,
      env: { PATH: process.env.PATH },
    });

    expect(pieces.map((p) => p.name)).toEqual([
      expect.stringMatching(/^empty module/),
      expect.stringMatching(/^jsonwebtoken/),
      expect.stringMatching(/^jwks-rsa/),
      expect.stringMatching(/^zod\/mini/),
      expect.stringMatching(/^policy/),
    ]);
    expect(pieces.every((p) => p.bytes > 0 && p.load.median > 0)).toBe(true);
    expect(pieces.filter((p) => p.work).map((p) => p.name)).toHaveLength(2);
    expect(handler.median).toBeGreaterThan(0);
  });
});
