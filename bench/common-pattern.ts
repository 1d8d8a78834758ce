// The common pattern most samples use: jwks-rsa getSigningKey(kid), then jsonwebtoken.verify with the PEM, per call.
import jwt from 'jsonwebtoken';
import { JwksClient } from 'jwks-rsa';

export function createCommonAuthorizer(options: { issuer: string; audience: string; jwksUri: string }) {
  const client = new JwksClient({ jwksUri: options.jwksUri, cache: true, rateLimit: true });
  return async (authorization: string, methodArn: string) => {
    const token = authorization.slice(7);
    const decoded = jwt.decode(token, { complete: true });
    if (!decoded || typeof decoded.payload === 'string') throw new Error('Unauthorized');
    const key = await client.getSigningKey(decoded.header.kid);
    const claims = jwt.verify(token, key.getPublicKey(), {
      algorithms: ['RS256'],
      issuer: options.issuer,
      audience: options.audience,
    }) as jwt.JwtPayload;
    return {
      principalId: claims.sub,
      policyDocument: {
        Version: '2012-10-17',
        Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: [methodArn] }],
      },
    };
  };
}
