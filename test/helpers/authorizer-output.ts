// Authorizer output as a backend receives it: the real contract encoder, then API Gateway's stringification.
import { encodeAuthContext, type AuthIdentityInput } from '../../shared/auth-context';

export function deliveredContext(
  identity: Partial<AuthIdentityInput> & { principalId: string },
): Record<string, string> {
  const full: AuthIdentityInput = {
    provider: 'pool',
    issuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123',
    permissions: ['comments:read', 'comments:write'],
    expiresAt: 4102444800,
    claims: {},
    ...identity,
  };
  const { principalId, context } = encodeAuthContext(full, { maxBytes: 4096 });
  const delivered: Record<string, string> = { principalId };
  for (const [key, value] of Object.entries(context)) delivered[key] = String(value);
  return delivered;
}
