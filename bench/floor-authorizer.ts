// The floor: a minimal TOKEN authorizer written directly on node:crypto, to measure ours against.
import { createPublicKey, verify, type KeyObject } from 'node:crypto';

export interface FloorOptions {
  issuer: string;
  audience: string;
  jwks: { keys: Array<Record<string, unknown>> };
}

/** split, decode, verify with a cached KeyObject, check iss/aud/exp, build an Allow policy. */
export function createFloorAuthorizer(options: FloorOptions) {
  const keys = new Map<string, KeyObject>();
  for (const jwk of options.jwks.keys) keys.set(String(jwk.kid), createPublicKey({ key: jwk as never, format: 'jwk' }));
  return (authorization: string, methodArn: string) => {
    const token = authorization.slice(7);
    const [h, p, s] = token.split('.');
    if (!h || !p || !s) throw new Error('Unauthorized');
    const header = JSON.parse(Buffer.from(h, 'base64url').toString());
    const key = header.alg === 'RS256' ? keys.get(header.kid) : undefined;
    if (!key || !verify('RSA-SHA256', Buffer.from(`${h}.${p}`), key, Buffer.from(s, 'base64url')))
      throw new Error('Unauthorized');
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
    if (claims.iss !== options.issuer || claims.aud !== options.audience || !(claims.exp > Date.now() / 1000)) {
      throw new Error('Unauthorized');
    }
    return {
      principalId: claims.sub,
      policyDocument: {
        Version: '2012-10-17',
        Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: [methodArn] }],
      },
    };
  };
}
