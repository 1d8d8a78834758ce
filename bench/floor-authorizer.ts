// The floor: a minimal TOKEN authorizer written directly on node:crypto, to measure ours against.
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { DEFAULT_CLOCK_TOLERANCE_SECONDS } from '../shared/config/clock-tolerance';
import { createRoutePolicy } from './route-policy';

export interface FloorOptions {
  issuer: string;
  audience: string;
  jwks: { keys: Array<Record<string, unknown>> };
}

/**
 * split, decode, verify RS256 with a cached KeyObject, check iss/aud/exp/nbf (with ours's clock tolerance), and
 * answer the route policy over the manifest's routes (bench/route-policy.ts, shared with the peer).
 */
export function createFloorAuthorizer(options: FloorOptions) {
  const keys = new Map<string, KeyObject>();
  for (const jwk of options.jwks.keys) keys.set(String(jwk.kid), createPublicKey({ key: jwk as never, format: 'jwk' }));
  const policy = createRoutePolicy();
  const leeway = DEFAULT_CLOCK_TOLERANCE_SECONDS;
  return (authorization: string, methodArn: string) => {
    const token = authorization.slice(7);
    const [h, p, s] = token.split('.');
    if (!h || !p || !s) throw new Error('Unauthorized');
    const header = JSON.parse(Buffer.from(h, 'base64url').toString());
    const key = header.alg === 'RS256' ? keys.get(header.kid) : undefined;
    if (!key || !verify('RSA-SHA256', Buffer.from(`${h}.${p}`), key, Buffer.from(s, 'base64url')))
      throw new Error('Unauthorized');
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
    const now = Date.now() / 1000;
    if (
      claims.iss !== options.issuer ||
      claims.aud !== options.audience ||
      !(claims.exp + leeway > now) ||
      (claims.nbf !== undefined && !(claims.nbf - leeway <= now))
    ) {
      throw new Error('Unauthorized');
    }
    return { principalId: claims.sub, policyDocument: policy(methodArn, claims.scope) };
  };
}
