// checkLogging: the info rows must write one line per decision and the warn rows none, or the bench stops.
import { checkLogging } from '../../../bench/warm-rows';

describe('checkLogging', () => {
  const answer = { principalId: 'user-0' };
  const counting = () => {
    let writes = 0;
    return { sink: { writes: () => writes }, log: () => writes++ };
  };

  it('passes when info logs each decision and warn logs none', async () => {
    const { sink, log } = counting();
    const info = async () => (log(), answer);
    const warn = async () => answer;

    await expect(checkLogging(sink, info, warn, 'token', 'arn')).resolves.toBeUndefined();
  });

  it('fails when the info instance is silent or the warn instance logs', async () => {
    const { sink, log } = counting();
    const silent = async () => answer;
    const noisy = async () => (log(), answer);

    await expect(checkLogging(sink, silent, silent, 'token', 'arn')).rejects.toThrow(/at info wrote 0 lines/);
    await expect(checkLogging(sink, noisy, noisy, 'token', 'arn')).rejects.toThrow(/at warn wrote 10 lines/);
  });
});
