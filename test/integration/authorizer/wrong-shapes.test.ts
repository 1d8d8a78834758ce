// Each export given another shape's event, or garbage: an authorizer failure (500) with a clear log line, never an Allow.
import { bearerEvent } from '../../helpers/events';
import { connectEvent, httpApiEvent, requestEvent } from '../../helpers/shape-events';
import { expectFailure, lastDecision, settle, useShapeWorld } from '../../helpers/shape-world';

const scene = useShapeWorld();
let header: string;
beforeEach(() => {
  header = `Bearer ${scene.world.token(scene.h, ['writers'])}`;
});

type Export = 'authorize' | 'authorizeRequest' | 'authorizeHttpApi';
const run = (name: Export, event: unknown) => settle(scene.h.authorizer[name](event as never) as Promise<unknown>);

const GARBAGE: Array<[string, unknown]> = [
  ['undefined', undefined],
  ['null', null],
  ['a number', 42],
  ['a string', 'Bearer x.y.z'],
  ['an array', [{ type: 'TOKEN' }]],
  ['an empty object', {}],
  ['an event of an unknown version', { type: 'REQUEST', version: '3.0', routeKey: 'GET /me' }],
];

/** Every event of the four shapes, each carrying the same valid writer's token. */
function eventsOf(): Record<string, unknown> {
  return {
    'a TOKEN event': bearerEvent(header.slice('Bearer '.length)),
    'a REST REQUEST event': requestEvent(header),
    'a WebSocket CONNECT event': connectEvent({ authorization: header }),
    'an HTTP API payload 2.0 event': httpApiEvent(header, 'GET /comments'),
    'an HTTP API payload 1.0 event': { ...requestEvent(header), version: '1.0', authorizationToken: header },
  };
}
/** How the log line names each of them: only known words, never the event's own text. */
const DESCRIBED: Record<string, string> = {
  'a TOKEN event': 'got a TOKEN event',
  'a REST REQUEST event': 'got a REQUEST event',
  'a WebSocket CONNECT event': 'got a REQUEST event',
  'an HTTP API payload 2.0 event': 'got an HTTP API payload 2.0 event',
  'an HTTP API payload 1.0 event': 'got an HTTP API payload 1.0 event',
};

const ACCEPTS: Record<Export, string[]> = {
  authorize: ['a TOKEN event'],
  authorizeRequest: ['a REST REQUEST event', 'a WebSocket CONNECT event'],
  authorizeHttpApi: ['an HTTP API payload 2.0 event'],
};
const EXPORT_NAME: Record<Export, string> = {
  authorize: 'handler',
  authorizeRequest: 'requestHandler',
  authorizeHttpApi: 'httpApiHandler',
};

describe.each(Object.keys(ACCEPTS) as Export[])('%s', (name) => {
  it('accepts its own shapes (so the refusals below are about the shape alone)', async () => {
    const events = eventsOf();
    for (const label of ACCEPTS[name]) {
      const outcome = await run(name, events[label]);
      expect([label, outcome instanceof Error ? outcome.message : 'answered']).toEqual([label, 'answered']);
    }
  });

  it("refuses every other shape's event as an authorizer failure, naming the export and what arrived", async () => {
    // Prepare
    const others = Object.entries(eventsOf()).filter(([label]) => !ACCEPTS[name].includes(label));

    for (const [label, event] of others) {
      // Act
      const before = scene.h.logger.lines.length;
      const outcome = await run(name, event);

      // Assess
      expectFailure(outcome, 'AuthorizerFailure');
      expect([label, lastDecision(scene.h)]).toEqual([
        label,
        expect.objectContaining({ outcome: 'error', reason: 'invalid_event' }),
      ]);
      const failure = scene.h.logger
        .entries()
        .slice(before)
        .find((e) => e.message === 'authorizer failure');
      expect([label, failure?.error]).toEqual([label, expect.stringContaining(`${EXPORT_NAME[name]} takes`)]);
      expect([label, failure?.error]).toEqual([label, expect.stringContaining(DESCRIBED[label] as string)]);
    }
    expect(scene.h.logger.lines.join('\n')).not.toContain(header.slice('Bearer '.length));
  });

  it.each(GARBAGE)('refuses %s as an authorizer failure, without crashing', async (_label, event) => {
    expectFailure(await run(name, event), 'AuthorizerFailure');
    expect(lastDecision(scene.h)).toMatchObject({ outcome: 'error', reason: 'invalid_event' });
  });
});

it('checks the TOKEN shape before the cache: a REQUEST event carrying a cached header is still refused', async () => {
  // Prepare: the header verified and cached through the TOKEN shape.
  await scene.h.authorizer.authorize(bearerEvent(header.slice('Bearer '.length)));
  const disguised = { ...requestEvent(header), authorizationToken: header };

  // Act
  const outcome = await run('authorize', disguised);

  // Assess
  expectFailure(outcome, 'AuthorizerFailure');
  expect(lastDecision(scene.h)).toMatchObject({ outcome: 'error', reason: 'invalid_event' });
});

it('refuses an HTTP API event without a routeKey, and a REST REQUEST event with a malformed methodArn', async () => {
  const { routeKey: _routeKey, ...noRoute } = httpApiEvent(header);
  expectFailure(await run('authorizeHttpApi', noRoute), 'AuthorizerFailure');
  expect(lastDecision(scene.h)).toMatchObject({ reason: 'invalid_event' });
  expectFailure(
    await run('authorizeRequest', { ...requestEvent(header), methodArn: 'not-an-arn' }),
    'AuthorizerFailure',
  );
  expect(lastDecision(scene.h)).toMatchObject({ reason: 'invalid_event' });
});
