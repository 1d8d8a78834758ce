// Runs the whole attack table with a capturing logger and proves no logged line holds any fragment of any token.
import { startAttackWorld, type AttackWorld } from './attack-world';
import { createHarness, type Harness } from '../helpers/authorizer-harness';
import { ATTACK_CASES, attackAuthConfig, validReaderToken } from './attack-cases';
import { credentialOf, eventOf } from './attack-runner';

/** Fragments shorter than this prove nothing (a one-letter segment such as "a" occurs in any text). */
const WINDOW = 16;

interface Leak {
  token: string;
  fragment: string;
  what: string;
}

/**
 * Every place a token could leak: the whole credential, each dot-separated segment, and every 16-character window
 * of the signature segment. Uses a set of all 16-character windows of the log text, so the scan stays linear.
 */
function findLeaks(lines: readonly string[], tokens: readonly string[]): Leak[] {
  const logged = lines.join('\n');
  const windows = new Set<string>();
  for (let i = 0; i + WINDOW <= logged.length; i++) windows.add(logged.slice(i, i + WINDOW));
  const appears = (fragment: string) => windows.has(fragment.slice(0, WINDOW)) && logged.includes(fragment);
  const leaks: Leak[] = [];
  for (const token of tokens) {
    const segments = token.split('.');
    const candidates: Array<[string, string]> = [
      [token, 'the whole token'],
      ...segments.map((s, i): [string, string] => [s, `segment ${i}`]),
    ];
    for (const [fragment, what] of candidates) {
      if (fragment.length >= WINDOW && appears(fragment))
        leaks.push({ token: token.slice(0, 24), fragment: fragment.slice(0, 40), what });
    }
    const signature = segments[2] ?? '';
    for (let i = 0; i + WINDOW <= signature.length; i++) {
      const fragment = signature.slice(i, i + WINDOW);
      if (windows.has(fragment)) leaks.push({ token: token.slice(0, 24), fragment, what: `signature window at ${i}` });
    }
  }
  return leaks;
}

let world: AttackWorld | undefined;
let h: Harness;

beforeAll(async () => {
  world = await startAttackWorld();
  h = createHarness(
    attackAuthConfig(world.provider.origin, { contextClaims: ['email', 'cognito:username', 'address'] }),
  );
  await h.authorizer.warm();
}, 30_000);
afterAll(() => world?.close());

describe('no token in the logs', () => {
  it('logs no fragment of any attack token, of valid tokens, or of their signatures, across the whole table', async () => {
    const context = world!.context(h.clock.nowSeconds());
    const tokens: string[] = [];
    for (const c of ATTACK_CASES) {
      const input = c.build(context);
      tokens.push(credentialOf(input.authorization));
      await h.run(eventOf(context, input));
    }
    // Valid tokens too (allowed, and one with claims the context must refuse, which is logged), and a bad methodArn.
    const valid = validReaderToken(context, {
      email: 'a@example.com',
      'cognito:username': 'alice',
      address: { street: 'x' },
    });
    tokens.push(valid);
    await h.run(eventOf(context, { authorization: `Bearer ${valid}` }));
    await h.run(eventOf(context, { authorization: `Bearer ${valid}`, methodArn: 'not-an-arn' }));

    expect(h.decisions()).toHaveLength(ATTACK_CASES.length + 2);
    expect(h.logger.entries().some((e) => e.message === 'context claims left out')).toBe(true);
    expect(h.logger.entries().some((e) => e.message === 'authorizer failure')).toBe(true);
    expect(findLeaks(h.logger.lines, tokens)).toEqual([]);
  });

  it('the scan finds a fragment planted in a log line (positive control)', () => {
    const context = world!.context(1_800_000_000);
    const token = validReaderToken(context);
    const [header, , signature = ''] = token.split('.');
    expect(findLeaks([`{"message":"x","kid":"${signature.slice(100, 116)}"}`], [token])).toEqual([
      expect.objectContaining({ what: 'signature window at 100' }),
    ]);
    expect(findLeaks([`{"error":"bad ${header}"}`], [token])).toEqual([expect.objectContaining({ what: 'segment 0' })]);
    expect(findLeaks(['{"message":"nothing here"}'], [token])).toEqual([]);
  });
});
