// Fuzzing (fast-check): mutated and random tokens never authenticate, and only the documented errors are ever thrown.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { COGNITO_CLIENT, OIDC_AUDIENCE } from '../helpers/config';
import { createHarness, type Harness } from '../helpers/authorizer-harness';
import { startJwksServer, type JwksServer } from '../helpers/jwks-server';
import { b64, signToken, type Claims } from '../helpers/tokens';
import {
  attackAuthConfig,
  attackContext,
  createAttackKeys,
  providerJwks,
  validReaderToken,
  type AttackKeys,
} from './attack-cases';

const NUM_RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const SEED = process.env.FUZZ_SEED !== undefined ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);
/** 40 s per 10^4 runs on a 2-core machine is the budget; measured runs are far below it. */
const BUDGET_MS_PER_RUN = 4;

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const BREAKERS = ['+', '/', '=', ' ', '.', '%', '\u0000', '\u00a0', '\u00e9', '\n', '\t', '"', '\\', '*', '\u2028'];
const ALGS = [
  'none',
  'None',
  'HS256',
  'HS512',
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'ES256',
  'ES384',
  'EdDSA',
  'rs256',
  '',
];
const KIDS = [
  'rsa-1',
  'rsa-2',
  'ec-1',
  'ed-1',
  'enc-1',
  'dup-1',
  'leaked-1',
  'oct-1',
  'ec-mislabeled',
  '../rsa-1',
  '__proto__',
  '',
];
const CLAIM_NAMES = [
  'alg',
  'kid',
  'typ',
  'crit',
  'jku',
  'jwk',
  'x5u',
  'x5c',
  'b64',
  'iss',
  'sub',
  'aud',
  'exp',
  'nbf',
  'iat',
  'scope',
  'scp',
  'cognito:groups',
  'token_use',
  'client_id',
  '__proto__',
];

let keys: AttackKeys;
let server: JwksServer | undefined;
let h: Harness;
let valid: string[];
let unhandled = 0;
const onUnhandled = () => {
  unhandled++;
};

beforeAll(async () => {
  keys = createAttackKeys();
  server = await startJwksServer(providerJwks(keys));
  h = createHarness(attackAuthConfig(server.origin));
  await h.authorizer.warm();
  process.on('unhandledRejection', onUnhandled);
}, 30_000);
afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  await server?.close();
});

function claims(kind: 'cognito' | 'oidc', now: number, extra: Claims = {}): Claims {
  const common = { iat: now, exp: now + 3600, ...extra };
  if (kind === 'oidc')
    return {
      iss: `${server!.origin}/issuer`,
      sub: 'oidc-user-1',
      aud: OIDC_AUDIENCE,
      scope: 'comments:read',
      ...common,
    };
  return {
    iss: `${server!.origin}/eu-west-1_TestPool`,
    sub: 'cognito-user-1',
    token_use: 'access',
    client_id: COGNITO_CLIENT,
    'cognito:groups': ['readers'],
    ...common,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Mutations of a valid token

/**
 * Where to act: anywhere, or (twice as often) within 2 characters of the start or end of a segment, where
 * base64url padding bits, dots and JSON braces live; uniform positions alone would rarely reach them.
 */
type Position = { anywhere: number } | { segment: number; fromEnd: boolean; offset: number };
type Mutation =
  | { kind: 'flip'; at: Position; bit: number }
  | { kind: 'replace'; at: Position; char: string }
  | { kind: 'truncate'; at: Position }
  | { kind: 'insert'; at: Position; text: string }
  | { kind: 'delete'; at: Position; length: number }
  | { kind: 'swap'; a: number; b: number }
  | { kind: 'transplant'; segment: number; from: number }
  | { kind: 'duplicate'; segment: number }
  | { kind: 'json'; segment: number; name: string; value: unknown; remove: boolean }
  | { kind: 'signature-byte'; index: number; xor: number };

const position: fc.Arbitrary<Position> = fc.oneof(
  { weight: 1, arbitrary: fc.record({ anywhere: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc.record({ segment: fc.nat({ max: 2 }), fromEnd: fc.boolean(), offset: fc.nat({ max: 2 }) }),
  },
);
const char = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...BASE64URL) },
  { weight: 1, arbitrary: fc.constantFrom(...BREAKERS) },
);
const jsonValue = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom<unknown>(
    ...ALGS,
    ...KIDS,
    'http://127.0.0.1:1/jwks.json',
    1e13,
    -1,
    0,
    4_102_444_800,
    ['rsa-1'],
    ['exp'],
    null,
  ),
);
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: position, bit: fc.nat({ max: 6 }) }),
  fc.record({ kind: fc.constant('replace' as const), at: position, char }),
  fc.record({ kind: fc.constant('truncate' as const), at: position }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: position,
    text: fc.string({ unit: char, minLength: 1, maxLength: 4 }),
  }),
  fc.record({ kind: fc.constant('delete' as const), at: position, length: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ kind: fc.constant('swap' as const), a: fc.nat({ max: 2 }), b: fc.nat({ max: 2 }) }),
  fc.record({ kind: fc.constant('transplant' as const), segment: fc.nat({ max: 2 }), from: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate' as const), segment: fc.nat({ max: 2 }) }),
  fc.record({
    kind: fc.constant('json' as const),
    segment: fc.nat({ max: 1 }),
    name: fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...CLAIM_NAMES) }, fc.string({ maxLength: 8 })),
    value: jsonValue,
    remove: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('signature-byte' as const), index: fc.nat(), xor: fc.integer({ min: 1, max: 255 }) }),
);

function indexOf(token: string, at: Position): number {
  if ('anywhere' in at) return token.length === 0 ? 0 : at.anywhere % (token.length + 1);
  const segments = token.split('.');
  const segment = at.segment % segments.length;
  const start = segments.slice(0, segment).reduce((n, s) => n + s.length + 1, 0);
  const length = segments[segment]?.length ?? 0;
  const offset = Math.min(at.offset, length);
  return at.fromEnd ? start + length - offset : start + offset;
}

function reencode(segment: string, name: string, value: unknown, remove: boolean): string {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
  } catch {
    return segment;
  }
  if (typeof decoded !== 'object' || decoded === null || Array.isArray(decoded)) return segment;
  const next: Record<string, unknown> = { ...decoded };
  if (remove) delete next[name];
  else Object.defineProperty(next, name, { value, enumerable: true, writable: true, configurable: true });
  return Buffer.from(JSON.stringify(next)).toString('base64url');
}

function apply(token: string, m: Mutation): string {
  const segments = token.split('.');
  switch (m.kind) {
    case 'flip': {
      const i = Math.min(indexOf(token, m.at), token.length - 1);
      if (i < 0) return token;
      return `${token.slice(0, i)}${String.fromCharCode(token.charCodeAt(i) ^ (1 << m.bit))}${token.slice(i + 1)}`;
    }
    case 'replace': {
      const i = Math.min(indexOf(token, m.at), token.length - 1);
      return i < 0 ? token : `${token.slice(0, i)}${m.char}${token.slice(i + 1)}`;
    }
    case 'truncate':
      return token.slice(0, indexOf(token, m.at));
    case 'insert': {
      const i = indexOf(token, m.at);
      return `${token.slice(0, i)}${m.text}${token.slice(i)}`;
    }
    case 'delete': {
      const i = indexOf(token, m.at);
      return `${token.slice(0, i)}${token.slice(i + m.length)}`;
    }
    case 'swap': {
      const a = segments[m.a] ?? '';
      const b = segments[m.b] ?? '';
      segments[m.a] = b;
      segments[m.b] = a;
      return segments.join('.');
    }
    case 'transplant': {
      const donor = (valid[m.from % valid.length] ?? '').split('.');
      segments[m.segment] = donor[m.segment] ?? '';
      return segments.join('.');
    }
    case 'duplicate':
      segments.splice(m.segment, 0, segments[m.segment] ?? '');
      return segments.join('.');
    case 'json':
      segments[m.segment] = reencode(segments[m.segment] ?? '', m.name, m.value, m.remove);
      return segments.join('.');
    case 'signature-byte': {
      const bytes = Buffer.from(segments[2] ?? '', 'base64url');
      if (bytes.length === 0) return token;
      const i = m.index % bytes.length;
      bytes[i] = (bytes[i] ?? 0) ^ m.xor;
      segments[2] = bytes.toString('base64url');
      return segments.join('.');
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Inputs: mutated valid tokens, forged tokens with random JOSE headers, and random strings

interface FuzzInput {
  authorization: string;
  methodArn: string;
  /** How the input was made, to reproduce a failure. */
  label: string;
}

const ARNS = ['GET/comments', 'POST/comments', 'GET/comments/1', 'DELETE/comments/1', 'GET/me', 'GET/unlisted'].map(
  (s) => `arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/prod/${s}`,
);
const scheme = fc.oneof(
  { weight: 8, arbitrary: fc.constant('Bearer ') },
  fc.constantFrom('bearer ', 'BEARER  ', ' Bearer ', 'Bearer\t', 'Basic ', '', 'Bearer Bearer '),
);

function inputs(): fc.Arbitrary<FuzzInput> {
  const mutated = fc
    .record({
      base: fc.nat({ max: valid.length - 1 }),
      mutations: fc.array(mutation, { minLength: 1, maxLength: 3 }),
      scheme,
      arn: fc.constantFrom(...ARNS),
    })
    .map(({ base, mutations, scheme: s, arn }) => {
      const token = mutations.reduce(apply, valid[base] ?? '');
      return {
        authorization: `${s}${token}`,
        methodArn: arn,
        label: `valid[${base}] ${JSON.stringify(mutations)} scheme ${JSON.stringify(s)}`,
      };
    });
  const forged = fc
    .record({
      header: fc.record(
        {
          alg: fc.constantFrom<unknown>(...ALGS),
          kid: fc.oneof(fc.constantFrom<unknown>(...KIDS), fc.string({ maxLength: 12 })),
        },
        { requiredKeys: [] },
      ),
      extraHeader: fc.dictionary(fc.constantFrom(...CLAIM_NAMES), jsonValue, { maxKeys: 2 }),
      kind: fc.constantFrom('cognito' as const, 'oidc' as const),
      extraClaims: fc.dictionary(fc.constantFrom(...CLAIM_NAMES), jsonValue, { maxKeys: 3 }),
      signature: fc.uint8Array({ maxLength: 300 }),
      arn: fc.constantFrom(...ARNS),
    })
    .map(({ header, extraHeader, kind, extraClaims, signature, arn }) => {
      const token = `${b64({ ...extraHeader, ...header })}.${b64(claims(kind, h.clock.nowSeconds(), extraClaims))}.${Buffer.from(signature).toString('base64url')}`;
      return { authorization: `Bearer ${token}`, methodArn: arn, label: `forged ${token.slice(0, 120)}` };
    });
  const shaped = fc
    .tuple(
      fc.stringMatching(/^[A-Za-z0-9_-]{0,40}$/),
      fc.stringMatching(/^[A-Za-z0-9_-]{0,40}$/),
      fc.stringMatching(/^[A-Za-z0-9_-]{0,40}$/),
      fc.constantFrom(...ARNS),
    )
    .map(([a, b, c, arn]) => ({ authorization: `Bearer ${a}.${b}.${c}`, methodArn: arn, label: 'shaped random' }));
  const anything = fc
    .tuple(
      fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: char, maxLength: 64 })),
      scheme,
      fc.constantFrom(...ARNS),
    )
    .map(([text, s, arn]) => ({ authorization: `${s}${text}`, methodArn: arn, label: 'random string' }));
  return fc.oneof(
    { weight: 6, arbitrary: mutated },
    { weight: 2, arbitrary: forged },
    { weight: 1, arbitrary: shaped },
    { weight: 1, arbitrary: anything },
  );
}

/** An asymmetric matcher for a number in [min, max], printed as such when it fails. */
function within(min: number, max: number) {
  return {
    $$typeof: Symbol.for('jest.asymmetricMatcher'),
    asymmetricMatch: (n: unknown) => typeof n === 'number' && n >= min && n <= max,
    toAsymmetricMatcher: () => `a number in [${min}, ${max}]`,
  };
}

/** For a report: whether an accepted token is another spelling of a valid one (same input, same signature bytes). */
function kinship(credential: string | undefined): string {
  const [head, body, signature = ''] = (credential ?? '').split('.');
  const twin = valid.findIndex((v) => {
    const [vHead, vBody, vSignature = ''] = v.split('.');
    return (
      vHead === head &&
      vBody === body &&
      Buffer.from(vSignature, 'base64url').equals(Buffer.from(signature, 'base64url'))
    );
  });
  return twin >= 0 ? `same signature bytes as valid[${twin}]` : 'no valid twin';
}

/** The credential an RFC 6750 reading of the header yields, if the header is `Bearer <credential>`. */
function credentialOf(authorization: string): string | undefined {
  return /^bearer +(\S+)$/i.exec(authorization.trim())?.[1];
}

describe('fuzzing the authorizer', () => {
  it(
    `${NUM_RUNS} mutated and random tokens: never authenticated unless byte-identical to a valid token; only documented errors`,
    async () => {
      // Past the cool-down since warm: each key source may refetch once for the first unknown kid, then never again.
      h.clock.advance(11_000);
      const now = h.clock.nowSeconds();
      valid = [
        signToken(keys.rsa, claims('cognito', now)),
        signToken(keys.rsa, claims('cognito', now, { 'cognito:groups': ['writers'] })),
        signToken(keys.rsa, claims('oidc', now)),
        signToken(keys.ec, claims('oidc', now, { scope: 'comments:read comments:write' })),
        signToken(keys.rsa3072, claims('cognito', now, { 'cognito:groups': ['moderators'] })),
      ];
      const validSet = new Set(valid);
      const fetchesBefore = server!.hits('/jwks.json');
      const violations: string[] = [];
      const outcomes = { authenticated: 0, unauthorized: 0, unavailable: 0 };

      const started = performance.now();
      await fc.assert(
        fc.asyncProperty(inputs(), async ({ authorization, methodArn, label }) => {
          const result = await h.run({ type: 'TOKEN', authorizationToken: authorization, methodArn });
          if (result instanceof Error) {
            const plain = Object.getPrototypeOf(result) === Error.prototype;
            if (plain && result.message === 'Unauthorized') outcomes.unauthorized++;
            else if (plain && result.message === 'KeySourceUnavailable') outcomes.unavailable++;
            else violations.push(`threw ${result.constructor.name}("${result.message}") for ${label}`);
            return;
          }
          outcomes.authenticated++;
          const credential = credentialOf(authorization);
          if (credential === undefined || !validSet.has(credential)) {
            const digest = createHash('sha256').update(authorization).digest('hex').slice(0, 12);
            violations.push(
              `authenticated ${JSON.stringify(authorization.slice(-24))} (sha256 ${digest}, ${kinship(credential)}) from ${label}`,
            );
          }
        }),
        { numRuns: NUM_RUNS, seed: SEED },
      );
      const elapsedMs = performance.now() - started;

      // One comparison holding every check, so a failure shows all of them at once. Reproduce with FUZZ_SEED and FUZZ_RUNS.
      expect({
        seed: SEED,
        runs: NUM_RUNS,
        // Inputs that were authenticated without being byte-identical to a valid token, or threw something else.
        violations: violations.slice(0, 5),
        count: violations.length,
        // Of those, acceptances that are not even a second spelling of a valid token (no twin with the same bytes).
        forged: violations.filter((v) => !v.includes('same signature bytes')).length,
        decided: outcomes.authenticated + outcomes.unauthorized + outcomes.unavailable,
        // Both branches of the oracle ran: most inputs were refused, and no-op mutations let untouched tokens through.
        refused: outcomes.unauthorized,
        authenticated: outcomes.authenticated,
        // The random-kid flood cost at most one fetch per key source (two sources), thanks to the cool-down.
        jwksFetches: server!.hits('/jwks.json') - fetchesBefore,
        msPerRun: Math.round((elapsedMs / NUM_RUNS) * 1000) / 1000,
        unhandledRejections: unhandled,
      }).toEqual({
        seed: SEED,
        runs: NUM_RUNS,
        violations: [],
        count: 0,
        forged: 0,
        decided: NUM_RUNS,
        refused: within(NUM_RUNS / 2, NUM_RUNS),
        authenticated: within(1, NUM_RUNS),
        jwksFetches: within(0, 2),
        msPerRun: within(0, BUDGET_MS_PER_RUN),
        unhandledRejections: 0,
      });
    },
    Math.max(60_000, NUM_RUNS * BUDGET_MS_PER_RUN * 2),
  );

  it('still answers a valid token correctly after the fuzzing', async () => {
    const context = attackContext({
      origin: server!.origin,
      attackerOrigin: 'http://127.0.0.1:9',
      keys,
      nowSeconds: h.clock.nowSeconds(),
    });
    const result = await h.run({
      type: 'TOKEN',
      authorizationToken: `Bearer ${validReaderToken(context)}`,
      methodArn: ARNS[0] as string,
    });
    expect(result).toMatchObject({ principalId: 'cognito-user-1' });
  });
});
