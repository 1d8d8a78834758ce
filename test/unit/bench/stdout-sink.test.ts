// The no-op stdout sink: lines are swallowed and counted, callbacks still run, and restore() puts stdout back.
import { sinkStdout } from '../../../bench/stdout-sink';
import { createLogger } from '../../../shared/logger';

describe('sinkStdout', () => {
  it('swallows what the shipped logger writes, counts it, and restores the real write', async () => {
    const original = process.stdout.write;
    const sink = sinkStdout();
    try {
      const logger = createLogger();

      logger.info('authorizer decision', { outcome: 'allow' });
      logger.debug('not written at info');
      const done = new Promise((resolve) => process.stdout.write('x', resolve));

      await expect(done).resolves.toBeUndefined();
      expect(sink.writes()).toBe(2);
      expect(process.stdout.write).not.toBe(original);
    } finally {
      sink.restore();
    }
    expect(process.stdout.write).toBe(original);
  });
});
