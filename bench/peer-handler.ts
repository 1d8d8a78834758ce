// The peer as a deployable Lambda module, for the cold-start comparison: JWKS fetched by aws-jwt-verify at init.
import { createPeerAuthorizer } from './peer-aws-jwt-verify';

const { issuer, audience, jwksUri } = JSON.parse(process.env.PEER_CONFIG ?? '{}') as Record<string, string>;
const peer = createPeerAuthorizer({
  issuer: issuer as string,
  audience: audience as string,
  jwksUri: jwksUri as string,
});
// Started at init, like ours's prewarm and the floor's fetch; the first verify awaits the same request (the
// library's cache shares one fetch per JWKS URI), and a failed hydrate is retried by that verify.
const hydrated = peer.hydrate().catch(() => undefined);

export async function handler(event: { authorizationToken: string; methodArn: string }) {
  await hydrated;
  return peer.authorize(event.authorizationToken, event.methodArn);
}
