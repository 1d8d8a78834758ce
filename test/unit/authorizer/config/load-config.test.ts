// AUTH_CONFIG parsing: defaults, derivation, every named-key error, and the loopback-http opt-in (security finding 5).
import { loadConfig, parseConfig, type ParseConfigOptions } from '../../../../authorizer/config/load-config';
import { ConfigError } from '../../../../authorizer/errors';
import { authorizedRoutes } from '../../../../shared/route-manifest';
import { testConfig } from '../../../helpers/config';
import { caught } from '../../../helpers/caught';

const origin = 'http://127.0.0.1:4000';
/** The fixtures' servers are loopback http, so most tests opt in; the transport tests below use the default. */
const LOCAL = { allowInsecureLoopback: true };

function configError(document: unknown, options: ParseConfigOptions = LOCAL): ConfigError {
  return caught(ConfigError, () => parseConfig(document, options));
}

function withProvider(index: number, patch: Record<string, unknown>): unknown {
  const doc = testConfig(origin);
  const providers = doc.providers.map((p, i) => (i === index ? { ...p, ...patch } : p));
  return { ...doc, providers };
}

describe('loadConfig', () => {
  it('reads AUTH_CONFIG and applies documented defaults', () => {
    const config = loadConfig({
      AUTH_CONFIG: JSON.stringify(testConfig(origin)),
      AUTH_ALLOW_INSECURE_LOOPBACK: 'true',
    });
    expect(config.clockToleranceSeconds).toBe(5);
    expect(config.jwks).toEqual({ timeoutMs: 3000, cooldownSeconds: 10, maxAgeSeconds: 600, maxStaleSeconds: 86_400 });
    expect(config.contextMaxBytes).toBe(4096);
    expect(config.contextClaims).toEqual([]);
    expect(config.providers[1]).toMatchObject({ algorithms: ['RS256'], permissionClaims: ['scope', 'scp'] });
    expect(config.providers[0]).toMatchObject({ permissionClaims: ['scope'], algorithms: ['RS256'] });
  });

  it('derives the Cognito issuer and JWKS URI from region and pool', () => {
    const doc = testConfig(origin);
    const cognito = { ...doc.providers[0], issuer: undefined, jwksUri: undefined };
    const config = parseConfig({ ...doc, providers: [cognito] });
    expect(config.providers[0]).toMatchObject({
      issuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_TestPool',
      jwksUri: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_TestPool/.well-known/jwks.json',
    });
  });

  it('stops on a missing or non-JSON variable', () => {
    expect(() => loadConfig({})).toThrow('AUTH_CONFIG: the environment variable AUTH_CONFIG is not set');
    expect(() => loadConfig({ AUTH_CONFIG: '{nope' })).toThrow(/AUTH_CONFIG: is not valid JSON/);
  });

  it.each([
    [
      'an http issuer off loopback',
      withProvider(1, { issuer: 'http://idp.example.com/' }),
      'providers[1].issuer',
      /must be https/,
    ],
    [
      'an http JWKS URI off loopback',
      withProvider(0, { jwksUri: 'http://10.0.0.1/jwks' }),
      'providers[0].jwksUri',
      /must be https/,
    ],
    [
      'credentials in a URL',
      withProvider(1, { issuer: 'https://u:p@idp.example.com/' }),
      'providers[1].issuer',
      /must be https/,
    ],
    [
      'an oidc provider without audiences',
      withProvider(1, { audiences: [] }),
      'providers[1].audiences',
      /at least one audience/,
    ],
    ['an oidc provider omitting audiences', withProvider(1, { audiences: undefined }), 'providers[1].audiences', /./],
    ['a cognito provider without clientIds', withProvider(0, { clientIds: undefined }), 'providers[0].clientIds', /./],
    [
      'a cognito provider without tokenUse',
      withProvider(0, { tokenUse: undefined }),
      'providers[0].tokenUse',
      /access" or "id/,
    ],
    [
      'HS256 in algorithms',
      withProvider(1, { algorithms: ['HS256'] }),
      'providers[1].algorithms[0]',
      /HS\* are never accepted/,
    ],
    ['none in algorithms', withProvider(1, { algorithms: ['none'] }), 'providers[1].algorithms[0]', /never accepted/],
    ['an unknown provider type', withProvider(1, { type: 'saml' }), 'providers[1].type', /cognito" or "oidc/],
    ['an unknown key', withProvider(0, { audience: 'x' }), 'providers[0].audience', /not a known key/],
    ['a bad region', withProvider(0, { region: 'Europe' }), 'providers[0].region', /AWS region/],
  ])('names the key for %s', (_label, document, path, problem) => {
    const err = configError(document);
    expect(err.code).toBe('invalid_config');
    expect(err.path).toBe(path);
    expect(err.message).toMatch(problem);
    expect(err.message.startsWith(`AUTH_CONFIG ${path}:`)).toBe(true);
  });

  it('rejects a pool id from another region when the issuer is derived', () => {
    const doc = testConfig(origin);
    const cognito = { ...doc.providers[0], issuer: undefined, userPoolId: 'us-east-1_Other' };
    expect(configError({ ...doc, providers: [cognito] }).path).toBe('providers[0].userPoolId');
  });

  it('rejects duplicate provider names and issuers', () => {
    const doc = testConfig(origin);
    const okta = doc.providers[1];
    expect(configError({ ...doc, providers: [...doc.providers, { ...okta }] }).path).toBe('providers[2].name');
    expect(configError({ ...doc, providers: [...doc.providers, { ...okta, name: 'other' }] }).path).toBe(
      'providers[2].issuer',
    );
  });

  it('validates routes: shape, method, path syntax, duplicates and presence of permissions', () => {
    const doc = testConfig(origin);
    expect(configError({ ...doc, routes: [] }).path).toBe('routes');
    expect(configError({ ...doc, routes: [{ method: 'FETCH', path: '/a', scopes: [] }] }).path).toBe(
      'routes[0].method',
    );
    expect(configError({ ...doc, routes: [{ method: 'GET', path: 'a', scopes: [] }] }).path).toBe('routes[0].path');
    expect(configError({ ...doc, routes: [{ method: 'GET', path: '/{p+}/x', scopes: [] }] }).path).toBe(
      'routes[0].path',
    );
    expect(configError({ ...doc, routes: [{ method: 'GET', path: '/a' }] }).path).toBe('routes[0].permissions');
    expect(configError({ ...doc, routes: [{ method: 'GET', path: '/a', scopes: ['has space'] }] }).path).toBe(
      'routes[0].scopes[0]',
    );
    const dup = [
      { method: 'GET', path: '/a/{x}', scopes: [] },
      { method: 'GET', path: '/a/{y}', scopes: ['s'] },
    ];
    expect(configError({ ...doc, routes: dup }).path).toBe('routes[1]');
  });

  it("takes a route's permissions as `permissions` or by their older name `scopes`, never both", () => {
    // Prepare
    const doc = testConfig(origin);

    // Act
    const preferred = parseConfig({ ...doc, routes: [{ method: 'GET', path: '/a', permissions: ['p'] }] }, LOCAL);
    const legacy = parseConfig({ ...doc, routes: [{ method: 'GET', path: '/a', scopes: ['p'] }] }, LOCAL);
    const both = configError({ ...doc, routes: [{ method: 'GET', path: '/a', scopes: ['p'], permissions: ['p'] }] });

    // Assess
    expect(preferred.routes).toEqual([{ method: 'GET', path: '/a', permissions: ['p'] }]);
    expect(legacy.routes).toEqual(preferred.routes);
    expect(both.path).toBe('routes[0].permissions');
    expect(both.message).toContain('exactly once');
  });

  it('without routes, takes the routes this stack deploys from the route manifest', () => {
    // Prepare
    const { routes: _omitted, ...providersOnly } = testConfig(origin);

    // Act
    const config = parseConfig(providersOnly, LOCAL);

    // Assess
    expect(config.routes).toEqual(authorizedRoutes());
    expect(config.routes.map((r) => `${r.method} ${r.path}`)).toContain('DELETE /comments/{id}');
  });

  it('bounds numeric settings', () => {
    const doc = testConfig(origin);
    expect(configError({ ...doc, clockToleranceSeconds: -1 }).path).toBe('clockToleranceSeconds');
    expect(configError({ ...doc, jwks: { timeoutMs: 60_000 } }).path).toBe('jwks.timeoutMs');
    expect(configError({ ...doc, contextMaxBytes: 100 }).path).toBe('contextMaxBytes');
  });

  it('bounds jwks.maxStaleSeconds, and requires it to cover maxAgeSeconds and cooldownSeconds', () => {
    const doc = testConfig('https://idp.example.com');
    expect(configError({ ...doc, jwks: { maxStaleSeconds: 59 } }).path).toBe('jwks.maxStaleSeconds');
    expect(configError({ ...doc, jwks: { maxStaleSeconds: 604_801 } }).path).toBe('jwks.maxStaleSeconds');
    expect(configError({ ...doc, jwks: { maxStaleSeconds: 3_600.5 } }).path).toBe('jwks.maxStaleSeconds');
    const belowAge = configError({ ...doc, jwks: { maxAgeSeconds: 7_200, maxStaleSeconds: 3_600 } });
    expect(belowAge.path).toBe('jwks.maxStaleSeconds');
    expect(belowAge.code).toBe('invalid_config');
    expect(belowAge.message).toMatch(/at least jwks\.maxAgeSeconds \(7200\)/);
    const belowCooldown = configError({
      ...doc,
      jwks: { maxAgeSeconds: 60, cooldownSeconds: 600, maxStaleSeconds: 300 },
    });
    expect(belowCooldown.path).toBe('jwks.maxStaleSeconds');
    expect(belowCooldown.message).toMatch(/at least jwks\.cooldownSeconds \(600\)/);
    expect(parseConfig({ ...doc, jwks: { maxAgeSeconds: 3_600, maxStaleSeconds: 3_600 } }).jwks.maxStaleSeconds).toBe(
      3_600,
    );
  });

  it('reports every problem, the first one as the path', () => {
    const err = configError({ ...testConfig(origin), clockToleranceSeconds: 'x', contextMaxBytes: 1 });
    expect(err.path).toBe('clockToleranceSeconds');
    expect(err.message).toMatch(/also contextMaxBytes/);
  });
});

describe('permissions in the config: RFC 6749 §3.3 scope tokens only, the one rule of shared/permission.ts', () => {
  const route = (key: 'scopes' | 'permissions', permissions: string[]) => ({
    ...testConfig(origin),
    routes: [{ method: 'GET', path: '/a', [key]: permissions }],
  });

  it.each([
    ["a quote in a route's scopes", route('scopes', ['comments:"read']), 'routes[0].scopes[0]'],
    [
      "a backslash in a route's permissions",
      route('permissions', ['comments:read', 'comments\\write']),
      'routes[0].permissions[1]',
    ],
    [
      'a quote in a Cognito group mapping',
      withProvider(0, { groupPermissions: { x: ['"admin"'] } }),
      'providers[0].groupPermissions.x[0]',
    ],
    [
      'a backslash in a Cognito group mapping',
      withProvider(0, { groupPermissions: { x: ['ok', 'a\\b'] } }),
      'providers[0].groupPermissions.x[1]',
    ],
  ])('refuses %s, which no token could ever grant, naming the key', (_label, document, path) => {
    // Prepare: each document holds one permission with `"` or `\`: printable ASCII, but not an NQCHAR

    // Act
    const err = configError(document);

    // Assess
    expect(err.code).toBe('invalid_config');
    expect(err.path).toBe(path);
    expect(err.message).toBe(
      `AUTH_CONFIG ${path}: must be an OAuth scope token: printable ASCII without spaces, " or \\ (RFC 6749 §3.3)`,
    );
  });

  it('accepts every other printable ASCII character, as the authorizer grants it', () => {
    // Prepare
    const nqchars = "!#$%&'()*+,-./09:;<=>?@AZ[]^_`az{|}~";
    const document = route('permissions', [nqchars, 'https://api.example.com/comments.read']);

    // Act
    const config = parseConfig(withProvider(0, { groupPermissions: { x: [nqchars] } }), LOCAL);
    const routes = parseConfig(document, LOCAL).routes;

    // Assess
    expect(config.providers[0]).toMatchObject({ groupPermissions: { x: [nqchars] } });
    expect(routes[0]?.permissions).toEqual([nqchars, 'https://api.example.com/comments.read']);
  });
});

describe('the transport policy: loopback http only with AUTH_ALLOW_INSECURE_LOOPBACK=true', () => {
  const remote = 'https://idp.example.com';
  /** A document whose URLs are all https except the one patched in. */
  const patched = (index: number, patch: Record<string, unknown>) => {
    const doc = testConfig(remote);
    return { ...doc, providers: doc.providers.map((p, i) => (i === index ? { ...p, ...patch } : p)) };
  };
  const envWith = (document: unknown, extra: Record<string, string> = {}) => ({
    AUTH_CONFIG: JSON.stringify(document),
    ...extra,
  });

  it.each([
    ['an oidc issuer', 1, 'issuer', 'http://127.0.0.1:4000/issuer'],
    ['an oidc jwksUri', 1, 'jwksUri', 'http://localhost:4000/jwks.json'],
    ['a cognito issuer override', 0, 'issuer', 'http://[::1]:9229/eu-west-1_TestPool'],
    ['a cognito jwksUri', 0, 'jwksUri', 'http://127.0.0.1:9001/2018-06-01/runtime/invocation/next'],
  ])('without the flag, refuses %s on loopback http, naming the key and the opt-in', (_label, index, key, url) => {
    // Prepare
    const document = patched(index, { [key]: url });
    const path = `providers[${index}].${key}`;

    // Act
    const fromEnv = caught(ConfigError, () => loadConfig(envWith(document)));
    const fromParse = configError(document, {});

    // Assess
    for (const err of [fromEnv, fromParse]) {
      expect(err.code).toBe('invalid_config');
      expect(err.path).toBe(path);
      expect(err.message.startsWith(`AUTH_CONFIG ${path}: must be https`)).toBe(true);
      expect(err.message).toContain('AUTH_ALLOW_INSECURE_LOOPBACK=true');
    }
  });

  it('names the issuer, not the derived JWKS URI, when a cognito issuer override is loopback http', () => {
    const document = patched(0, { issuer: 'http://127.0.0.1:9229/eu-west-1_TestPool', jwksUri: undefined });
    expect(configError(document, {}).path).toBe('providers[0].issuer');
  });

  it.each([['TRUE'], ['1'], ['yes'], [' true'], ['']])(
    'treats AUTH_ALLOW_INSECURE_LOOPBACK=%p as not set (fail closed)',
    (value) => {
      const document = patched(1, { jwksUri: 'http://127.0.0.1:4000/jwks.json' });
      const err = caught(ConfigError, () => loadConfig(envWith(document, { AUTH_ALLOW_INSECURE_LOOPBACK: value })));
      expect(err.path).toBe('providers[1].jwksUri');
    },
  );

  it('with the flag, accepts loopback http and records the choice in the resolved config', () => {
    // Prepare
    const document = testConfig(origin);

    // Act
    const fromEnv = loadConfig(envWith(document, { AUTH_ALLOW_INSECURE_LOOPBACK: 'true' }));
    const fromParse = parseConfig(document, { allowInsecureLoopback: true });

    // Assess
    expect(fromEnv.transport).toEqual({ allowInsecureLoopback: true });
    expect(fromParse.transport).toEqual({ allowInsecureLoopback: true });
    expect(fromEnv.providers[1]).toMatchObject({ issuer: `${origin}/issuer` });
  });

  it('accepts https with or without the flag, and defaults to the strict policy', () => {
    const document = testConfig(remote);
    expect(loadConfig(envWith(document)).transport).toEqual({ allowInsecureLoopback: false });
    expect(parseConfig(document).transport).toEqual({ allowInsecureLoopback: false });
    expect(loadConfig(envWith(document, { AUTH_ALLOW_INSECURE_LOOPBACK: 'true' })).providers[1]).toMatchObject({
      issuer: `${remote}/issuer`,
    });
  });

  it.each([
    ['a public host', 'http://idp.example.com/'],
    ['a private address', 'http://10.0.0.1/jwks'],
    ['the instance metadata address', 'http://169.254.169.254/latest/meta-data'],
    ['another 127/8 address', 'http://127.0.0.2/jwks'],
    ['a lookalike of localhost', 'http://localhost.example.com/jwks'],
    ['an unspecified address', 'http://0.0.0.0/jwks'],
  ])('never accepts http to %s, not even with the flag', (_label, url) => {
    for (const options of [{}, LOCAL]) {
      const err = configError(patched(1, { jwksUri: url }), options);
      expect(err.path).toBe('providers[1].jwksUri');
      expect(err.message).toMatch(/must be https/);
    }
  });

  it('cannot be switched on from inside the document', () => {
    const document = testConfig(origin);
    expect(configError({ ...document, allowInsecureLoopback: true }, {}).path).toBe('allowInsecureLoopback');
    expect(configError({ ...document, transport: { allowInsecureLoopback: true } }, {}).path).toBe('transport');
  });
});
