// The attack table: every case is a real signed or forged JWT (node:crypto) with the outcome the authorizer must give.
import { createHash, generateKeyPairSync, randomUUID, sign as cryptoSign } from 'node:crypto';
import type { AuthConfigInput } from '../../authorizer/config/schema';
import type { DecisionReason } from '../../authorizer/decision-log';
import { GROUP_PERMISSIONS, authorizedRoutes } from '../../shared/route-manifest';
import { COGNITO_CLIENT, OIDC_AUDIENCE, testCognitoProvider } from '../helpers/config';
import { API_PREFIX } from '../helpers/events';
import { createEcKey, createRsaKey, type TestKey } from '../helpers/keys';
import { assemble, b64, signHmac, signRaw, signToken, type Claims } from '../helpers/tokens';
import { selfSignedCertificate } from '../helpers/x509';

// ---------------------------------------------------------------------------------------------------------------
// Types

/** What the decision log line's `reason` must be: one of the authorizer's closed list (decision-log.ts). */
export type { DecisionReason };

/** Method-ARN suffixes ("VERB/path", after the API prefix) at which the returned policy is evaluated with IAM's rules. */
export interface PolicyProbe {
  allowAt?: string[];
  denyAt?: string[];
}

/**
 * - 'unauthorized': a plain Error whose message is exactly "Unauthorized" (API Gateway: 401);
 * - 'unavailable': a plain Error "KeySourceUnavailable" (AUTHORIZER_FAILURE, retryable);
 * - allow / deny: a policy whose effect at the invoked method ARN is Allow / Deny, and at every probe as listed.
 *   The same document is what API Gateway caches and reuses for every route, so probes are cache checks.
 */
export type Expectation =
  'unauthorized' | 'unavailable' | ({ allow: true } & PolicyProbe) | ({ deny: true } & PolicyProbe);

export interface AttackInput {
  /** The Authorization header value, exactly as sent. */
  authorization: string;
  /** The method ARN of the request; GET /comments when omitted. */
  methodArn?: string;
}

export type AttackGroup =
  | 'alg-none'
  | 'alg-confusion'
  | 'alg-header'
  | 'key-alg-binding'
  | 'psychic-ecdsa'
  | 'signature'
  | 'tamper'
  | 'duplicate-header'
  | 'key-injection'
  | 'kid-injection'
  | 'published-keys'
  | 'crit'
  | 'time'
  | 'issuer'
  | 'tenant'
  | 'audience'
  | 'claims'
  | 'id-token'
  | 'scope'
  | 'path-variants'
  | 'cache-order'
  | 'oversized'
  | 'header-format'
  | 'structure';

export interface AttackCase {
  id: string;
  group: AttackGroup;
  description: string;
  build(ctx: AttackContext): AttackInput;
  expect: Expectation;
  /** The decision line's reason, where it is well-defined. */
  reason?: DecisionReason;
  /** Depends on the injected clock to the second: direct invocation only (the local stack runs on the wall clock). */
  exactClock?: true;
  /** Larger than any gateway accepts as a header: end to end, the gateway may refuse it before the authorizer runs. */
  oversizedHeader?: true;
}

// ---------------------------------------------------------------------------------------------------------------
// Keys, configuration, context

export interface AttackKeys {
  /** Published by the provider: kid rsa-1 (RS256), rsa-2 (RS256), rsa-3072 (RS256), ec-1 (ES256), ed-1 (EdDSA). */
  rsa: TestKey;
  rsa2: TestKey;
  /** A 3072-bit RSA key: its 384-byte signatures fill whole base64 quanta (512 characters, no unused bits). */
  rsa3072: TestKey;
  ec: TestKey;
  ed: TestKey;
  /** Published but unusable for signatures: use "enc"; two keys under kid dup-1; a private JWK; an EC key labelled RS256. */
  encryption: TestKey;
  duplicateA: TestKey;
  duplicateB: TestKey;
  leaked: TestKey;
  mislabeled: TestKey;
  /** Never published by the provider; the attacker server serves them. */
  attacker: TestKey;
  attackerEc: TestKey;
  /** A real self-signed X.509 certificate (DER) for the attacker's RSA key, for x5c. */
  attackerCertificate: Buffer;
}

/** The symmetric key a careless provider publishes as an "oct" JWK (kid oct-1). */
export const OCT_SECRET = 'published-symmetric-secret';
export const TOLERANCE_SECONDS = 5;

export function createAttackKeys(): AttackKeys {
  const attacker = createRsaKey('attacker-1');
  const ed = generateKeyPairSync('ed25519');
  const mislabeled = createEcKey('ec-mislabeled');
  const rsa3072 = generateKeyPairSync('rsa', { modulusLength: 3072 });
  return {
    rsa: createRsaKey('rsa-1'),
    rsa2: createRsaKey('rsa-2'),
    rsa3072: {
      kid: 'rsa-3072',
      alg: 'RS256',
      privateKey: rsa3072.privateKey,
      publicKey: rsa3072.publicKey,
      jwk: { ...rsa3072.publicKey.export({ format: 'jwk' }), kid: 'rsa-3072', use: 'sig', alg: 'RS256' },
    },
    ec: createEcKey('ec-1'),
    ed: {
      kid: 'ed-1',
      alg: 'EdDSA',
      privateKey: ed.privateKey,
      publicKey: ed.publicKey,
      jwk: { ...ed.publicKey.export({ format: 'jwk' }), kid: 'ed-1', use: 'sig', alg: 'EdDSA' },
    },
    encryption: createRsaKey('enc-1'),
    duplicateA: createRsaKey('dup-1'),
    duplicateB: createRsaKey('dup-1'),
    leaked: createRsaKey('leaked-1'),
    mislabeled: { ...mislabeled, jwk: { ...mislabeled.jwk, alg: 'RS256' } },
    attacker,
    attackerEc: createEcKey('attacker-ec-1'),
    attackerCertificate: selfSignedCertificate(attacker, 'attacker.example'),
  };
}

/** The provider's JWKS: the usable keys plus entries that must never verify anything. */
export function providerJwks(keys: AttackKeys): Array<Record<string, unknown>> {
  return [
    keys.rsa.jwk,
    keys.rsa2.jwk,
    keys.rsa3072.jwk,
    keys.ec.jwk,
    keys.ed.jwk,
    { ...keys.encryption.jwk, use: 'enc' },
    keys.duplicateA.jwk,
    keys.duplicateB.jwk,
    { ...keys.leaked.privateKey.export({ format: 'jwk' }), kid: 'leaked-1', use: 'sig', alg: 'RS256' },
    keys.mislabeled.jwk,
    { kty: 'oct', kid: 'oct-1', use: 'sig', alg: 'HS256', k: Buffer.from(OCT_SECRET).toString('base64url') },
  ];
}

/** The JWKS the attacker serves (at jku/x5u URLs the tokens name). */
export function attackerJwks(keys: AttackKeys): Array<Record<string, unknown>> {
  return [
    keys.attacker.jwk,
    keys.attackerEc.jwk,
    { ...keys.attacker.jwk, kid: 'rsa-1' },
    { ...keys.attackerEc.jwk, kid: 'ec-1' },
  ];
}

/**
 * AUTH_CONFIG for the suite, the same document for direct and end-to-end runs: the real routes and group
 * permissions of the stack (scripts/serverless/stack-config.cjs), a Cognito-style provider pinned to RS256 and an
 * OIDC provider (keys through discovery) whose allow-list also holds RS384, RS512, PS256 and ES256.
 */
export function attackAuthConfig(origin: string, overrides: Partial<AuthConfigInput> = {}): AuthConfigInput {
  return {
    providers: [
      testCognitoProvider(origin, { groupPermissions: GROUP_PERMISSIONS }),
      {
        name: 'okta',
        type: 'oidc',
        issuer: `${origin}/issuer`,
        audiences: [OIDC_AUDIENCE],
        algorithms: ['RS256', 'RS384', 'RS512', 'PS256', 'ES256'],
      },
      // Multi-tenant, Entra ID style: one issuer per listed tenant, one key source shared by all of them.
      {
        name: 'entra',
        type: 'oidc',
        issuer: `${origin}/tenants/{tenant}/v2.0`,
        tenants: [...TENANTS],
        jwksUri: `${origin}/jwks.json`,
        audiences: [OIDC_AUDIENCE],
      },
    ],
    clockToleranceSeconds: TOLERANCE_SECONDS,
    routes: authorizedRoutes(),
    ...overrides,
  };
}

/** The tenants the multi-tenant provider lists; `tenant-c` is the unlisted one the cases try. */
export const TENANTS = ['tenant-a', 'tenant-b'] as const;

export interface AttackContext {
  /** The authorizer's "now", epoch seconds (the test clock directly, the wall clock end to end). */
  nowSeconds: number;
  toleranceSeconds: number;
  keys: AttackKeys;
  cognitoIssuer: string;
  oidcIssuer: string;
  /** The multi-tenant provider's issuer for a tenant id (listed or not). */
  tenantIssuer(tenant: string): string;
  /** http://127.0.0.1:{port} of the request-counting attacker server. */
  attackerOrigin: string;
  /** The method ARN API Gateway sends for a request. */
  methodArn(verb: string, path: string): string;
}

export function attackContext(options: {
  origin: string;
  attackerOrigin: string;
  keys: AttackKeys;
  nowSeconds: number;
}): AttackContext {
  return {
    nowSeconds: options.nowSeconds,
    toleranceSeconds: TOLERANCE_SECONDS,
    keys: options.keys,
    cognitoIssuer: `${options.origin}/eu-west-1_TestPool`,
    oidcIssuer: `${options.origin}/issuer`,
    tenantIssuer: (tenant) => `${options.origin}/tenants/${tenant}/v2.0`,
    attackerOrigin: options.attackerOrigin,
    methodArn: (verb, path) => `${API_PREFIX}/${verb}${path}`,
  };
}

/** The API prefix (arn:…:{apiId}/{stage}) of a method ARN. */
export function arnPrefix(methodArn: string): string {
  const match = /^(arn:[^/]+\/[^/]+)\//.exec(methodArn);
  if (!match?.[1]) throw new Error(`not a method ARN: ${methodArn}`);
  return match[1];
}

/** The HTTP verb and path of a method ARN, for sending the request end to end. */
export function routeOf(methodArn: string): { verb: string; path: string } {
  const rest = methodArn.slice(arnPrefix(methodArn).length + 1);
  const slash = rest.indexOf('/');
  return { verb: rest.slice(0, slash), path: rest.slice(slash) };
}

// ---------------------------------------------------------------------------------------------------------------
// Token builders

const b64text = (text: string): string => Buffer.from(text, 'utf8').toString('base64url');
const bearer = (token: string): string => `Bearer ${token}`;
/** JSON text with every non-ASCII character escaped, so test titles show exactly which character a case uses. */
const show = (value: unknown): string =>
  (JSON.stringify(value) ?? 'missing').replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const RSA_SIGNATURE_CHARS = 342; // RSA-2048: 256 bytes

function parts(token: string): [string, string, string] {
  const [h = '', p = '', s = ''] = token.split('.');
  return [h, p, s];
}

/** A Cognito access token of a `readers` member (may read, may not write). */
function cognito(ctx: AttackContext, extra: Claims = {}): Claims {
  return {
    iss: ctx.cognitoIssuer,
    sub: 'cognito-user-1',
    token_use: 'access',
    client_id: COGNITO_CLIENT,
    'cognito:groups': ['readers'],
    iat: ctx.nowSeconds,
    exp: ctx.nowSeconds + 3600,
    ...extra,
  };
}

/** An OIDC access token with scope comments:read. */
function oidc(ctx: AttackContext, extra: Claims = {}): Claims {
  return {
    iss: ctx.oidcIssuer,
    sub: 'oidc-user-1',
    aud: OIDC_AUDIENCE,
    scope: 'comments:read',
    azp: 'spa',
    iat: ctx.nowSeconds,
    exp: ctx.nowSeconds + 3600,
    ...extra,
  };
}

/** A valid reader token of the Cognito provider, signed with rsa-1. */
function validCognito(ctx: AttackContext, extra: Claims = {}): string {
  return signToken(ctx.keys.rsa, cognito(ctx, extra));
}

/** Signs a header and payload given as JSON text, so a case controls every byte (duplicates, escapes, 1e400). */
function signText(headerJson: string, payloadJson: string, alg: string, key: TestKey): string {
  return signRaw(`${b64text(headerJson)}.${b64text(payloadJson)}`, alg, key.privateKey);
}

/** JSON text of `claims` with one claim's value replaced by raw JSON (e.g. 1e400, which JSON.stringify cannot write). */
function withRawClaim(claims: Claims, name: string, rawJson: string): string {
  return JSON.stringify({ ...claims, [name]: '__RAW__' }).replace(`"${name}":"__RAW__"`, `"${name}":${rawJson}`);
}

function signEd(key: TestKey, header: Claims, payload: Claims): string {
  const input = `${b64({ alg: 'EdDSA', typ: 'JWT', kid: key.kid, ...header })}.${b64(payload)}`;
  return `${input}.${cryptoSign(null, Buffer.from(input), key.privateKey).toString('base64url')}`;
}

/** Replaces the signature segment, keeping header and payload byte for byte. */
function withSignature(token: string, signature: string): string {
  const [h, p] = parts(token);
  return `${h}.${p}.${signature}`;
}

function flipBit(signature: string, byteIndex: (length: number) => number, mask = 0x01): string {
  const bytes = Buffer.from(signature, 'base64url');
  const i = byteIndex(bytes.length);
  bytes[i] = (bytes[i] ?? 0) ^ mask;
  return bytes.toString('base64url');
}

/**
 * The same signature bytes in a different string: sets the lowest of the unused bits of the last base64url
 * character (RFC 4648 §3.5: canonical encoders leave them zero). A strict decoder refuses it.
 */
export function nonCanonicalTail(signature: string): string {
  const bits = Buffer.from(signature, 'base64url').length * 8;
  const unused = (6 - (bits % 6)) % 6;
  const last = BASE64URL.indexOf(signature.at(-1) ?? 'A');
  if (unused === 0 || last < 0) throw new Error('this signature has no unused bits');
  return `${signature.slice(0, -1)}${BASE64URL[last | 1]}`;
}

function withPayload(token: string, patch: Claims): string {
  const [h, p, s] = parts(token);
  const claims = { ...(JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as Claims), ...patch };
  return `${h}.${b64(claims)}.${s}`;
}

function withHeader(token: string, patch: Claims): string {
  const [h, p, s] = parts(token);
  const header = { ...(JSON.parse(Buffer.from(h, 'base64url').toString('utf8')) as Claims), ...patch };
  return `${b64(header)}.${p}.${s}`;
}

/** Length of header.payload.signature for an RSA-2048 signature, without signing. */
function rsaTokenLength(headerJson: string, payloadJson: string): number {
  return b64text(headerJson).length + 1 + b64text(payloadJson).length + 1 + RSA_SIGNATURE_CHARS;
}

/** The largest n with fits(n) true, for a monotone predicate (fits(0) must hold). */
function largest(fits: (n: number) => boolean, upper: number): number {
  let lo = 0;
  let hi = upper;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

const MAX_TOKEN = 8_192;
const nestArrays = (depth: number): string => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const nestObjects = (depth: number): string => `${'{"a":'.repeat(depth)}0${'}'.repeat(depth)}`;
const withMember = (json: string, name: string, rawValue: string): string =>
  `${json.slice(0, -1)},"${name}":${rawValue}}`;

/** Header and payload JSON of a token signed as rsa-1 whose payload carries the deepest array nesting that fits. */
function deepestPayload(claims: Claims): { header: string; payload: string } {
  const header = JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: 'rsa-1' });
  const base = JSON.stringify(claims);
  const depth = largest((d) => rsaTokenLength(header, withMember(base, 'x', nestArrays(d))) <= MAX_TOKEN, MAX_TOKEN);
  return { header, payload: withMember(base, 'x', nestArrays(depth)) };
}

/** A real signed Cognito reader token of exactly `length` characters (padded through a claim and, if needed, typ). */
function signedOfLength(ctx: AttackContext, length: number): string {
  for (let extra = 0; extra < 4; extra++) {
    const header = JSON.stringify({ alg: 'RS256', typ: `JWT${' '.repeat(extra)}`, kid: 'rsa-1' });
    const claimsFor = (pad: number) => JSON.stringify(cognito(ctx, { pad: 'p'.repeat(pad) }));
    const pad = largest((n) => rsaTokenLength(header, claimsFor(n)) <= length, length);
    if (rsaTokenLength(header, claimsFor(pad)) === length)
      return signText(header, claimsFor(pad), 'RS256', ctx.keys.rsa);
  }
  throw new Error(`cannot build a token of exactly ${length} characters`);
}

// ---------------------------------------------------------------------------------------------------------------
// The table

type Build = (ctx: AttackContext) => AttackInput;
type Flags = Pick<AttackCase, 'exactClock' | 'oversizedHeader'>;

const cases: AttackCase[] = [];
const tok =
  (make: (ctx: AttackContext) => string, route?: [string, string]): Build =>
  (ctx) => ({ authorization: bearer(make(ctx)), ...(route ? { methodArn: ctx.methodArn(route[0], route[1]) } : {}) });

function reject(
  group: AttackGroup,
  id: string,
  description: string,
  reason: DecisionReason | undefined,
  build: Build,
  flags: Flags = {},
): void {
  cases.push({
    id: `${group}/${id}`,
    group,
    description,
    build,
    expect: 'unauthorized',
    ...(reason ? { reason } : {}),
    ...flags,
  });
}

function deny(
  group: AttackGroup,
  id: string,
  description: string,
  build: Build,
  probe: PolicyProbe = {},
  reason: DecisionReason = 'insufficient_scope',
): void {
  cases.push({ id: `${group}/${id}`, group, description, build, expect: { deny: true, ...probe }, reason });
}

function allow(
  group: AttackGroup,
  id: string,
  description: string,
  build: Build,
  probe: PolicyProbe = {},
  flags: Flags = {},
): void {
  cases.push({
    id: `${group}/${id}`,
    group,
    description,
    build,
    expect: { allow: true, ...probe },
    reason: 'ok',
    ...flags,
  });
}

// --- alg: none, in every case spelling, with and without a signature ---------------------------------------------
for (const alg of ['none', 'None', 'NONE', 'nOnE']) {
  reject(
    'alg-none',
    `${alg}-unsigned`,
    `alg "${alg}" with an empty signature segment`,
    'malformed',
    tok((ctx) => assemble({ alg, typ: 'JWT', kid: 'rsa-1' }, cognito(ctx), '')),
  );
  reject(
    'alg-none',
    `${alg}-signed`,
    `alg "${alg}" carrying the provider key's real RS256 signature of the same input`,
    'unsupported_alg',
    tok((ctx) =>
      signRaw(`${b64({ alg, typ: 'JWT', kid: 'rsa-1' })}.${b64(cognito(ctx))}`, 'RS256', ctx.keys.rsa.privateKey),
    ),
  );
}
reject(
  'alg-none',
  'none-oidc-junk-signature',
  'alg "none" for the OIDC provider with a junk signature',
  'unsupported_alg',
  tok((ctx) => assemble({ alg: 'none', kid: 'rsa-1' }, oidc(ctx))),
);
reject(
  'alg-none',
  'none-no-kid',
  'alg "none" without a kid',
  'unsupported_alg',
  tok((ctx) => assemble({ alg: 'none' }, cognito(ctx))),
);

// --- HS* keyed with the provider's public key (every encoding), or with empty and guessable secrets --------------
const PUBLIC_KEY_ENCODINGS: Array<[string, string, (key: TestKey) => string | Buffer]> = [
  [
    'pem-newline',
    'SPKI PEM with its trailing newline',
    (k) => k.publicKey.export({ type: 'spki', format: 'pem' }) as string,
  ],
  [
    'pem-trimmed',
    'SPKI PEM without the trailing newline',
    (k) => (k.publicKey.export({ type: 'spki', format: 'pem' }) as string).trimEnd(),
  ],
  ['pem-pkcs1', 'PKCS#1 "RSA PUBLIC KEY" PEM', (k) => k.publicKey.export({ type: 'pkcs1', format: 'pem' }) as string],
  ['der-spki', 'SPKI DER bytes', (k) => k.publicKey.export({ type: 'spki', format: 'der' })],
  ['jwk-json', 'the JWK exactly as the JWKS publishes it, as JSON text', (k) => JSON.stringify(k.jwk)],
  [
    'jwk-json-bare',
    'the bare {kty,n,e} JWK as JSON text',
    (k) => JSON.stringify({ kty: k.jwk.kty, n: k.jwk.n, e: k.jwk.e }),
  ],
  ['modulus-bytes', 'the raw modulus bytes', (k) => Buffer.from(String(k.jwk.n), 'base64url')],
  ['modulus-b64url', 'the modulus as base64url text (the JWK "n")', (k) => String(k.jwk.n)],
];
const GUESSABLE_SECRETS: Array<[string, string, (ctx: AttackContext) => string]> = [
  ['empty-secret', 'an empty secret', () => ''],
  ['secret-secret', 'the secret "secret"', () => 'secret'],
  ['kid-secret', 'the kid as the secret', () => 'rsa-1'],
  ['issuer-secret', 'the issuer URL as the secret', (ctx) => ctx.cognitoIssuer],
];
for (const alg of ['HS256', 'HS384', 'HS512']) {
  for (const [name, what, secretOf] of PUBLIC_KEY_ENCODINGS) {
    reject(
      'alg-confusion',
      `${alg}-${name}`,
      `${alg} keyed with the provider's RSA public key: ${what}`,
      'unsupported_alg',
      tok((ctx) => signHmac(secretOf(ctx.keys.rsa), { alg, typ: 'JWT', kid: 'rsa-1' }, cognito(ctx))),
    );
  }
  for (const [name, what, secretOf] of GUESSABLE_SECRETS) {
    reject(
      'alg-confusion',
      `${alg}-${name}`,
      `${alg} keyed with ${what}`,
      'unsupported_alg',
      tok((ctx) => signHmac(secretOf(ctx), { alg, typ: 'JWT', kid: 'rsa-1' }, cognito(ctx))),
    );
  }
}
reject(
  'alg-confusion',
  'HS256-oidc-pem',
  'HS256 keyed with the SPKI PEM, against the OIDC provider (wider asymmetric allow-list)',
  'unsupported_alg',
  tok((ctx) =>
    signHmac(ctx.keys.rsa.publicKey.export({ type: 'spki', format: 'pem' }), { alg: 'HS256', kid: 'rsa-1' }, oidc(ctx)),
  ),
);
reject(
  'alg-confusion',
  'HS256-ec-pem',
  'HS256 keyed with the published EC key as SPKI PEM, naming ec-1',
  'unsupported_alg',
  tok((ctx) =>
    signHmac(ctx.keys.ec.publicKey.export({ type: 'spki', format: 'pem' }), { alg: 'HS256', kid: 'ec-1' }, oidc(ctx)),
  ),
);
reject(
  'alg-confusion',
  'HS256-published-oct',
  'HS256 keyed with the symmetric "oct" key the JWKS publishes, naming oct-1',
  'unsupported_alg',
  tok((ctx) => signHmac(OCT_SECRET, { alg: 'HS256', kid: 'oct-1' }, cognito(ctx))),
);

// --- alg values outside the allow-list, with a real signature --------------------------------------------------
const ODD_ALGS: Array<[string, unknown]> = [
  ['lowercase', 'rs256'],
  ['trailing-space', 'RS256 '],
  ['leading-space', ' RS256'],
  ['nul-suffix', 'RS256\u0000'],
  ['array', ['RS256']],
  ['null', null],
  ['number', 256],
  ['missing', undefined],
  ['ES256K', 'ES256K'],
  ['jwe-alg', 'RSA-OAEP'],
];
for (const [name, alg] of ODD_ALGS) {
  reject(
    'alg-header',
    name,
    `alg ${show(alg)} with the provider key's real RS256 signature`,
    'unsupported_alg',
    tok((ctx) =>
      signRaw(`${b64({ alg, typ: 'JWT', kid: 'rsa-1' })}.${b64(cognito(ctx))}`, 'RS256', ctx.keys.rsa.privateKey),
    ),
  );
}
reject(
  'alg-header',
  'EdDSA-published-key',
  'EdDSA with a valid Ed25519 signature by the published ed-1 key (never configurable)',
  'unsupported_alg',
  tok((ctx) => signEd(ctx.keys.ed, {}, oidc(ctx))),
);
reject(
  'alg-header',
  'PS256-pinned-provider',
  'PS256 signed with rsa-1 against the provider pinned to RS256',
  'unsupported_alg',
  tok((ctx) => signToken({ ...ctx.keys.rsa, alg: 'PS256' }, cognito(ctx))),
);
reject(
  'alg-header',
  'RS384-pinned-provider',
  'RS384 signed with rsa-1 against the provider pinned to RS256',
  'unsupported_alg',
  tok((ctx) => signToken({ ...ctx.keys.rsa, alg: 'RS384' }, cognito(ctx))),
);
reject(
  'alg-header',
  'RS512-pinned-provider',
  'RS512 signed with rsa-1 against the provider pinned to RS256',
  'unsupported_alg',
  tok((ctx) => signToken({ ...ctx.keys.rsa, alg: 'RS512' }, cognito(ctx))),
);
reject(
  'alg-header',
  'ES256-pinned-provider',
  'ES256 validly signed with ec-1 against the provider pinned to RS256',
  'unsupported_alg',
  tok((ctx) => signToken(ctx.keys.ec, cognito(ctx))),
);

// --- the key's declared alg binds it: RS384/RS512/PS256 by the right private key, JWK says RS256 ----------------
for (const alg of ['RS384', 'RS512', 'PS256']) {
  reject(
    'key-alg-binding',
    `${alg}-with-rs256-jwk`,
    `${alg} signed with rsa-1's own private key (JWK alg RS256), ${alg} in the provider's allow-list`,
    'alg_mismatch',
    tok((ctx) => signToken({ ...ctx.keys.rsa, alg }, oidc(ctx))),
  );
}
reject(
  'key-alg-binding',
  'ES256-naming-rsa',
  'ES256 signed by ec-1 but naming the RSA key rsa-1',
  'alg_mismatch',
  tok((ctx) => signToken({ ...ctx.keys.ec, kid: 'rsa-1' }, oidc(ctx))),
);
reject(
  'key-alg-binding',
  'RS256-naming-ec',
  'RS256 signed by rsa-1 but naming the EC key ec-1',
  'alg_mismatch',
  tok((ctx) => signToken({ ...ctx.keys.rsa, kid: 'ec-1' }, oidc(ctx))),
);
reject(
  'key-alg-binding',
  'RS256-naming-ed',
  'RS256 signed by rsa-1 but naming the Ed25519 key ed-1',
  'alg_mismatch',
  tok((ctx) => signToken({ ...ctx.keys.rsa, kid: 'ed-1' }, oidc(ctx))),
);

// --- psychic ECDSA signatures (CVE-2022-21449) against the published EC key -------------------------------------
const P256_ORDER = Buffer.from('ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551', 'hex');
const es256Input = (ctx: AttackContext, kid = 'ec-1', claims = oidc(ctx)) =>
  `${b64({ alg: 'ES256', typ: 'JWT', kid })}.${b64(claims)}`;
reject(
  'psychic-ecdsa',
  'r-s-zero',
  'ES256 with r = s = 0 (64 zero bytes) against ec-1',
  'bad_signature',
  tok((ctx) => `${es256Input(ctx)}.${Buffer.alloc(64).toString('base64url')}`),
);
reject(
  'psychic-ecdsa',
  'r-s-zero-der',
  'ES256 with r = s = 0 as a DER SEQUENCE (30 06 02 01 00 02 01 00)',
  'bad_signature',
  tok((ctx) => `${es256Input(ctx)}.${Buffer.from('3006020100020100', 'hex').toString('base64url')}`),
);
reject(
  'psychic-ecdsa',
  'r-s-order',
  'ES256 with r = s = n (the P-256 group order)',
  'bad_signature',
  tok((ctx) => `${es256Input(ctx)}.${Buffer.concat([P256_ORDER, P256_ORDER]).toString('base64url')}`),
);
reject(
  'psychic-ecdsa',
  'r-zero-real-s',
  'ES256 with r = 0 and the s of a real signature',
  'bad_signature',
  tok((ctx) => {
    const real = Buffer.from(parts(signToken(ctx.keys.ec, oidc(ctx)))[2], 'base64url');
    return `${es256Input(ctx)}.${Buffer.concat([Buffer.alloc(32), real.subarray(32)]).toString('base64url')}`;
  }),
);
reject(
  'psychic-ecdsa',
  'single-zero-byte',
  'ES256 with a one-byte zero signature',
  'bad_signature',
  tok((ctx) => `${es256Input(ctx)}.AA`),
);
reject(
  'psychic-ecdsa',
  'r-s-zero-pinned-provider',
  'r = s = 0 against the provider pinned to RS256',
  'unsupported_alg',
  tok((ctx) => `${b64({ alg: 'ES256', kid: 'ec-1' })}.${b64(cognito(ctx))}.${Buffer.alloc(64).toString('base64url')}`),
);
reject(
  'psychic-ecdsa',
  'r-s-zero-naming-rsa',
  'r = s = 0 naming the RSA key rsa-1',
  'alg_mismatch',
  tok((ctx) => `${es256Input(ctx, 'rsa-1')}.${Buffer.alloc(64).toString('base64url')}`),
);

// --- stripped, swapped, bit-flipped, re-encoded signatures ----------------------------------------------------
reject(
  'signature',
  'stripped-empty',
  'signature stripped, the trailing dot kept',
  'malformed',
  tok((ctx) => withSignature(validCognito(ctx), '')),
);
reject(
  'signature',
  'stripped-two-segments',
  'signature and its dot stripped',
  'malformed',
  tok((ctx) => parts(validCognito(ctx)).slice(0, 2).join('.')),
);
reject(
  'signature',
  'swapped-other-token',
  'signature of another valid token by the same key',
  'bad_signature',
  tok((ctx) => withSignature(validCognito(ctx), parts(validCognito(ctx, { sub: 'someone-else' }))[2])),
);
reject(
  'signature',
  'swapped-other-provider',
  'signature of a valid token of the other provider',
  'bad_signature',
  tok((ctx) => withSignature(validCognito(ctx), parts(signToken(ctx.keys.rsa, oidc(ctx)))[2])),
);
reject(
  'signature',
  'swapped-other-key',
  'the same input signed by the other published key rsa-2, still naming rsa-1',
  'bad_signature',
  tok((ctx) => signToken({ ...ctx.keys.rsa2, kid: 'rsa-1' }, cognito(ctx))),
);
reject(
  'signature',
  'swapped-ec-signature',
  "an ES256 signature by ec-1 in place of rsa-1's RS256 one",
  'bad_signature',
  tok((ctx) => withSignature(validCognito(ctx), parts(signToken(ctx.keys.ec, cognito(ctx)))[2])),
);
reject(
  'signature',
  'bitflip-first',
  'lowest bit of the first signature byte flipped',
  'bad_signature',
  tok((ctx) =>
    withSignature(
      validCognito(ctx),
      flipBit(parts(validCognito(ctx))[2], () => 0),
    ),
  ),
);
reject(
  'signature',
  'bitflip-middle',
  'a bit of the middle signature byte flipped',
  'bad_signature',
  tok((ctx) =>
    withSignature(
      validCognito(ctx),
      flipBit(parts(validCognito(ctx))[2], (n) => n >> 1, 0x10),
    ),
  ),
);
reject(
  'signature',
  'bitflip-last',
  'highest bit of the last signature byte flipped',
  'bad_signature',
  tok((ctx) =>
    withSignature(
      validCognito(ctx),
      flipBit(parts(validCognito(ctx))[2], (n) => n - 1, 0x80),
    ),
  ),
);
// Four characters (three bytes) cut before the final partial group, so the tail stays canonical base64url.
reject(
  'signature',
  'truncated',
  'signature missing four characters before its tail',
  'bad_signature',
  tok((ctx) => withSignature(validCognito(ctx), cutBeforeTail(parts(validCognito(ctx))[2]))),
);
reject(
  'signature',
  'truncated-tail',
  'signature missing its last four characters (a non-canonical tail or a wrong length)',
  'malformed',
  tok((ctx) => withSignature(validCognito(ctx), nonCanonicalTruncation(parts(validCognito(ctx))[2]))),
);
reject(
  'signature',
  'extended',
  'signature with four extra characters',
  'bad_signature',
  tok((ctx) => withSignature(validCognito(ctx), `${parts(validCognito(ctx))[2]}AAAA`)),
);
reject(
  'signature',
  'standard-base64-padded',
  'signature re-encoded as padded standard base64',
  'malformed',
  tok((ctx) =>
    withSignature(validCognito(ctx), Buffer.from(parts(validCognito(ctx))[2], 'base64url').toString('base64')),
  ),
);
reject(
  'signature',
  'header-as-signature',
  'the header segment as the signature',
  'bad_signature',
  tok((ctx) => withSignature(validCognito(ctx), parts(validCognito(ctx))[0])),
);
reject(
  'signature',
  'dangling-character-rsa-2048',
  'a valid RS256 token (2048-bit key) with one more base64url character',
  'bad_signature',
  tok((ctx) => `${validCognito(ctx)}A`),
);
// Same bytes, different string: a second spelling of a valid token must not be accepted (it dodges any
// exact-string revocation list or replay check, and API Gateway's cache, which is keyed by the token text).
reject(
  'signature',
  'non-canonical-tail-rs256',
  'a valid RS256 token whose last signature character has a non-zero unused bit (same signature bytes)',
  undefined,
  tok((ctx) => {
    const token = validCognito(ctx);
    return withSignature(token, nonCanonicalTail(parts(token)[2]));
  }),
);
reject(
  'signature',
  'dangling-character-rsa-3072',
  'a valid RS256 token by the 3072-bit key with one more base64url character (a dangling 6 bits a lenient decoder drops)',
  undefined,
  tok((ctx) => `${signToken(ctx.keys.rsa3072, cognito(ctx))}A`),
);
reject(
  'signature',
  'non-canonical-tail-es256',
  'a valid ES256 token whose last signature character has a non-zero unused bit (same signature bytes)',
  undefined,
  tok((ctx) => {
    const token = signToken(ctx.keys.ec, oidc(ctx));
    return withSignature(token, nonCanonicalTail(parts(token)[2]));
  }),
);

// --- tampered header or payload, original signature kept ---------------------------------------------------------
reject(
  'tamper',
  'payload-sub',
  'payload sub changed to "admin"',
  'bad_signature',
  tok((ctx) => withPayload(validCognito(ctx), { sub: 'admin' })),
);
reject(
  'tamper',
  'payload-groups',
  'payload cognito:groups raised to writers and moderators',
  'bad_signature',
  tok((ctx) => withPayload(validCognito(ctx), { 'cognito:groups': ['writers', 'moderators'] })),
);
reject(
  'tamper',
  'payload-exp',
  'payload exp extended by a year',
  'bad_signature',
  tok((ctx) => withPayload(validCognito(ctx), { exp: ctx.nowSeconds + 366 * 86400 })),
);
reject(
  'tamper',
  'payload-reserialised',
  'the same claims re-serialised with whitespace',
  'bad_signature',
  tok((ctx) => {
    const [h, , s] = parts(validCognito(ctx));
    return `${h}.${b64text(JSON.stringify(cognito(ctx), null, 1))}.${s}`;
  }),
);
reject(
  'tamper',
  'payload-provider-switch',
  'payload iss switched to the OIDC provider (which also trusts rsa-1)',
  'bad_signature',
  tok((ctx) =>
    withPayload(validCognito(ctx), { iss: ctx.oidcIssuer, aud: OIDC_AUDIENCE, scope: 'comments:read comments:write' }),
  ),
);
reject(
  'tamper',
  'header-kid',
  'header kid changed to the other published key rsa-2',
  'bad_signature',
  tok((ctx) => withHeader(validCognito(ctx), { kid: 'rsa-2' })),
);
reject(
  'tamper',
  'header-typ',
  'header typ changed to at+jwt',
  'bad_signature',
  tok((ctx) => withHeader(validCognito(ctx), { typ: 'at+jwt' })),
);
reject(
  'tamper',
  'header-alg',
  'header alg changed from RS256 to RS384 (OIDC provider allows RS384)',
  'alg_mismatch',
  tok((ctx) => withHeader(signToken(ctx.keys.rsa, oidc(ctx)), { alg: 'RS384' })),
);
reject(
  'tamper',
  'header-kid-removed',
  'header kid removed',
  'unknown_kid',
  tok((ctx) => withHeader(validCognito(ctx), { kid: undefined })),
);

// --- duplicate header parameters, the header text signed by the provider key -------------------------------------
const DUPLICATE_HEADERS: Array<[string, string, string]> = [
  ['alg-none-then-rs256', 'alg "none" then alg "RS256"', '{"alg":"none","alg":"RS256","kid":"rsa-1","typ":"JWT"}'],
  ['alg-rs256-then-none', 'alg "RS256" then alg "none"', '{"alg":"RS256","kid":"rsa-1","alg":"none"}'],
  ['alg-rs256-then-hs256', 'alg "RS256" then alg "HS256"', '{"alg":"RS256","kid":"rsa-1","typ":"JWT","alg":"HS256"}'],
  ['alg-escaped-name', 'alg and a second alg spelled "\\u0061lg"', '{"alg":"RS256","kid":"rsa-1","\\u0061lg":"HS256"}'],
  ['kid-twice', 'kid "attacker-1" then kid "rsa-1"', '{"alg":"RS256","kid":"attacker-1","kid":"rsa-1"}'],
];
for (const [id, what, header] of DUPLICATE_HEADERS) {
  reject(
    'duplicate-header',
    id,
    `header with a duplicate member: ${what}, signed by rsa-1`,
    'malformed',
    tok((ctx) => signText(header, JSON.stringify(cognito(ctx)), 'RS256', ctx.keys.rsa)),
  );
}

// --- keys named by the token (jku, x5u, jwk, x5c) pointing at the attacker --------------------------------------
const jku = (ctx: AttackContext) => `${ctx.attackerOrigin}/jwks.json`;
const x5u = (ctx: AttackContext) => `${ctx.attackerOrigin}/cert.pem`;
const x5c = (ctx: AttackContext) => [ctx.keys.attackerCertificate.toString('base64')];
const byAttacker = (ctx: AttackContext, header: Claims, claims = cognito(ctx)) =>
  signToken(ctx.keys.attacker, claims, header);
reject(
  'key-injection',
  'jku-attacker-kid',
  'jku = the attacker JWKS, kid of the attacker key',
  'unknown_kid',
  tok((ctx) => byAttacker(ctx, { jku: jku(ctx) })),
);
reject(
  'key-injection',
  'jku-provider-kid',
  'jku = the attacker JWKS (which also lists its key as rsa-1), kid rsa-1',
  'bad_signature',
  tok((ctx) => byAttacker(ctx, { jku: jku(ctx), kid: 'rsa-1' })),
);
reject(
  'key-injection',
  'jku-oidc',
  'jku = the attacker JWKS on an OIDC token',
  'unknown_kid',
  tok((ctx) => byAttacker(ctx, { jku: jku(ctx) }, oidc(ctx))),
);
reject(
  'key-injection',
  'x5u-attacker-kid',
  'x5u = the attacker certificate URL, kid of the attacker key',
  'unknown_kid',
  tok((ctx) => byAttacker(ctx, { x5u: x5u(ctx) })),
);
reject(
  'key-injection',
  'x5u-provider-kid',
  'x5u = the attacker certificate URL, kid rsa-1',
  'bad_signature',
  tok((ctx) => byAttacker(ctx, { x5u: x5u(ctx), kid: 'rsa-1' })),
);
reject(
  'key-injection',
  'jwk-attacker-kid',
  'embedded jwk = the attacker public key, kid of the attacker key',
  'unknown_kid',
  tok((ctx) => byAttacker(ctx, { jwk: ctx.keys.attacker.jwk })),
);
reject(
  'key-injection',
  'jwk-provider-kid',
  'embedded jwk = the attacker public key relabelled rsa-1, kid rsa-1',
  'bad_signature',
  tok((ctx) => byAttacker(ctx, { jwk: { ...ctx.keys.attacker.jwk, kid: 'rsa-1' }, kid: 'rsa-1' })),
);
reject(
  'key-injection',
  'jwk-no-kid',
  'embedded jwk = the attacker public key, no kid',
  'unknown_kid',
  tok((ctx) => byAttacker(ctx, { jwk: ctx.keys.attacker.jwk, kid: undefined })),
);
reject(
  'key-injection',
  'x5c-attacker-kid',
  'x5c = a real self-signed certificate of the attacker key, kid of the attacker key',
  'unknown_kid',
  tok((ctx) => byAttacker(ctx, { x5c: x5c(ctx) })),
);
reject(
  'key-injection',
  'x5c-provider-kid',
  'x5c = the attacker certificate, kid rsa-1',
  'bad_signature',
  tok((ctx) => byAttacker(ctx, { x5c: x5c(ctx), kid: 'rsa-1' })),
);
reject(
  'key-injection',
  'x5c-thumbprint-no-kid',
  'x5c and x5t#S256 of the attacker certificate, no kid',
  'unknown_kid',
  tok((ctx) =>
    byAttacker(ctx, {
      x5c: x5c(ctx),
      'x5t#S256': createHash('sha256').update(ctx.keys.attackerCertificate).digest('base64url'),
      kid: undefined,
    }),
  ),
);
reject(
  'key-injection',
  'all-four-provider-kid',
  'jku, x5u, jwk and x5c all pointing at the attacker, kid rsa-1',
  'bad_signature',
  tok((ctx) =>
    byAttacker(ctx, {
      jku: jku(ctx),
      x5u: x5u(ctx),
      jwk: { ...ctx.keys.attacker.jwk, kid: 'rsa-1' },
      x5c: x5c(ctx),
      kid: 'rsa-1',
    }),
  ),
);
reject(
  'key-injection',
  'all-four-ec',
  'an ES256 token by the attacker EC key with jku/x5u/jwk/x5c, kid ec-1',
  'bad_signature',
  tok((ctx) =>
    signToken(ctx.keys.attackerEc, oidc(ctx), {
      jku: jku(ctx),
      x5u: x5u(ctx),
      jwk: { ...ctx.keys.attackerEc.jwk, kid: 'ec-1' },
      x5c: x5c(ctx),
      kid: 'ec-1',
    }),
  ),
);
reject(
  'key-injection',
  'kid-is-attacker-url',
  'kid = the attacker JWKS URL',
  'unknown_kid',
  tok((ctx) => byAttacker(ctx, { kid: jku(ctx) })),
);
reject(
  'key-injection',
  'iss-is-attacker',
  'iss = an attacker issuer whose discovery would point at attacker keys',
  'unknown_issuer',
  tok((ctx) => byAttacker(ctx, {}, oidc(ctx, { iss: `${ctx.attackerOrigin}/issuer` }))),
);

// --- kid as anything but an opaque lookup key (real RS256 signature by rsa-1) ------------------------------------
const EVIL_KIDS: Array<[string, unknown]> = [
  ['path-traversal', '../../../../etc/passwd'],
  ['path-traversal-encoded', '..%2F..%2F..%2Fetc%2Fpasswd'],
  ['path-traversal-backslash', '..\\..\\keys\\rsa-1'],
  ['path-traversal-to-real-kid', 'rsa-2/../rsa-1'],
  ['dot-slash-real-kid', './rsa-1'],
  ['dev-null', '/dev/null'],
  ['file-url', 'file:///etc/passwd'],
  ['sql-or', "' OR '1'='1"],
  ['sql-comment', "rsa-1' --"],
  ['sql-drop', '1; DROP TABLE keys; --'],
  ['sql-union', "x' UNION SELECT 'secret' --"],
  ['nosql-string', '{"$ne":null}'],
  ['number', 1],
  ['zero', 0],
  ['object', { $ne: null }],
  ['empty-object', {}],
  ['array', ['rsa-1']],
  ['null', null],
  ['boolean', true],
  ['empty', ''],
  ['whitespace', ' '],
  ['trailing-space', 'rsa-1 '],
  ['upper-case', 'RSA-1'],
  ['nul-suffix', 'rsa-1\u0000'],
  ['proto', '__proto__'],
  ['constructor', 'constructor'],
  ['has-own-property', 'hasOwnProperty'],
  ['long-257', 'k'.repeat(257)],
  ['long-4096', `rsa-1${'x'.repeat(4091)}`],
];
for (const [id, kid] of EVIL_KIDS) {
  reject(
    'kid-injection',
    id,
    `kid ${show(kid).slice(0, 60)} with rsa-1's real signature`,
    'unknown_kid',
    tok((ctx) => signToken(ctx.keys.rsa, cognito(ctx), { kid })),
  );
}

// --- JWKS entries that must never verify anything ---------------------------------------------------------------
reject(
  'published-keys',
  'use-enc',
  'signed by the key published with use "enc", naming it (enc-1)',
  'unknown_kid',
  tok((ctx) => signToken(ctx.keys.encryption, cognito(ctx))),
);
reject(
  'published-keys',
  'duplicate-kid-a',
  'signed by the first of two keys published under kid dup-1',
  'unknown_kid',
  tok((ctx) => signToken(ctx.keys.duplicateA, cognito(ctx))),
);
reject(
  'published-keys',
  'duplicate-kid-b',
  'signed by the second of two keys published under kid dup-1',
  'unknown_kid',
  tok((ctx) => signToken(ctx.keys.duplicateB, cognito(ctx))),
);
reject(
  'published-keys',
  'leaked-private-jwk',
  'signed by a key whose private JWK the provider published by mistake (leaked-1)',
  'unknown_kid',
  tok((ctx) => signToken(ctx.keys.leaked, cognito(ctx))),
);
reject(
  'published-keys',
  'ec-labelled-rs256',
  'ES256 by an EC key the JWKS labels RS256 (ec-mislabeled)',
  'unknown_kid',
  tok((ctx) => signToken({ ...ctx.keys.mislabeled, alg: 'ES256' }, oidc(ctx))),
);
reject(
  'published-keys',
  'oct-kid-rs256',
  'RS256 by rsa-1 naming the symmetric oct-1 entry',
  'unknown_kid',
  tok((ctx) => signToken(ctx.keys.rsa, cognito(ctx), { kid: 'oct-1' })),
);

// --- crit: no extension is implemented, so any crit is refused (RFC 7515 §4.1.11) --------------------------------
const CRITS: Array<[string, Claims]> = [
  ['exp', { crit: ['exp'], exp: 1 }],
  ['b64', { crit: ['b64'], b64: false }],
  ['empty-list', { crit: [] }],
  ['string', { crit: 'exp' }],
  ['unknown-urn', { crit: ['urn:example:must-understand'], 'urn:example:must-understand': true }],
];
for (const [id, header] of CRITS) {
  reject(
    'crit',
    id,
    `crit ${JSON.stringify(header.crit)} with rsa-1's real signature`,
    'crit_unsupported',
    tok((ctx) => signToken(ctx.keys.rsa, cognito(ctx), header)),
  );
}

// --- exp / nbf / iat around the clock tolerance, and claims of the wrong type (real signatures) -------------------
const at = (make: (ctx: AttackContext) => Claims): Build => tok((ctx) => validCognito(ctx, make(ctx)));
const exact = { exactClock: true } as const;
reject(
  'time',
  'exp-boundary-minus-1',
  'exp = now - tolerance - 1',
  'expired',
  at((c) => ({ exp: c.nowSeconds - c.toleranceSeconds - 1 })),
  exact,
);
reject(
  'time',
  'exp-boundary',
  'exp = now - tolerance (exactly at the boundary)',
  'expired',
  at((c) => ({ exp: c.nowSeconds - c.toleranceSeconds })),
  exact,
);
allow(
  'time',
  'exp-boundary-plus-1',
  'exp = now - tolerance + 1 is still accepted',
  at((c) => ({ exp: c.nowSeconds - c.toleranceSeconds + 1 })),
  {},
  exact,
);
allow(
  'time',
  'exp-now',
  'exp = now is accepted inside the tolerance',
  at((c) => ({ exp: c.nowSeconds })),
  {},
  exact,
);
reject(
  'time',
  'nbf-boundary-plus-1',
  'nbf = now + tolerance + 1',
  'not_yet_valid',
  at((c) => ({ nbf: c.nowSeconds + c.toleranceSeconds + 1 })),
  exact,
);
allow(
  'time',
  'nbf-boundary',
  'nbf = now + tolerance (exactly at the boundary) is accepted',
  at((c) => ({ nbf: c.nowSeconds + c.toleranceSeconds })),
  {},
  exact,
);
allow(
  'time',
  'nbf-boundary-minus-1',
  'nbf = now + tolerance - 1 is accepted',
  at((c) => ({ nbf: c.nowSeconds + c.toleranceSeconds - 1 })),
  {},
  exact,
);
reject(
  'time',
  'iat-boundary-plus-1',
  'iat = now + tolerance + 1',
  'issued_in_future',
  at((c) => ({ iat: c.nowSeconds + c.toleranceSeconds + 1 })),
  exact,
);
allow(
  'time',
  'iat-boundary',
  'iat = now + tolerance (exactly at the boundary) is accepted',
  at((c) => ({ iat: c.nowSeconds + c.toleranceSeconds })),
  {},
  exact,
);
allow(
  'time',
  'iat-boundary-minus-1',
  'iat = now + tolerance - 1 is accepted',
  at((c) => ({ iat: c.nowSeconds + c.toleranceSeconds - 1 })),
  {},
  exact,
);
reject(
  'time',
  'exp-hour-ago',
  'exp an hour ago',
  'expired',
  at((c) => ({ exp: c.nowSeconds - 3600 })),
);
reject(
  'time',
  'exp-zero',
  'exp = 0',
  'expired',
  at(() => ({ exp: 0 })),
);
reject(
  'time',
  'exp-negative',
  'exp = -1',
  'expired',
  at(() => ({ exp: -1 })),
);
reject(
  'time',
  'nbf-hour-ahead',
  'nbf an hour ahead',
  'not_yet_valid',
  at((c) => ({ nbf: c.nowSeconds + 3600 })),
);
reject(
  'time',
  'iat-hour-ahead',
  'iat an hour ahead',
  'issued_in_future',
  at((c) => ({ iat: c.nowSeconds + 3600 })),
);
reject(
  'time',
  'exp-missing',
  'no exp',
  'missing_exp',
  at(() => ({ exp: undefined })),
);
reject(
  'time',
  'exp-string',
  'exp as a numeric string',
  'invalid_claim',
  at((c) => ({ exp: String(c.nowSeconds + 3600) })),
);
reject(
  'time',
  'exp-array',
  'exp as an array',
  'invalid_claim',
  at((c) => ({ exp: [c.nowSeconds + 3600] })),
);
reject(
  'time',
  'exp-null',
  'exp null',
  'invalid_claim',
  at(() => ({ exp: null })),
);
reject(
  'time',
  'exp-nan-string',
  'exp "NaN"',
  'invalid_claim',
  at(() => ({ exp: 'NaN' })),
);
reject(
  'time',
  'exp-boolean',
  'exp true',
  'invalid_claim',
  at(() => ({ exp: true })),
);
reject(
  'time',
  'exp-object',
  'exp as an object',
  'invalid_claim',
  at((c) => ({ exp: { value: c.nowSeconds + 3600 } })),
);
reject(
  'time',
  'exp-1e400',
  'exp 1e400 (JSON.parse gives Infinity)',
  'missing_exp',
  tok((ctx) =>
    signText(
      JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: 'rsa-1' }),
      withRawClaim(cognito(ctx), 'exp', '1e400'),
      'RS256',
      ctx.keys.rsa,
    ),
  ),
);
reject(
  'time',
  'exp-minus-1e400',
  'exp -1e400 (-Infinity)',
  'expired',
  tok((ctx) =>
    signText(
      JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: 'rsa-1' }),
      withRawClaim(cognito(ctx), 'exp', '-1e400'),
      'RS256',
      ctx.keys.rsa,
    ),
  ),
);
reject(
  'time',
  'nbf-string',
  'nbf as a string',
  'invalid_claim',
  at((c) => ({ nbf: String(c.nowSeconds) })),
);
reject(
  'time',
  'nbf-array',
  'nbf as an array',
  'invalid_claim',
  at((c) => ({ nbf: [c.nowSeconds] })),
);
reject(
  'time',
  'iat-string',
  'iat as a string',
  'invalid_claim',
  at((c) => ({ iat: String(c.nowSeconds) })),
);
reject(
  'time',
  'iat-null',
  'iat null',
  'invalid_claim',
  at(() => ({ iat: null })),
);
reject(
  'time',
  'iat-1e400',
  'iat 1e400 (Infinity)',
  'invalid_claim',
  tok((ctx) =>
    signText(
      JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: 'rsa-1' }),
      withRawClaim(cognito(ctx), 'iat', '1e400'),
      'RS256',
      ctx.keys.rsa,
    ),
  ),
);
allow(
  'time',
  'exp-year-2100',
  "exp in 2100 (far, but an epoch the context contract can carry) is the issuer's choice",
  at(() => ({ exp: 4_102_444_800 })),
);
// An exp the context contract cannot carry (expiresAt is at most 12 digits): the authorizer must not answer with a
// policy whose context every handler then refuses as invalid.
reject(
  'time',
  'exp-13-digits',
  'exp = 10^13 (year 318857)',
  undefined,
  at(() => ({ exp: 10_000_000_000_000 })),
);
reject(
  'time',
  'exp-max-safe-integer',
  'exp = Number.MAX_SAFE_INTEGER',
  undefined,
  at(() => ({ exp: Number.MAX_SAFE_INTEGER })),
);
reject(
  'time',
  'exp-1e300',
  'exp = 1e300',
  undefined,
  at(() => ({ exp: 1e300 })),
);

// --- issuer variants (real signatures; the OIDC issuer unless said) ----------------------------------------------
const ISSUERS: Array<[string, (ctx: AttackContext) => unknown]> = [
  ['trailing-slash', (c) => `${c.oidcIssuer}/`],
  ['double-trailing-slash', (c) => `${c.oidcIssuer}//`],
  ['array', (c) => [c.oidcIssuer]],
  ['array-twice', (c) => [c.oidcIssuer, c.oidcIssuer]],
  ['lookalike-host', (c) => c.oidcIssuer.replace('127.0.0.1', '127.0.0.1.nip.io')],
  [
    'lookalike-port',
    (c) => {
      const url = new URL(c.oidcIssuer);
      url.port = String(Number(url.port) + 1);
      return url.toString();
    },
  ],
  ['lookalike-path-suffix', (c) => `${c.oidcIssuer}.evil`],
  ['dot-segment', (c) => c.oidcIssuer.replace('/issuer', '/x/../issuer')],
  ['percent-encoded', (c) => c.oidcIssuer.replace('/issuer', '/%69ssuer')],
  ['localhost-alias', (c) => c.oidcIssuer.replace('127.0.0.1', 'localhost')],
  ['https-variant', (c) => c.oidcIssuer.replace('http:', 'https:')],
  ['case-scheme', (c) => `HTTP${c.oidcIssuer.slice(4)}`],
  ['case-path', (c) => c.oidcIssuer.replace('/issuer', '/Issuer')],
  ['leading-space', (c) => ` ${c.oidcIssuer}`],
  ['trailing-space', (c) => `${c.oidcIssuer} `],
  ['trailing-tab', (c) => `${c.oidcIssuer}\t`],
  ['trailing-newline', (c) => `${c.oidcIssuer}\n`],
  ['trailing-nbsp', (c) => `${c.oidcIssuer}\u00a0`],
  ['zero-width-space', (c) => `${c.oidcIssuer}\u200b`],
  ['empty', () => ''],
  ['null', () => null],
  ['number', () => 1],
  ['object', (c) => ({ iss: c.oidcIssuer })],
  ['missing', () => undefined],
];
for (const [id, iss] of ISSUERS) {
  reject(
    'issuer',
    id,
    `iss variant: ${id}`,
    'unknown_issuer',
    tok((ctx) => signToken(ctx.keys.rsa, oidc(ctx, { iss: iss(ctx) }))),
  );
}
reject(
  'issuer',
  'cognito-trailing-slash',
  'the Cognito issuer with a trailing slash',
  'unknown_issuer',
  at((c) => ({ iss: `${c.cognitoIssuer}/` })),
);
reject(
  'issuer',
  'oidc-token-cognito-issuer',
  'an OIDC-shaped token carrying the Cognito issuer (provider confusion)',
  'token_use',
  tok((ctx) => signToken(ctx.keys.rsa, oidc(ctx, { iss: ctx.cognitoIssuer }))),
);

// --- multi-tenant issuers (the `entra` provider: tenants a and b listed, one shared key source) --------------------
const tenantToken = (iss: (c: AttackContext) => string, extra: Claims = {}): Build =>
  tok((ctx) => signToken(ctx.keys.rsa, oidc(ctx, { iss: iss(ctx), ...extra })));
allow(
  'tenant',
  'listed-with-tid',
  'a listed tenant, its own tid',
  tenantToken((c) => c.tenantIssuer('tenant-a'), { tid: 'tenant-a' }),
);
allow(
  'tenant',
  'listed-without-tid',
  'a listed tenant, no tid claim',
  tenantToken((c) => c.tenantIssuer('tenant-b')),
);
reject(
  'tenant',
  'unlisted',
  'an unlisted tenant of the same template',
  'unknown_issuer',
  tenantToken((c) => c.tenantIssuer('tenant-c')),
);
reject(
  'tenant',
  'tid-other-tenant',
  "tenant a's issuer with tenant b's tid",
  'tenant_mismatch',
  tenantToken((c) => c.tenantIssuer('tenant-a'), { tid: 'tenant-b' }),
);
reject(
  'tenant',
  'tid-number',
  'a tid that is not a string',
  'tenant_mismatch',
  tenantToken((c) => c.tenantIssuer('tenant-a'), { tid: 7 }),
);
reject(
  'tenant',
  'tid-case',
  'a tid differing only in case',
  'tenant_mismatch',
  tenantToken((c) => c.tenantIssuer('tenant-a'), { tid: 'Tenant-A' }),
);
const TENANT_ISSUERS: Array<[string, (c: AttackContext) => string]> = [
  ['template-literal', (c) => c.tenantIssuer('{tenant}')],
  ['case', (c) => c.tenantIssuer('Tenant-A')],
  ['dot-segment', (c) => c.tenantIssuer('tenant-c/../tenant-a')],
  ['percent-encoded', (c) => c.tenantIssuer('tenant%2Da')],
  ['prefix', (c) => c.tenantIssuer('tenant-')],
  ['empty', (c) => c.tenantIssuer('')],
  ['two-tenants', (c) => c.tenantIssuer('tenant-a/tenants/tenant-b')],
];
for (const [id, iss] of TENANT_ISSUERS)
  reject('tenant', `iss-${id}`, `iss with the tenant spelled: ${id}`, 'unknown_issuer', tenantToken(iss));

// --- audience variants (OIDC provider, audience api://comments) -------------------------------------------------
const AUDIENCES: Array<[string, unknown]> = [
  ['prefix', 'api://comment'],
  ['scheme-only', 'api://'],
  ['suffix-slash', 'api://comments/'],
  ['suffix-letter', 'api://commentsx'],
  ['trailing-space', 'api://comments '],
  ['leading-space', ' api://comments'],
  ['upper-case', 'API://COMMENTS'],
  ['mixed-case', 'Api://Comments'],
  ['space-joined', 'api://comments other'],
  ['space-joined-second', 'other api://comments'],
  ['comma-joined', 'api://comments,other'],
  ['empty-string', ''],
  ['empty-array', []],
  ['null', null],
  ['missing', undefined],
  ['number', 1],
  ['object', { 'api://comments': true }],
  ['nested-array', [['api://comments']]],
  ['array-of-junk', [null, 1, {}]],
  ['cognito-client-id', COGNITO_CLIENT],
];
for (const [id, aud] of AUDIENCES) {
  reject(
    'audience',
    id,
    `aud ${show(aud)}`,
    'audience',
    tok((ctx) => signToken(ctx.keys.rsa, oidc(ctx, { aud }))),
  );
}

// --- Cognito claims: client_id, token_use, sub (real signatures) ------------------------------------------------
reject(
  'claims',
  'client-id-case',
  'client_id in upper case',
  'client_id',
  at(() => ({ client_id: COGNITO_CLIENT.toUpperCase() })),
);
reject(
  'claims',
  'client-id-space',
  'client_id with a trailing space',
  'client_id',
  at(() => ({ client_id: `${COGNITO_CLIENT} ` })),
);
reject(
  'claims',
  'client-id-array',
  'client_id as an array',
  'client_id',
  at(() => ({ client_id: [COGNITO_CLIENT] })),
);
reject(
  'claims',
  'client-id-missing',
  'no client_id',
  'client_id',
  at(() => ({ client_id: undefined })),
);
reject(
  'claims',
  'client-id-in-aud',
  'the client id in aud instead of client_id',
  'client_id',
  at(() => ({ client_id: undefined, aud: COGNITO_CLIENT })),
);
reject(
  'claims',
  'token-use-id',
  'token_use "id" where access tokens are expected',
  'token_use',
  at(() => ({ token_use: 'id' })),
);
reject(
  'claims',
  'token-use-case',
  'token_use "Access"',
  'token_use',
  at(() => ({ token_use: 'Access' })),
);
reject(
  'claims',
  'token-use-array',
  'token_use ["access"]',
  'token_use',
  at(() => ({ token_use: ['access'] })),
);
reject(
  'claims',
  'token-use-missing',
  'no token_use',
  'token_use',
  at(() => ({ token_use: undefined })),
);
reject(
  'claims',
  'sub-missing',
  'no sub',
  'subject',
  at(() => ({ sub: undefined })),
);
reject(
  'claims',
  'sub-empty',
  'sub ""',
  'subject',
  at(() => ({ sub: '' })),
);
reject(
  'claims',
  'sub-blank',
  'sub of spaces',
  'subject',
  at(() => ({ sub: '   ' })),
);
reject(
  'claims',
  'sub-number',
  'sub as a number',
  'subject',
  at(() => ({ sub: 42 })),
);
reject(
  'claims',
  'sub-too-long',
  'sub of 513 characters',
  'subject',
  at(() => ({ sub: 's'.repeat(513) })),
);

// --- OIDC ID tokens are not API credentials (the OIDC provider takes tokenUse "access") --------------------------
const oidcToken = (extra: Claims, header: Claims = {}): Build =>
  tok((ctx) => signToken(ctx.keys.rsa, oidc(ctx, extra), header));
reject(
  'id-token',
  'id-token-at-hash',
  'an ID token (at_hash, nonce, auth_time) for the API audience',
  'id_token',
  oidcToken({ at_hash: 'q0OCSeKrJKYN1LZ9Tq-yrg', nonce: 'n-0S6', auth_time: 1 }),
);
reject(
  'id-token',
  'id-token-c-hash',
  'an ID token from the hybrid flow (c_hash)',
  'id_token',
  oidcToken({ c_hash: 'LDktKdoQak3Pk0cnXxCltA' }),
);
reject('id-token', 'id-token-keycloak-typ', 'a Keycloak ID token (typ "ID")', 'id_token', oidcToken({ typ: 'ID' }));
reject(
  'id-token',
  'id-token-under-at-jwt',
  'at_hash under a header typ at+jwt',
  'id_token',
  oidcToken({ at_hash: 'x' }, { typ: 'at+jwt' }),
);
allow('id-token', 'access-token-at-jwt', 'an RFC 9068 access token (typ at+jwt)', oidcToken({}, { typ: 'at+jwt' }));
allow(
  'id-token',
  'access-token-keycloak-nonce',
  'a Keycloak access token carrying nonce (keycloak#26893)',
  oidcToken({ typ: 'Bearer', nonce: 'n' }),
);

// --- scope lookalikes: GET /comments needs comments:read; none of these may grant it ------------------------------
const readRoute: [string, string] = ['GET', '/comments'];
const SCOPE_STRINGS: Array<[string, string]> = [
  ['suffix-x', 'comments:readx'],
  ['title-case', 'Comments:Read'],
  ['upper-case', 'COMMENTS:READ'],
  ['star', '*'],
  ['namespace-star', 'comments:*'],
  ['namespace-only', 'comments'],
  ['action-only', 'read'],
  ['prefix', 'comments:rea'],
  ['comma-joined', 'comments:read,comments:write'],
  ['semicolon-joined', 'comments:read;comments:write'],
  ['space-inside', 'comments: read'],
  ['tab-inside', 'comments:\tread'],
  ['newline-inside', 'comments:\nread'],
  ['nbsp-inside', 'comments:\u00a0read'],
  ['zero-width-suffix', 'comments:read\u200b'],
  ['fullwidth-letter', '\uff43omments:read'],
  ['cyrillic-homoglyph', 'comments:rea\u0501'],
  // RFC 6749 §3.3: scope tokens are separated by a space (%x20) only; no other character may split one.
  ['tab-joined', 'openid\tcomments:read'],
  ['newline-joined', 'openid\ncomments:read'],
  ['nbsp-joined', 'openid\u00a0comments:read'],
  ['nbsp-suffix', 'comments:read\u00a0'],
];
for (const [id, scope] of SCOPE_STRINGS) {
  deny(
    'scope',
    `scope-${id}`,
    `scope ${show(scope)} grants nothing`,
    tok((ctx) => signToken(ctx.keys.rsa, oidc(ctx, { scope })), readRoute),
  );
}
const SCOPE_CLAIMS: Array<[string, Claims]> = [
  ['scp-trailing-space', { scope: undefined, scp: ['comments:read '] }],
  ['scp-nbsp', { scope: undefined, scp: ['comments:read\u00a0'] }],
  ['scp-title-case', { scope: undefined, scp: ['Comments:Read'] }],
  ['scp-nested-array', { scope: undefined, scp: [['comments:read']] }],
  ['scp-comma-joined', { scope: undefined, scp: ['comments:read,comments:write'] }],
  ['scp-star', { scope: undefined, scp: ['*'] }],
  ['scope-object', { scope: { 'comments:read': true } }],
  ['scope-number', { scope: 1 }],
  ['scope-boolean', { scope: true }],
  ['unconfigured-permissions-claim', { scope: undefined, permissions: ['comments:read'] }],
  ['unconfigured-roles-claim', { scope: undefined, roles: ['comments:read'] }],
  ['unconfigured-realm-roles', { scope: undefined, realm_access: { roles: ['comments:read'] } }],
  ['claim-name-case', { scope: undefined, SCOPE: 'comments:read' }],
  ['claim-name-space', { scope: undefined, 'scope ': 'comments:read' }],
];
for (const [id, extra] of SCOPE_CLAIMS) {
  deny(
    'scope',
    id,
    `permission claims ${show(extra)} grant nothing`,
    tok((ctx) => signToken(ctx.keys.rsa, oidc(ctx, extra)), readRoute),
  );
}
const GROUPS: Array<[string, unknown]> = [
  ['title-case', ['Readers']],
  ['trailing-space', ['readers ']],
  ['nbsp', ['readers\u00a0']],
  ['string-not-array', 'readers'],
  ['nested-array', [['readers']]],
  ['comma-joined', ['readers,writers']],
  ['space-joined', ['readers writers']],
  ['proto', ['__proto__']],
  ['constructor', ['constructor']],
  ['to-string', ['toString']],
];
for (const [id, groups] of GROUPS) {
  deny(
    'scope',
    `group-${id}`,
    `cognito:groups ${show(groups)} grant nothing`,
    tok((ctx) => validCognito(ctx, { 'cognito:groups': groups }), readRoute),
  );
}
deny(
  'scope',
  'group-claim-name-case',
  '"cognito:Groups" (not the configured claim) grants nothing',
  tok((ctx) => validCognito(ctx, { 'cognito:groups': undefined, 'cognito:Groups': ['readers'] }), readRoute),
);
deny(
  'scope',
  'write-nul-suffix',
  'scope "comments:write\\u0000" does not grant POST /comments',
  tok(
    (ctx) => signToken(ctx.keys.rsa, oidc(ctx, { scope: 'comments:read comments:write\u0000' })),
    ['POST', '/comments'],
  ),
);
deny(
  'scope',
  'write-title-case',
  'scope "comments:Write" does not grant POST /comments',
  tok((ctx) => signToken(ctx.keys.rsa, oidc(ctx, { scope: 'comments:read comments:Write' })), ['POST', '/comments']),
);

// --- path and method variants must not bypass a Deny: the returned policy evaluated at each variant ARN ---------
const READER_VARIANTS = [
  'POST/comments/',
  'POST//comments',
  'POST/comments//',
  'post/comments',
  'Post/comments',
  'POST/Comments',
  'POST/COMMENTS',
  'POST/comments%2F',
  'POST/comments/..',
  'POST/comments/../comments',
  'POST/me/../comments',
  'POST/./comments',
  'POST/comments/%2e%2e',
  'POST/comments/1',
  'POST/me',
  'DELETE/comments/1',
  'DELETE/comments/1/',
  'DELETE/comments//1',
  'DELETE/comments/1%2F..',
  'DELETE/comments/1/..',
  'DELETE/comments/../comments/1',
  'delete/comments/1',
  'DELETE/Comments/1',
  'DELETE/comments/1/extra',
  'DELETE/comments/*',
  'DELETE/comments',
  'PUT/comments',
  'PUT/comments/1',
  'PATCH/comments/1',
  'OPTIONS/comments',
  'HEAD/comments',
  '*/comments',
  'ANY/comments',
  'GET/comments/1/secret',
  'GET/comments/1/',
  'GET/comments//',
  'GET/comments/1/2/3',
  'GET/comments/1/..',
  'GET/me/',
  'GET/me/extra',
  'GET//me',
  'GET/admin',
  // Raw ":" in path values (IAM's colon rule): every probe is judged under each wildcard model.
  'DELETE/comments/urn:c:7',
  'DELETE/comments/a:b:c',
  'GET/comments/urn:c:7/secret',
  'GET/comments/a:b/c:d',
  'POST/comments/urn:c:7',
];
for (const variant of READER_VARIANTS) {
  deny(
    'path-variants',
    `reader ${variant}`,
    `a reader's policy (called on POST /comments) denies ${variant}`,
    tok((ctx) => validCognito(ctx), ['POST', '/comments']),
    { denyAt: [variant] },
  );
}
const NO_PERMISSION_VARIANTS = [
  'GET/comments',
  'GET/comments/1',
  'GET/comments/',
  'get/comments',
  'GET/Comments',
  'GET//comments',
  'GET/me/../comments',
  'GET/me/%2e%2e/comments',
  'GET/me/..%2Fcomments',
  'GET/me/comments',
  'GET/me/',
];
for (const variant of NO_PERMISSION_VARIANTS) {
  deny(
    'path-variants',
    `no-permission ${variant}`,
    `the policy of a token without groups (called on GET /comments) denies ${variant}`,
    tok((ctx) => validCognito(ctx, { 'cognito:groups': [] }), readRoute),
    { denyAt: [variant] },
  );
}
const WRITER_ONLY_VARIANTS = [
  'GET/comments',
  'GET/comments/1',
  'get/comments',
  'GET/comments/',
  'GET/comments/1/',
  'GET//comments',
  'GET/comments/1%2F..',
  'DELETE/comments/1/secret',
  'DELETE/comments/1/',
  'DELETE/comments//',
  'POST/comments/1',
  'POST/comments/',
];
for (const variant of WRITER_ONLY_VARIANTS) {
  deny(
    'path-variants',
    `writer-only ${variant}`,
    `the policy of a comments:write-only token (called on GET /comments) denies ${variant}`,
    tok((ctx) => signToken(ctx.keys.rsa, oidc(ctx, { scope: 'comments:write' })), readRoute),
    { denyAt: [variant] },
  );
}

// --- the cache-order cases: the first route's result is reused for the next (API Gateway caches by token) -------
/**
 * One token, first on a route it may call and then on one it may not (and the other way round): whichever built the
 * cached document, it must answer every probe the same.
 */
function cacheOrder(
  who: string,
  holder: string,
  token: (ctx: AttackContext) => string,
  permitted: [string, string],
  forbidden: [string, string],
  probe: PolicyProbe,
): void {
  const first = ([verb, path]: [string, string]) => `${verb} ${path}`;
  allow(
    'cache-order',
    `${who}-permitted-then-forbidden`,
    `${holder} first on ${first(permitted)}: the cached Allow must still deny what it may not call`,
    tok(token, permitted),
    probe,
  );
  deny(
    'cache-order',
    `${who}-forbidden-then-permitted`,
    `${holder} first on ${first(forbidden)}: the cached Deny must still allow what it may call`,
    tok(token, forbidden),
    probe,
  );
}
cacheOrder('reader', 'a reader', (ctx) => validCognito(ctx), readRoute, ['POST', '/comments'], {
  allowAt: ['GET/comments', 'GET/comments/7', 'GET/me'],
  denyAt: ['POST/comments', 'DELETE/comments/7'],
});
cacheOrder(
  'writer-only',
  'a comments:write-only token',
  (ctx) => signToken(ctx.keys.rsa, oidc(ctx, { scope: 'comments:write' })),
  ['POST', '/comments'],
  ['GET', '/comments/7'],
  { allowAt: ['POST/comments', 'DELETE/comments/7', 'GET/me'], denyAt: ['GET/comments', 'GET/comments/7'] },
);
allow(
  'cache-order',
  'no-permission-me-then-comments',
  'a token without groups first on GET /me: the cached Allow must deny every comments route',
  tok((ctx) => validCognito(ctx, { 'cognito:groups': [] }), ['GET', '/me']),
  {
    allowAt: ['GET/me'],
    denyAt: ['GET/comments', 'GET/comments/7', 'POST/comments', 'DELETE/comments/7'],
  },
);

// --- oversized and deeply nested input -------------------------------------------------------------------------
const oversized = { oversizedHeader: true } as const;
reject(
  'oversized',
  'token-64kb-signed',
  'a 64 KB token really signed by rsa-1 (a 48 KB claim)',
  'too_large',
  tok((ctx) => validCognito(ctx, { pad: 'x'.repeat(48 * 1024) })),
  oversized,
);
reject(
  'oversized',
  'token-64kb-junk',
  '64 KB of base64url in three segments',
  'too_large',
  () => ({ authorization: bearer(`${'A'.repeat(21_845)}.${'B'.repeat(21_845)}.${'C'.repeat(21_844)}`) }),
  oversized,
);
reject(
  'oversized',
  'token-max-plus-one',
  `a real signed token of ${MAX_TOKEN + 1} characters`,
  'too_large',
  tok((ctx) => signedOfLength(ctx, MAX_TOKEN + 1)),
);
allow(
  'oversized',
  'token-exactly-max',
  `a real signed token of exactly ${MAX_TOKEN} characters is still accepted`,
  tok((ctx) => signedOfLength(ctx, MAX_TOKEN)),
);
reject(
  'oversized',
  'payload-nested-10000-arrays',
  'a payload nested 10,000 arrays deep',
  'too_large',
  tok((ctx) =>
    signText(
      JSON.stringify({ alg: 'RS256', kid: 'rsa-1' }),
      withMember(JSON.stringify(cognito(ctx)), 'x', nestArrays(10_000)),
      'RS256',
      ctx.keys.attacker,
    ),
  ),
  oversized,
);
reject(
  'oversized',
  'payload-nested-10000-objects',
  'a payload nested 10,000 objects deep',
  'too_large',
  tok((ctx) =>
    signText(
      JSON.stringify({ alg: 'RS256', kid: 'rsa-1' }),
      withMember(JSON.stringify(cognito(ctx)), 'x', nestObjects(10_000)),
      'RS256',
      ctx.keys.attacker,
    ),
  ),
  oversized,
);
reject(
  'oversized',
  'payload-deepest-fit-forged',
  'the deepest array nesting that fits in 8 KB, forged (attacker key, kid rsa-1)',
  'bad_signature',
  tok((ctx) => {
    const { header, payload } = deepestPayload(cognito(ctx));
    return signText(header, payload, 'RS256', ctx.keys.attacker);
  }),
);
allow(
  'oversized',
  'payload-deepest-fit-signed',
  'the deepest array nesting that fits in 8 KB, really signed by rsa-1, is just a valid token',
  tok((ctx) => {
    const { header, payload } = deepestPayload(cognito(ctx));
    return signText(header, payload, 'RS256', ctx.keys.rsa);
  }),
);
reject(
  'oversized',
  'header-deepest-fit-forged',
  'the deepest array nesting that fits in 8 KB inside the header, forged',
  'bad_signature',
  tok((ctx) => {
    const payload = JSON.stringify(cognito(ctx));
    const base = JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: 'rsa-1' });
    const depth = largest((d) => rsaTokenLength(withMember(base, 'x', nestArrays(d)), payload) <= MAX_TOKEN, MAX_TOKEN);
    return signText(withMember(base, 'x', nestArrays(depth)), payload, 'RS256', ctx.keys.attacker);
  }),
);
reject('oversized', 'many-segments-of-dots', '8,000 dots', 'malformed', () => ({
  authorization: bearer('.'.repeat(8_000)),
}));

// --- the Authorization header itself ----------------------------------------------------------------------------
const header =
  (make: (ctx: AttackContext) => string): Build =>
  (ctx) => ({ authorization: make(ctx) });
reject(
  'header-format',
  'empty',
  'an empty header value',
  'missing',
  header(() => ''),
);
reject(
  'header-format',
  'blank',
  'a header of spaces',
  'missing',
  header(() => '   '),
);
reject(
  'header-format',
  'scheme-only',
  '"Bearer" alone',
  'malformed',
  header(() => 'Bearer'),
);
reject(
  'header-format',
  'scheme-and-space',
  '"Bearer " with nothing after it',
  'malformed',
  header(() => 'Bearer '),
);
reject(
  'header-format',
  'no-scheme',
  'a valid token without a scheme',
  'malformed',
  header((ctx) => validCognito(ctx)),
);
reject(
  'header-format',
  'basic-scheme',
  'a valid token under the Basic scheme',
  'malformed',
  header((ctx) => `Basic ${validCognito(ctx)}`),
);
reject(
  'header-format',
  'token-scheme',
  'a valid token under a "Token" scheme',
  'malformed',
  header((ctx) => `Token ${validCognito(ctx)}`),
);
reject(
  'header-format',
  'tab-separator',
  'Bearer, a tab, then a valid token',
  'malformed',
  header((ctx) => `Bearer\t${validCognito(ctx)}`),
);
reject(
  'header-format',
  'colon-separator',
  'Bearer: then a valid token',
  'malformed',
  header((ctx) => `Bearer:${validCognito(ctx)}`),
);
reject(
  'header-format',
  'double-scheme',
  '"Bearer Bearer " then a valid token',
  'malformed',
  header((ctx) => `Bearer Bearer ${validCognito(ctx)}`),
);
reject(
  'header-format',
  'trailing-word',
  'a valid token followed by another word',
  'malformed',
  header((ctx) => `Bearer ${validCognito(ctx)} x`),
);
reject(
  'header-format',
  'two-tokens',
  'two valid tokens joined by a comma',
  'malformed',
  header((ctx) => `Bearer ${validCognito(ctx)},${validCognito(ctx)}`),
);
reject(
  'header-format',
  'quoted',
  'a valid token in double quotes',
  'malformed',
  header((ctx) => `Bearer "${validCognito(ctx)}"`),
);
reject(
  'header-format',
  'four-segments-empty',
  'a valid token with a trailing dot',
  'malformed',
  tok((ctx) => `${validCognito(ctx)}.`),
);
reject(
  'header-format',
  'four-segments',
  'a valid token with a fourth segment',
  'malformed',
  tok((ctx) => `${validCognito(ctx)}.eyJ9`),
);
reject(
  'header-format',
  'jwe-five-segments',
  'a five-segment JWE',
  'malformed',
  tok(() => `${b64({ alg: 'RSA-OAEP', enc: 'A256GCM', kid: 'rsa-1' })}.AAAA.AAAA.AAAA.AAAA`),
);
reject(
  'header-format',
  'padding',
  'a valid token with "=" padding',
  'malformed',
  tok((ctx) => `${validCognito(ctx)}=`),
);
reject(
  'header-format',
  'standard-base64-char',
  'a "+" inside the payload segment',
  'malformed',
  tok((ctx) => {
    const [h, p, s] = parts(validCognito(ctx));
    return `${h}.${p}+.${s}`;
  }),
);
reject(
  'header-format',
  'space-inside',
  'a space after the first dot',
  'malformed',
  header((ctx) => {
    const [h, p, s] = parts(validCognito(ctx));
    return `Bearer ${h}. ${p}.${s}`;
  }),
);

// --- segments that decode to something other than a JSON object (signed by rsa-1) --------------------------------
const headerText = JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: 'rsa-1' });
const STRUCTURES: Array<[string, string, (ctx: AttackContext) => [string, string]]> = [
  ['payload-null', 'payload null', () => [headerText, 'null']],
  ['payload-array', 'payload []', () => [headerText, '[]']],
  ['payload-string', 'payload a JSON string', () => [headerText, '"cognito-user-1"']],
  ['payload-number', 'payload 123', () => [headerText, '123']],
  ['payload-not-json', 'payload not JSON', () => [headerText, '{"sub": cognito-user-1}']],
  [
    'payload-bom',
    'payload with a UTF-8 byte order mark',
    (ctx) => [headerText, `\ufeff${JSON.stringify(cognito(ctx))}`],
  ],
  ['header-array', 'header []', (ctx) => ['[]', JSON.stringify(cognito(ctx))]],
  ['header-null', 'header null', (ctx) => ['null', JSON.stringify(cognito(ctx))]],
  ['header-not-json', 'header not JSON', (ctx) => ['{alg: RS256}', JSON.stringify(cognito(ctx))]],
];
for (const [id, what, make] of STRUCTURES) {
  reject(
    'structure',
    id,
    `${what}, signed by rsa-1`,
    'malformed',
    tok((ctx) => {
      const [h, p] = make(ctx);
      return signText(h, p, 'RS256', ctx.keys.rsa);
    }),
  );
}
reject(
  'structure',
  'header-binary',
  'a header segment that decodes to binary',
  'malformed',
  tok((ctx) => `____.${parts(validCognito(ctx))[1]}.${parts(validCognito(ctx))[2]}`),
);

export const ATTACK_CASES: readonly AttackCase[] = cases;

/** A fresh valid reader token (its own jti, so no cache of verified tokens can answer for it). */
export function validReaderToken(ctx: AttackContext, extra: Claims = {}): string {
  return validCognito(ctx, { jti: randomUUID(), ...extra });
}

function cutBeforeTail(signature: string): string {
  return `${signature.slice(0, -6)}${signature.slice(-2)}`;
}

/** Drops the last four characters and forces a last character whose unused low bits are set. */
function nonCanonicalTruncation(signature: string): string {
  const cut = signature.slice(0, -4);
  return `${cut.slice(0, -1)}B`; // B is alphabet position 1: a set low bit whatever the leftover count
}
