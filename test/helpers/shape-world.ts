// One real world for the authorizer-shape tests: a JWKS server on 127.0.0.1, a real RSA key, and signed tokens.
import { COGNITO_CLIENT, testConfig } from './config';
import { createHarness, type Harness } from './authorizer-harness';
import type { TestClock } from './clock';
import { startJwksServer, type JwksServer } from './jwks-server';
import { createRsaKey, type TestKey } from './keys';
import { signToken, type Claims } from './tokens';

export interface ShapeWorld {
  server: JwksServer;
  key: TestKey;
  /** A fresh authorizer (own caches and clock) over the tests' two providers, keys pre-warmed. */
  harness(clock?: TestClock): Promise<Harness>;
  /** A Cognito-style access token of `sub` in `groups` (readers: comments:read; writers: read and write). */
  token(h: Harness, groups: string[], extra?: Claims): string;
  close(): Promise<void>;
}

export async function startShapeWorld(): Promise<ShapeWorld> {
  const key = createRsaKey('shape-key');
  const server = await startJwksServer([key.jwk]);
  return {
    server,
    key,
    harness: async (clock) => {
      const h = createHarness(testConfig(server.origin), clock);
      await h.authorizer.warm();
      return h;
    },
    token: (h, groups, extra = {}) => {
      const now = h.clock.nowSeconds();
      return signToken(key, {
        iss: `${server.origin}/eu-west-1_TestPool`,
        sub: `user-${groups.join('-') || 'none'}`,
        token_use: 'access',
        client_id: COGNITO_CLIENT,
        'cognito:groups': groups,
        iat: now,
        exp: now + 3600,
        ...extra,
      });
    },
    close: () => server.close(),
  };
}

/**
 * The world for one test file: started before its tests and stopped after them, with a fresh harness (own caches
 * and clock) before each test. Read `scene.world` and `scene.h` inside tests, once the hooks have run.
 */
export function useShapeWorld(): { readonly world: ShapeWorld; readonly h: Harness } {
  const scene = {} as { world: ShapeWorld; h: Harness };
  beforeAll(async () => {
    scene.world = await startShapeWorld();
  });
  afterAll(() => scene.world?.close());
  beforeEach(async () => {
    scene.h = await scene.world.harness();
  });
  return scene;
}

/** The token with its payload replaced (its signature no longer matches). */
export function tamper(token: string, patch: Claims): string {
  const [header, payload, signature] = token.split('.') as [string, string, string];
  const claims = { ...JSON.parse(Buffer.from(payload, 'base64url').toString()), ...patch };
  return `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
}

/** The decision lines a harness logged, the last one first in line for assertions. */
export function lastDecision(h: Harness): Record<string, unknown> {
  return h.decisions().at(-1) ?? {};
}

/** What an authorizer call settled with: its answer, or the error it threw. */
export function settle<R>(promise: Promise<R>): Promise<R | Error> {
  return promise.catch((err: Error) => err);
}

/** Asserts a plain Error with exactly `message`: API Gateway maps only the exact text "Unauthorized" to 401. */
export function expectFailure(value: unknown, message: string): void {
  expect(value).toBeInstanceOf(Error);
  expect((value as Error).message).toBe(message);
  expect(Object.getPrototypeOf(value)).toBe(Error.prototype);
}
