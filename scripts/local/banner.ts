// What `npm start` prints once the stack is up: the URLs, what a client library needs, the demo users, a curl sequence.
import type { Stack } from './stack';

export function printBanner(stack: Stack, startupMs: number, customAuthConfig: boolean): void {
  console.log(bannerLines(stack, startupMs, customAuthConfig).join('\n'));
}

export function bannerLines(stack: Stack, startupMs: number, customAuthConfig: boolean): string[] {
  return [
    '',
    `Local API ready in ${(startupMs / 1000).toFixed(1)} s: ${stack.url}`,
    ...(stack.playgroundUrl
      ? [
          `Playground: ${stack.playgroundUrl} (sign in, see what the authorizer decides, call each route from a browser)`,
        ]
      : []),
    `Identity provider trusted: ${customAuthConfig ? 'from your AUTH_CONFIG' : stack.profile === 'oidc' ? `oidc-provider at ${stack.oidc?.issuer}` : `cognito-local pool ${stack.pool.poolId}`}`,
    '',
    ...cognitoLines(stack),
    ...oidcLines(stack),
    stack.profile === 'oidc'
      ? 'Demo users (cognito-local: /auth/signin works, but this profile does not trust their tokens; that is the swap):'
      : 'Demo users (cognito-local):',
    ...stack.pool.users.map((x) => `  ${x.email.padEnd(24)} ${x.password}   group ${x.group}`),
    '',
    ...tryLines(stack),
    '',
    'All of the above is in .local-stack.json while the stack runs. Ctrl-C stops everything.',
  ];
}

// The values amazon-cognito-identity-js (or any Cognito client) is configured with, and the two local caveats.
function cognitoLines(stack: Stack): string[] {
  return [
    'Cognito (cognito-local), for amazon-cognito-identity-js or the AWS SDK:',
    `  endpoint    ${stack.cognitoEndpoint}`,
    `  region      ${stack.region}`,
    `  pool id     ${stack.pool.poolId}`,
    `  client id   ${stack.pool.clientId}   (public: no secret)`,
    "  Sign in with USER_PASSWORD_AUTH (setAuthenticationFlowType): cognito-local has no SRP, the SDK's default.",
    '  Send the access token (getAccessToken()); an ID token gets 401 (reason token_use).',
    '  Sign-up codes are printed below as "cognito-local: confirmation code for …"; confirmed users join readers.',
    '',
  ];
}

function oidcLines(stack: Stack): string[] {
  if (!stack.oidc) return [];
  return [
    'OIDC provider (oidc-provider), client credentials grant:',
    `  token endpoint  ${stack.oidc.tokenEndpoint}`,
    `  client id       ${stack.oidc.clientId}`,
    // A random secret of this local provider, for this run only; printing it is the point.
    `  client secret   ${stack.oidc.clientSecret}   (local only, new at each start)`,
    `  audience        ${stack.oidc.audience}`,
    '',
  ];
}

function tryLines(stack: Stack): string[] {
  const u = stack.url;
  const writer = stack.pool.users.find((x) => x.group === 'writers') ?? stack.pool.users[0];
  const token =
    stack.profile === 'oidc'
      ? ['  TOKEN=$(npm run -s token)']
      : [
          `  TOKEN=$(curl -s -X POST ${u}/auth/signin -H 'Content-Type: application/json' \\`,
          `    -d '{"email":"${writer?.email}","password":"${writer?.password}"}' | node -pe 'JSON.parse(require("fs").readFileSync(0)).accessToken')`,
        ];
  return [
    'Try it:',
    ...token,
    `  curl -s ${u}/me -H "Authorization: Bearer $TOKEN"`,
    `  curl -s -X POST ${u}/comments -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d '{"text":"Hello"}'`,
    `  curl -s ${u}/comments -H "Authorization: Bearer $TOKEN"`,
  ];
}
