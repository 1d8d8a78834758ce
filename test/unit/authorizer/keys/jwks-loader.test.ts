// createJwksLoader against a real local JWKS server: signing JWKs become KeyObjects by kid, unusable entries are dropped,
// a well-formed set may withdraw every key, and anything that is not a JWK Set is a failed read.
import { createJsonFetcher, type FetchJson } from '../../../../authorizer/keys/fetch-json';
import { createJwksLoader } from '../../../../authorizer/keys/jwks-loader';
import type { KeyLoader } from '../../../../authorizer/keys/key-store';
import { startJwksServer, type JwksServer } from '../../../helpers/jwks-server';
import { createEcKey, createRsaKey, type TestKey } from '../../../helpers/keys';

let server: JwksServer;
let load: KeyLoader;
let rsa: TestKey;
let ec: TestKey;
let rsaNoAlg: TestKey;

beforeAll(async () => {
  rsa = createRsaKey('rsa-1');
  ec = createEcKey('ec-1', 'ES384');
  rsaNoAlg = createRsaKey('rsa-no-alg', 'RS256', { declareAlg: false });
  server = await startJwksServer();
  load = createJwksLoader(server.jwksUri, createJsonFetcher({ timeoutMs: 3000 }));
});

afterAll(async () => {
  await server.close();
});

beforeEach(() => {
  server.setMode('ok');
  server.setKeys([]);
});

function withoutKid(jwk: Record<string, unknown>): Record<string, unknown> {
  const { kid: _kid, ...rest } = jwk;
  return rest;
}

/** A fetcher that answers every URL with this already-parsed document, for shapes a JSON server cannot vary. */
function answering(document: unknown): FetchJson {
  return () => Promise.resolve(document);
}

const NOT_A_JWK_SET: Array<[string, unknown]> = [
  ['null', null],
  ['an array', [{ kty: 'RSA' }]],
  ['a string', 'keys'],
  ['a number', 42],
  ['an object without keys', { jwks: [] }],
  ['keys that is not an array', { keys: {} }],
  ['keys that is null', { keys: null }],
  ['keys with a member that is not an object', { keys: [null] }],
  ['keys with a member that is an array', { keys: [[]] }],
];

describe('createJwksLoader: what counts as a JWK Set', () => {
  it.each(NOT_A_JWK_SET)(
    'rejects %s as a failed read (fetch_failed), never as an empty set',
    async (_what, document) => {
      const loadDocument = createJwksLoader('https://idp.example.com/jwks.json', answering(document));
      await expect(loadDocument()).rejects.toMatchObject({
        code: 'fetch_failed',
        message: expect.stringMatching(/not a JWK Set/),
      });
    },
  );

  it('reads { keys: [] } from any fetcher as a successful, empty set', async () => {
    const loadDocument = createJwksLoader('https://idp.example.com/jwks.json', answering({ keys: [] }));
    const keys = await loadDocument();
    expect(keys.size).toBe(0);
  });

  it('still converts the usable keys of a set that also holds unusable ones, each into one KeyObject', async () => {
    const loadDocument = createJwksLoader(
      'https://idp.example.com/jwks.json',
      answering({ keys: [{ kty: 'oct', k: 'c2VjcmV0', kid: 'hmac' }, rsa.jwk, { kty: 'RSA', kid: 'broken' }] }),
    );
    const keys = await loadDocument();
    expect([...keys.keys()]).toEqual(['rsa-1']);
    expect(keys.get('rsa-1')?.key.equals(rsa.publicKey)).toBe(true);
  });
});

describe('createJwksLoader', () => {
  it('turns RSA and EC JWKs into public KeyObjects keyed by kid, keeping the JWK alg', async () => {
    server.setKeys([rsa.jwk, ec.jwk]);
    const keys = await load();
    expect([...keys.keys()].sort()).toEqual(['ec-1', 'rsa-1']);

    const rsaKey = keys.get('rsa-1');
    expect(rsaKey?.key.type).toBe('public');
    expect(rsaKey?.key.asymmetricKeyType).toBe('rsa');
    expect(rsaKey?.key.equals(rsa.publicKey)).toBe(true);
    expect(rsaKey?.alg).toBe('RS256');

    const ecKey = keys.get('ec-1');
    expect(ecKey?.key.type).toBe('public');
    expect(ecKey?.key.asymmetricKeyType).toBe('ec');
    expect(ecKey?.key.asymmetricKeyDetails?.namedCurve).toBe('secp384r1');
    expect(ecKey?.key.equals(ec.publicKey)).toBe(true);
    expect(ecKey?.alg).toBe('ES384');
  });

  it('gives a JWK without alg no alg at all', async () => {
    server.setKeys([rsaNoAlg.jwk]);
    const entry = (await load()).get('rsa-no-alg');
    expect(entry?.key.equals(rsaNoAlg.publicKey)).toBe(true);
    expect(entry).not.toHaveProperty('alg');
  });

  it('skips keys without a kid', async () => {
    server.setKeys([withoutKid(ec.jwk), rsa.jwk]);
    const keys = await load();
    expect([...keys.keys()]).toEqual(['rsa-1']);
    expect([...keys.values()].some((k) => k.key.equals(ec.publicKey))).toBe(false);
  });

  it("skips keys with use 'enc'", async () => {
    server.setKeys([{ ...ec.jwk, use: 'enc' }, rsa.jwk]);
    const keys = await load();
    expect([...keys.keys()]).toEqual(['rsa-1']);
  });

  it('never uses a private JWK published by mistake', async () => {
    const leaked = { ...rsaNoAlg.privateKey.export({ format: 'jwk' }), kid: 'leaked', alg: 'RS256', use: 'sig' };
    server.setKeys([leaked, rsa.jwk]);
    const keys = await load();
    expect(keys.has('leaked')).toBe(false);
    expect([...keys.values()].every((k) => k.key.type === 'public')).toBe(true);
  });

  it('fetches the set again on every load (caching is the KeyStore’s job)', async () => {
    server.setKeys([rsa.jwk]);
    const before = server.hits('/jwks.json');
    await load();
    server.setKeys([ec.jwk]);
    const next = await load();
    expect(server.hits('/jwks.json')).toBe(before + 2);
    expect([...next.keys()]).toEqual(['ec-1']);
  });

  it('returns an empty set for {"keys":[]}: the IdP withdrew every key, which is a successful read', async () => {
    // Prepare
    server.setKeys([]);
    // Act
    const keys = await load();
    // Assess
    expect(keys.size).toBe(0);
    expect(server.hits('/jwks.json')).toBeGreaterThan(0);
  });

  it('returns an empty set when no key is a signing key (jwks-rsa would throw)', async () => {
    server.setKeys([{ ...rsa.jwk, use: 'enc' }]);
    const keys = await load();
    expect(keys.size).toBe(0);
  });

  it('rejects when the server answers with an error status', async () => {
    server.setKeys([rsa.jwk]);
    server.setMode('error');
    await expect(load()).rejects.toMatchObject({ code: 'fetch_failed', message: expect.stringMatching(/HTTP 503/) });
  });

  it('rejects when the server answers with something other than JSON', async () => {
    server.setKeys([rsa.jwk]);
    server.setMode('garbage');
    await expect(load()).rejects.toMatchObject({ code: 'fetch_failed', message: expect.stringMatching(/not JSON/) });
  });

  it('returns an empty set when every key lacks a kid (none could ever be selected)', async () => {
    server.setKeys([withoutKid(rsa.jwk), withoutKid(ec.jwk)]);
    const keys = await load();
    expect(keys.size).toBe(0);
  });

  it('rejects on a timeout, keeping it a failed read', async () => {
    // Prepare
    server.setKeys([rsa.jwk]);
    server.setMode('hang');
    const impatient = createJwksLoader(server.jwksUri, createJsonFetcher({ timeoutMs: 100 }));
    // Act + Assess
    await expect(impatient()).rejects.toMatchObject({
      code: 'fetch_failed',
      message: expect.stringMatching(/within 100 ms/),
    });
  });

  it('drops a kid that two keys share, keeping the others', async () => {
    server.setKeys([{ ...rsa.jwk, kid: 'dup' }, { ...ec.jwk, kid: 'dup' }, rsaNoAlg.jwk]);
    const keys = await load();
    expect([...keys.keys()]).toEqual(['rsa-no-alg']);
  });
});
