// The peer: a REST TOKEN authorizer on aws-jwt-verify, the library most teams would pick, with ours's claims and the floor's policy.
import http from 'node:http';
import { JwtVerifier } from 'aws-jwt-verify';
import type { Fetcher } from 'aws-jwt-verify/https';
import { SimpleFetcher } from 'aws-jwt-verify/https';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import { DEFAULT_CLOCK_TOLERANCE_SECONDS } from '../shared/config/clock-tolerance';
import { createRoutePolicy } from './route-policy';

export interface PeerOptions {
  issuer: string;
  audience: string;
  jwksUri: string;
}

const LOOPBACK = /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?\//;

/**
 * aws-jwt-verify fetches with node:https only (`https.request`: an http:// jwksUri fails with "Protocol http: not
 * supported"), and the bench's JWKS server is plain http on 127.0.0.1, as ours reaches it with
 * AUTH_ALLOW_INSECURE_LOOPBACK. The honest equivalent is its documented extension point, a Fetcher passed through
 * `new SimpleJwksCache({ fetcher })`: the same GET, status check and body collection over node:http, for loopback
 * URLs only (anything else goes to the library's own SimpleFetcher). The keys are still fetched by the library's
 * cache at hydrate()/first verify, never handed to it with cacheJwks(): the cold start pays the fetch like ours.
 */
export class LoopbackFetcher implements Fetcher {
  private readonly fallback = new SimpleFetcher();

  fetch(uri: string, requestOptions?: Record<string, unknown>, data?: ArrayBuffer): Promise<ArrayBuffer> {
    if (!LOOPBACK.test(uri)) return this.fallback.fetch(uri, requestOptions, data);
    return new Promise((resolve, reject) => {
      const req = http.get(uri, (res) => {
        if (res.statusCode !== 200) {
          res.resume();
          reject(new Error(`${uri}: status code is ${res.statusCode}, expected 200`));
          return;
        }
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          resolve(body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer);
        });
        res.on('error', reject);
      });
      req.setTimeout(3_000, () => req.destroy(new Error(`${uri}: no answer within 3000 ms`)));
      req.on('error', reject);
    });
  }
}

export interface PeerAuthorizer {
  authorize(authorization: string, methodArn: string): Promise<{ principalId: string; policyDocument: unknown }>;
  /** Fetches the JWKS, as a Lambda would at init. */
  hydrate(): Promise<void>;
}

/** iss, aud, exp and nbf with ours's clock tolerance (graceSeconds), RS256 only; then the floor's route policy. */
export function createPeerAuthorizer(options: PeerOptions): PeerAuthorizer {
  const verifier = JwtVerifier.create(
    {
      issuer: options.issuer,
      audience: options.audience,
      jwksUri: options.jwksUri,
      graceSeconds: DEFAULT_CLOCK_TOLERANCE_SECONDS,
      // The library accepts RS*, ES* and EdDSA (each matched to the JWK's own alg when the JWK declares one);
      // ours is configured for RS256 only, so the peer pins it too. Its checks run after the signature's.
      customJwtCheck: ({ header }) => {
        if (header.alg !== 'RS256') throw new Error('alg is not RS256');
      },
    },
    { jwksCache: new SimpleJwksCache({ fetcher: new LoopbackFetcher() }) },
  );
  const policy = createRoutePolicy();
  return {
    async authorize(authorization, methodArn) {
      if (!authorization.startsWith('Bearer ')) throw new Error('Unauthorized');
      let payload;
      try {
        payload = await verifier.verify(authorization.slice(7));
      } catch {
        throw new Error('Unauthorized');
      }
      return { principalId: String(payload.sub), policyDocument: policy(methodArn, payload.scope) };
    },
    hydrate: () => verifier.hydrate(),
  };
}
