// Local OIDC provider (oidc-provider) on 127.0.0.1: client_credentials → RS256 JWT access tokens for one API audience.
// Run with `node scripts/local/oidc-provider-server.mjs`; scripts/local/oidc-provider.ts starts it as a child process.
// Environment: PORT (0 = any free port), OIDC_KEYS_FILE, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_AUDIENCE.
// stdout carries exactly one JSON line, {"ready":true,...}, which is the protocol with the parent; the rest is stderr.
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';

/** oidc-provider's scope allow-list for this API: the permissions the authorizer's routes ask for. */
const SCOPES = ['comments:read', 'comments:write'];
/** 15 minutes: short enough that a leaked local token dies quickly, long enough for a manual session. */
const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;

const env = process.env;
const port = parsePort(env.PORT ?? '0');
const clientId = env.OIDC_CLIENT_ID || 'local-cli';
const clientSecret = env.OIDC_CLIENT_SECRET || randomBytes(32).toString('base64url');
const audience = env.OIDC_AUDIENCE || 'api://comments';
let closing = false;

// oidc-provider prints its NOTICEs with console.info, i.e. on stdout; stdout is reserved for the ready line.
console.info = (...args) => console.error(...args);

const { Provider, InvalidTarget } = await importProvider();
const signingKey = loadOrCreateSigningKey(env.OIDC_KEYS_FILE);
const server = createServer();
await new Promise((resolve, reject) => {
  server.once('error', reject);
  // Loopback only: this provider hands out tokens to anyone who asks with the (printed) secret.
  server.listen(port, '127.0.0.1', resolve);
});
const issuer = `http://127.0.0.1:${server.address().port}`;
const provider = createProvider(issuer);
server.on('request', provider.callback());

process.stdout.write(
  `${JSON.stringify({
    ready: true,
    issuer,
    jwksUri: provider.urlFor('jwks'),
    tokenEndpoint: provider.urlFor('token'),
    clientId,
    clientSecret,
    audience,
  })}\n`,
);

for (const signal of ['SIGTERM', 'SIGINT']) process.once(signal, shutdown);
// Started by scripts/local/oidc-provider.ts: its pipe to our stdin closes when it dies, even by SIGKILL, so we follow.
if (env.OIDC_EXIT_WITH_STDIN === '1') {
  process.stdin.on('end', shutdown);
  process.stdin.on('close', shutdown);
  process.stdin.resume();
}

function createProvider(issuerUrl) {
  const instance = new Provider(issuerUrl, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
        scope: SCOPES.join(' '),
        // oidc-provider accepts the secret in the body (client_secret_post) for a client_secret_basic client too.
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [signingKey] },
    scopes: SCOPES,
    features: {
      // No login pages: this provider only serves machine clients.
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      resourceIndicators: {
        enabled: true,
        // A request without `resource` still gets a JWT for our API, as Auth0's default audience does.
        defaultResource: () => audience,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, resource) => {
          // Any other resource is invalid_target: a token for some other API must never be minted here.
          if (resource !== audience) throw new InvalidTarget();
          return {
            scope: SCOPES.join(' '),
            audience,
            accessTokenTTL: ACCESS_TOKEN_TTL_SECONDS,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
    },
    // Set explicitly: the defaults work but print a "you SHOULD change it" notice on first use.
    ttl: { AccessToken: ACCESS_TOKEN_TTL_SECONDS, ClientCredentials: ACCESS_TOKEN_TTL_SECONDS },
  });
  // The message only: request bodies (which may hold the client secret) are never logged.
  instance.on('server_error', (_ctx, err) => console.error(`oidc-provider server_error: ${err.message}`));
  return instance;
}

/** Reuses the key in `file` so the kid survives restarts (cached JWKS stay valid); creates it on first start. */
function loadOrCreateSigningKey(file) {
  if (!file) {
    console.error('oidc-provider: OIDC_KEYS_FILE not set, using a key (and kid) that lasts only for this process');
    return createSigningKey();
  }
  const existing = readKeyFile(file);
  if (existing) return existing;
  const key = createSigningKey();
  try {
    // 'wx': if a concurrent start wrote the file first, keep its key rather than overwrite it. 0600: a private key.
    writeFileSync(file, `${JSON.stringify(key, null, 2)}\n`, { flag: 'wx', mode: 0o600 });
    return key;
  } catch (err) {
    if (err.code === 'EEXIST') return readKeyFile(file);
    throw err;
  }
}

function readKeyFile(file) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if (err.code === 'ENOENT') return undefined;
    throw err;
  }
  let key;
  try {
    key = JSON.parse(text);
  } catch {
    throw new Error(`${file} is not JSON; delete it to generate a new signing key`);
  }
  // Refuse rather than regenerate: silently replacing the key would change the kid under running consumers.
  if (key?.kty !== 'RSA' || typeof key.d !== 'string' || typeof key.kid !== 'string') {
    throw new Error(`${file} does not hold a private RSA JWK with a kid; delete it to generate a new signing key`);
  }
  return key;
}

function createSigningKey() {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = privateKey.export({ format: 'jwk' });
  return { ...jwk, kid: thumbprint(jwk), alg: 'RS256', use: 'sig' };
}

/** The RFC 7638 JWK thumbprint (SHA-256), shortened: stable for one key, different for another. */
function thumbprint({ e, n }) {
  const canonical = JSON.stringify({ e, kty: 'RSA', n });
  return createHash('sha256').update(canonical).digest('base64url').slice(0, 16);
}

/** Imports oidc-provider, dropping only its "Node.js v22 preferred" warning (known and harmless on Node 20). */
async function importProvider() {
  const warn = console.warn;
  console.warn = (...args) => {
    if (typeof args[0] === 'string' && args[0].includes('oidc-provider WARNING: Unsupported runtime.')) return;
    warn(...args);
  };
  try {
    // Dynamic, not a static import: static imports run before any of this module's code could filter.
    const { Provider, errors } = await import('oidc-provider');
    return { Provider, InvalidTarget: errors.InvalidTarget };
  } finally {
    console.warn = warn;
  }
}

function parsePort(value) {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65535) {
    console.error(`oidc-provider: PORT must be an integer from 0 to 65535, got ${JSON.stringify(value)}`);
    process.exit(2);
  }
  return parsed;
}

function shutdown() {
  if (closing) return;
  closing = true;
  // Idle keep-alive sockets would hold close() open; nothing here needs a graceful drain.
  server.close(() => process.exit(0));
  server.closeAllConnections();
}
