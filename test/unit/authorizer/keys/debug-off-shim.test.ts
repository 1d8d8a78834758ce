// debug-off-shim: jwks-rsa's `debug` loggers, callable and always off, also under DEBUG=jwks.
import createDebug from '../../../../authorizer/keys/debug-off-shim.cjs';

describe('debug-off-shim', () => {
  it('gives jwks-rsa a logger that writes nothing, even with DEBUG naming it', () => {
    // Prepare
    const saved = process.env.DEBUG;
    process.env.DEBUG = 'jwks';
    const writes: unknown[] = [];
    const write = process.stderr.write;
    process.stderr.write = ((chunk: unknown) => writes.push(chunk) > 0) as typeof process.stderr.write;
    try {
      // Act
      const log = createDebug('jwks');
      log('Fetching keys from %s', 'https://idp.example/jwks');
      const child = log.extend('cache');
      child('hit');

      // Assess
      expect(writes).toEqual([]);
      expect([log.namespace, log.enabled, child.namespace, child.enabled]).toEqual([
        'jwks',
        false,
        'jwks:cache',
        false,
      ]);
      expect([createDebug.enabled('jwks'), createDebug.disable()]).toEqual([false, '']);
      expect(createDebug.enable('jwks')).toBeUndefined();
    } finally {
      process.stderr.write = write;
      if (saved === undefined) delete process.env.DEBUG;
      else process.env.DEBUG = saved;
    }
  });

  it('is what jwks-rsa loads under jest, as in the bundle', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the bare name, as jwks-rsa requires it
    expect(require('debug')).toBe(createDebug);
  });
});
