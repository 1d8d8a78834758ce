// The floor as a deployable Lambda module, for the cold-start comparison: JWKS fetched over node:http at init.
import http from 'node:http';
import { createFloorAuthorizer } from './floor-authorizer';

const { issuer, audience, jwksUri } = JSON.parse(process.env.FLOOR_CONFIG ?? '{}') as Record<string, string>;

function fetchJson(url: string): Promise<{ keys: Array<Record<string, unknown>> }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve(JSON.parse(body)));
      })
      .on('error', reject);
  });
}

const ready = fetchJson(jwksUri as string).then((jwks) =>
  createFloorAuthorizer({ issuer: issuer as string, audience: audience as string, jwks }),
);

export async function handler(event: { authorizationToken: string; methodArn: string }) {
  return (await ready)(event.authorizationToken, event.methodArn);
}
