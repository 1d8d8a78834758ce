// bannerLines: what `npm start` prints gives a client library everything it needs, for both profiles.
import { bannerLines } from '../../../../scripts/local/banner';
import { DEMO_USERS } from '../../../../scripts/local/cognito-local';
import type { Stack } from '../../../../scripts/local/stack';

const cognitoStack: Stack = {
  url: 'http://127.0.0.1:3000',
  profile: 'cognito',
  pool: {
    poolId: 'local_AbC123',
    clientId: 'client0123',
    issuer: 'http://127.0.0.1:41234/local_AbC123',
    users: DEMO_USERS,
  },
  cognitoEndpoint: 'http://127.0.0.1:41234',
  region: 'eu-west-1',
  playgroundUrl: 'http://127.0.0.1:5180',
  authConfig: '{}',
  stop: async () => undefined,
};

const oidcStack: Stack = {
  ...cognitoStack,
  profile: 'oidc',
  oidc: {
    issuer: 'http://127.0.0.1:45000',
    jwksUri: 'http://127.0.0.1:45000/jwks',
    tokenEndpoint: 'http://127.0.0.1:45000/token',
    clientId: 'local-cli',
    clientSecret: 'local-secret-xyz',
    audience: 'api://comments',
    pid: 1,
    stop: async () => undefined,
  },
};

describe('bannerLines', () => {
  it('prints the URLs and what amazon-cognito-identity-js needs: endpoint, region, pool id, client id, flow', () => {
    // Act
    const text = bannerLines(cognitoStack, 4_100, false).join('\n');

    // Assess
    expect(text).toContain('Local API ready in 4.1 s: http://127.0.0.1:3000');
    expect(text).toContain('Playground: http://127.0.0.1:5180');
    expect(text).toMatch(/endpoint +http:\/\/127\.0\.0\.1:41234/);
    expect(text).toMatch(/region +eu-west-1/);
    expect(text).toMatch(/pool id +local_AbC123/);
    expect(text).toMatch(/client id +client0123/);
    expect(text).toContain('USER_PASSWORD_AUTH');
    expect(text).toContain('Send the access token');
    expect(text).toContain('.local-stack.json');
    expect(text).toContain('writer@example.com');
    expect(text).not.toContain('client secret');
  });

  it('prints the oidc profile client id, its local secret and the token endpoint', () => {
    // Act
    const text = bannerLines(oidcStack, 4_000, false).join('\n');

    // Assess
    expect(text).toMatch(/token endpoint +http:\/\/127\.0\.0\.1:45000\/token/);
    expect(text).toMatch(/client id +local-cli/);
    expect(text).toMatch(/client secret +local-secret-xyz +\(local only/);
    expect(text).toContain('TOKEN=$(npm run -s token)');
  });

  it('says when the trusted provider comes from the caller, and leaves out a playground that is not running', () => {
    // Prepare
    const { playgroundUrl: _none, ...withoutPlayground } = cognitoStack;

    // Act
    const text = bannerLines(withoutPlayground, 1_000, true).join('\n');

    // Assess
    expect(text).toContain('Identity provider trusted: from your AUTH_CONFIG');
    expect(text).not.toContain('Playground:');
  });
});
