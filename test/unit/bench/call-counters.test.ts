// countCalls: counts the wrapped built-ins while its body runs, and leaves them exactly as they were.
import { createHash } from 'node:crypto';
import { countCalls } from '../../../bench/call-counters';

describe('countCalls', () => {
  it('counts JSON, base64url decodes and clock reads inside the body only', async () => {
    const parse = JSON.parse;

    const counts = await countCalls(async () => {
      JSON.parse('{}');
      JSON.parse('[]');
      Buffer.from('e30', 'base64url');
      Buffer.from('plain');
      Date.now();
    });
    JSON.parse('{}');

    expect(counts).toEqual({ 'JSON.parse': 2, 'Buffer.from(…, base64url) (a decode)': 1, 'Date.now': 1 });
    expect(JSON.parse).toBe(parse);
    expect(createHash('sha256').update('x').digest('hex')).toHaveLength(64);
  });

  it('restores the built-ins when the body throws', async () => {
    const stringify = JSON.stringify;

    await expect(
      countCalls(async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');

    expect(JSON.stringify).toBe(stringify);
  });
});
