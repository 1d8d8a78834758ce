// OIDC discovery: the discovery URL, resolving jwks_uri once, retrying after failures, refusing inconsistent documents.
import { DiscoveryError } from '../../../../authorizer/errors';
import { createJsonFetcher } from '../../../../authorizer/keys/fetch-json';
import type { FetchJson } from '../../../../authorizer/keys/fetch-json';
import { createJwksUriResolver, discoveryUrl } from '../../../../authorizer/keys/oidc-discovery';
import { startJwksServer, type JwksServer } from '../../../helpers/jwks-server';

const DISCOVERY_PATH = '/issuer/.well-known/openid-configuration';

describe('discoveryUrl', () => {
  it.each([
    ['https://x.auth0.com/', 'https://x.auth0.com/.well-known/openid-configuration'],
    ['https://x.auth0.com', 'https://x.auth0.com/.well-known/openid-configuration'],
    ['https://x.auth0.com///', 'https://x.auth0.com/.well-known/openid-configuration'],
    ['https://login.example.com/tenant/v2.0', 'https://login.example.com/tenant/v2.0/.well-known/openid-configuration'],
    [
      'https://login.example.com/tenant/v2.0/',
      'https://login.example.com/tenant/v2.0/.well-known/openid-configuration',
    ],
  ])('maps issuer %s to %s', (issuer, expected) => {
    expect(discoveryUrl(issuer)).toBe(expected);
  });
});

describe('createJwksUriResolver against a discovery server', () => {
  let server: JwksServer;
  const fetchJson = createJsonFetcher({ timeoutMs: 3000 });
  // The test server is http://127.0.0.1, so these opt in; the fail-closed default is tested below.
  const LOCAL = { allowInsecureLoopback: true };

  beforeEach(async () => {
    server = await startJwksServer();
  });

  afterEach(async () => {
    await server.close();
  });

  it('resolves the jwks_uri from the discovery document', async () => {
    const resolve = createJwksUriResolver(server.issuer, fetchJson, LOCAL);
    await expect(resolve()).resolves.toBe(server.jwksUri);
    expect(server.hits(DISCOVERY_PATH)).toBe(1);
  });

  it('fetches discovery only once across calls after a success', async () => {
    const resolve = createJwksUriResolver(server.issuer, fetchJson, LOCAL);
    await resolve();
    await expect(resolve()).resolves.toBe(server.jwksUri);
    await expect(resolve()).resolves.toBe(server.jwksUri);
    expect(server.hits(DISCOVERY_PATH)).toBe(1);
    expect(server.hits()).toBe(1);
  });

  it('retries after a failed fetch, then keeps the result', async () => {
    const resolve = createJwksUriResolver(server.issuer, fetchJson, LOCAL);
    server.setMode('error');
    await expect(resolve()).rejects.toMatchObject({ code: 'fetch_failed' });
    server.setMode('garbage');
    await expect(resolve()).rejects.toMatchObject({ code: 'fetch_failed' });
    expect(server.hits(DISCOVERY_PATH)).toBe(2);

    server.setMode('ok');
    await expect(resolve()).resolves.toBe(server.jwksUri);
    await expect(resolve()).resolves.toBe(server.jwksUri);
    expect(server.hits(DISCOVERY_PATH)).toBe(3);
  });
});

describe('createJwksUriResolver with crafted documents', () => {
  const issuer = 'https://x.auth0.com/';

  function stub(...documents: unknown[]): jest.Mock<Promise<unknown>, [string]> {
    const fetchJson = jest.fn<Promise<unknown>, [string]>();
    for (const doc of documents) fetchJson.mockResolvedValueOnce(doc);
    return fetchJson;
  }

  async function discoveryError(promise: Promise<unknown>): Promise<DiscoveryError> {
    try {
      await promise;
    } catch (err) {
      expect(err).toBeInstanceOf(DiscoveryError);
      return err as DiscoveryError;
    }
    throw new Error('expected a DiscoveryError');
  }

  it('asks the discovery URL of an Auth0-style issuer and accepts an identical issuer', async () => {
    const fetchJson = stub({ issuer, jwks_uri: 'https://x.auth0.com/.well-known/jwks.json' });
    const resolve = createJwksUriResolver(issuer, fetchJson satisfies FetchJson);
    await expect(resolve()).resolves.toBe('https://x.auth0.com/.well-known/jwks.json');
    expect(fetchJson).toHaveBeenCalledTimes(1);
    expect(fetchJson).toHaveBeenCalledWith('https://x.auth0.com/.well-known/openid-configuration');
  });

  it.each([
    ['another issuer', { issuer: 'https://evil.example.com/', jwks_uri: 'https://evil.example.com/jwks.json' }],
    [
      'the issuer without its trailing slash',
      { issuer: 'https://x.auth0.com', jwks_uri: 'https://x.auth0.com/jwks.json' },
    ],
    ['no issuer', { jwks_uri: 'https://x.auth0.com/.well-known/jwks.json' }],
    ['null', null],
  ])('rejects a document with %s as discovery_invalid', async (_label, doc) => {
    const err = await discoveryError(createJwksUriResolver(issuer, stub(doc))());
    expect(err.code).toBe('discovery_invalid');
    expect(err.message).toMatch(/issuer does not match/);
  });

  it.each([
    ['http to a non-loopback host', 'http://x.auth0.com/.well-known/jwks.json'],
    ['http to a private address', 'http://10.0.0.1/jwks.json'],
    ['credentials in the URL', 'https://user:pass@x.auth0.com/jwks.json'],
    ['not a URL', 'jwks.json'],
    ['not a string', 42],
    ['nothing', undefined],
  ])('rejects a jwks_uri that is %s as discovery_invalid', async (_label, jwksUri) => {
    const err = await discoveryError(createJwksUriResolver(issuer, stub({ issuer, jwks_uri: jwksUri }))());
    expect(err.code).toBe('discovery_invalid');
    expect(err.message).toMatch(/jwks_uri/);
  });

  it('accepts http to a loopback host only when the transport policy opts in', async () => {
    const local = 'http://127.0.0.1:4000/issuer';
    const doc = { issuer: local, jwks_uri: 'http://127.0.0.1:4000/jwks.json' };
    const resolve = createJwksUriResolver(local, stub(doc), { allowInsecureLoopback: true });
    await expect(resolve()).resolves.toBe('http://127.0.0.1:4000/jwks.json');
  });

  it.each([
    ['127.0.0.1 (the Lambda Runtime API)', 'http://127.0.0.1:9001/2018-06-01/runtime/invocation/next'],
    ['localhost', 'http://localhost:4000/jwks.json'],
    ['[::1]', 'http://[::1]:4000/jwks.json'],
  ])(
    'refuses a discovered loopback http jwks_uri on %s without the opt-in, saying how to opt in',
    async (_label, jwksUri) => {
      // Prepare: an https issuer whose document points at loopback http, under the default and the explicit strict policy.
      const resolvers = [
        createJwksUriResolver(issuer, stub({ issuer, jwks_uri: jwksUri })),
        createJwksUriResolver(issuer, stub({ issuer, jwks_uri: jwksUri }), { allowInsecureLoopback: false }),
      ];

      for (const resolve of resolvers) {
        // Act
        const err = await discoveryError(resolve());

        // Assess
        expect(err.code).toBe('discovery_invalid');
        expect(err.message).toMatch(/jwks_uri/);
        expect(err.message).toContain('AUTH_ALLOW_INSECURE_LOOPBACK=true');
      }
    },
  );

  it('still refuses non-loopback http with the opt-in', async () => {
    const resolve = createJwksUriResolver(issuer, stub({ issuer, jwks_uri: 'http://x.auth0.com/jwks.json' }), {
      allowInsecureLoopback: true,
    });
    expect((await discoveryError(resolve())).message).toMatch(/jwks_uri is missing or not https/);
  });

  it('does not cache a refused document: the next call fetches again', async () => {
    const fetchJson = stub(
      { issuer, jwks_uri: 'http://x.auth0.com/jwks.json' },
      { issuer, jwks_uri: 'https://x.auth0.com/jwks.json' },
    );
    const resolve = createJwksUriResolver(issuer, fetchJson);
    await discoveryError(resolve());
    await expect(resolve()).resolves.toBe('https://x.auth0.com/jwks.json');
    await expect(resolve()).resolves.toBe('https://x.auth0.com/jwks.json');
    expect(fetchJson).toHaveBeenCalledTimes(2);
  });
});
