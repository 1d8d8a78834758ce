import { loadConfig, parseConfig } from '../../../../authorizer/config/load-config';
import { ConfigError } from '../../../../authorizer/errors';
import { testConfig } from '../../../helpers/config';
import { caught } from '../../../helpers/caught';

const origin = 'http://127.0.0.1:4000';

function configError(document: unknown): ConfigError {
  return caught(ConfigError, () => parseConfig(document));
}

function withProvider(index: number, patch: Record<string, unknown>): unknown {
  const doc = testConfig(origin);
  const providers = doc.providers.map((p, i) => (i === index ? { ...p, ...patch } : p));
  return { ...doc, providers };
}

describe('loadConfig', () => {
  it('reads AUTH_CONFIG and applies documented defaults', () => {
    const config = loadConfig({ AUTH_CONFIG: JSON.stringify(testConfig(origin)) });
    expect(config.clockToleranceSeconds).toBe(5);
    expect(config.jwks).toEqual({ timeoutMs: 3000, cooldownSeconds: 10, maxAgeSeconds: 600 });
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
    ['an http issuer off loopback', withProvider(1, { issuer: 'http://idp.example.com/' }), 'providers[1].issuer', /must be https/],
    ['an http JWKS URI off loopback', withProvider(0, { jwksUri: 'http://10.0.0.1/jwks' }), 'providers[0].jwksUri', /must be https/],
    ['credentials in a URL', withProvider(1, { issuer: 'https://u:p@idp.example.com/' }), 'providers[1].issuer', /must be https/],
    ['an oidc provider without audiences', withProvider(1, { audiences: [] }), 'providers[1].audiences', /at least one audience/],
    ['an oidc provider omitting audiences', withProvider(1, { audiences: undefined }), 'providers[1].audiences', /./],
    ['a cognito provider without clientIds', withProvider(0, { clientIds: undefined }), 'providers[0].clientIds', /./],
    ['a cognito provider without tokenUse', withProvider(0, { tokenUse: undefined }), 'providers[0].tokenUse', /access" or "id/],
    ['HS256 in algorithms', withProvider(1, { algorithms: ['HS256'] }), 'providers[1].algorithms[0]', /HS\* are never accepted/],
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

  it('validates routes: shape, method, path syntax, duplicates and presence of scopes', () => {
    const doc = testConfig(origin);
    expect(configError({ ...doc, routes: [] }).path).toBe('routes');
    expect(configError({ ...doc, routes: [{ method: 'FETCH', path: '/a', scopes: [] }] }).path).toBe('routes[0].method');
    expect(configError({ ...doc, routes: [{ method: 'GET', path: 'a', scopes: [] }] }).path).toBe('routes[0].path');
    expect(configError({ ...doc, routes: [{ method: 'GET', path: '/{p+}/x', scopes: [] }] }).path).toBe('routes[0].path');
    expect(configError({ ...doc, routes: [{ method: 'GET', path: '/a' }] }).path).toBe('routes[0].scopes');
    expect(configError({ ...doc, routes: [{ method: 'GET', path: '/a', scopes: ['has space'] }] }).path).toBe(
      'routes[0].scopes[0]',
    );
    const dup = [
      { method: 'GET', path: '/a/{x}', scopes: [] },
      { method: 'GET', path: '/a/{y}', scopes: ['s'] },
    ];
    expect(configError({ ...doc, routes: dup }).path).toBe('routes[1]');
  });

  it('bounds numeric settings', () => {
    const doc = testConfig(origin);
    expect(configError({ ...doc, clockToleranceSeconds: -1 }).path).toBe('clockToleranceSeconds');
    expect(configError({ ...doc, jwks: { timeoutMs: 60_000 } }).path).toBe('jwks.timeoutMs');
    expect(configError({ ...doc, contextMaxBytes: 100 }).path).toBe('contextMaxBytes');
  });

  it('reports every problem, the first one as the path', () => {
    const err = configError({ ...testConfig(origin), clockToleranceSeconds: 'x', contextMaxBytes: 1 });
    expect(err.path).toBe('clockToleranceSeconds');
    expect(err.message).toMatch(/also contextMaxBytes/);
  });
});
