// What `npm start` prints once the stack is up: the URL, the demo users and a copy-paste curl sequence.
import type { Stack } from './stack';

export function printBanner(stack: Stack, startupMs: number, customAuthConfig: boolean): void {
  const u = stack.url;
  const writer = stack.pool.users.find((x) => x.group === 'writers') ?? stack.pool.users[0];
  const lines = [
    '',
    `Local API ready in ${(startupMs / 1000).toFixed(1)} s: ${u}`,
    `Identity provider trusted: ${customAuthConfig ? 'from your AUTH_CONFIG' : stack.profile === 'oidc' ? `oidc-provider at ${stack.oidc?.issuer}` : `cognito-local pool ${stack.pool.poolId}`}`,
    '',
    stack.profile === 'oidc'
      ? 'Demo users (cognito-local: /auth/signin works, but this profile does not trust their tokens; that is the swap):'
      : 'Demo users (cognito-local):',
    ...stack.pool.users.map((x) => `  ${x.email.padEnd(24)} ${x.password}   group ${x.group}`),
    '',
    'Try it:',
  ];
  if (stack.profile === 'oidc') {
    lines.push(`  TOKEN=$(npm run -s token)`);
  } else {
    lines.push(
      `  TOKEN=$(curl -s -X POST ${u}/auth/signin -H 'Content-Type: application/json' \\`,
      `    -d '{"email":"${writer?.email}","password":"${writer?.password}"}' | node -pe 'JSON.parse(require("fs").readFileSync(0)).accessToken')`,
    );
  }
  lines.push(
    `  curl -s ${u}/me -H "Authorization: Bearer $TOKEN"`,
    `  curl -s -X POST ${u}/comments -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d '{"text":"Hello"}'`,
    `  curl -s ${u}/comments -H "Authorization: Bearer $TOKEN"`,
    '',
    'Ctrl-C stops everything.',
  );
  console.log(lines.join('\n'));
}
