// Values serverless.yml resolves at package time: defaults reference the stack's own resources, the local stack
// overrides them through the environment, and AUTH_CONFIG is validated with the authorizer's own schema first.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const esbuild = require('esbuild');

const ROOT = path.resolve(__dirname, '..', '..');
/**
 * The stage `npm start` runs serverless-offline with. Only this stage may take the local shortcuts from the shell
 * (loopback http key sources, a CURSOR_SECRET value): every other stage's template is built without them.
 */
const LOCAL_STAGE = 'local';

/** The API's routes and the permission each needs: the single source for AUTH_CONFIG and the template tests. */
const ROUTES = [
  { method: 'GET', path: '/me', scopes: [] },
  { method: 'GET', path: '/comments', scopes: ['comments:read'] },
  { method: 'POST', path: '/comments', scopes: ['comments:write'] },
  { method: 'GET', path: '/comments/{id}', scopes: ['comments:read'] },
  { method: 'DELETE', path: '/comments/{id}', scopes: ['comments:write'] },
];

/** Cognito groups of the stack's pool and the permissions they grant. */
const GROUP_PERMISSIONS = {
  readers: ['comments:read'],
  writers: ['comments:read', 'comments:write'],
  moderators: ['comments:read', 'comments:write', 'comments:moderate'],
};

/** The deployed default: trust the stack's own user pool and app client (Fn::Sub fills in their ids). */
function cognitoAuthConfig() {
  const doc = {
    providers: [
      {
        name: 'cognito',
        type: 'cognito',
        region: '${AWS::Region}',
        userPoolId: '${UserPool}',
        clientIds: ['${UserPoolClient}'],
        tokenUse: 'access',
        groupPermissions: GROUP_PERMISSIONS,
      },
    ],
    clockToleranceSeconds: 5,
    routes: ROUTES,
  };
  return { 'Fn::Sub': JSON.stringify(doc) };
}

let loadConfig;
/** The authorizer's real config reader, bundled on the fly, so a bad document fails `sls package` naming the key. */
function loadReader() {
  if (loadConfig) return loadConfig;
  const entry = path.join(ROOT, 'authorizer', 'config', 'load-config.ts');
  const { outputFiles } = esbuild.buildSync({ entryPoints: [entry], bundle: true, platform: 'node', format: 'cjs', write: false, logLevel: 'silent' });
  const mod = new Module(entry);
  mod.paths = Module._nodeModulePaths(ROOT);
  mod._compile(outputFiles[0].text, entry);
  loadConfig = mod.exports.loadConfig;
  return loadConfig;
}

/** AUTH_CONFIG (inline JSON) or AUTH_CONFIG_FILE (a path) replaces the Cognito default: the provider swap. */
function overrideAuthConfig() {
  const file = process.env.AUTH_CONFIG_FILE;
  const raw = process.env.AUTH_CONFIG || (file ? fs.readFileSync(path.resolve(ROOT, file), 'utf8') : undefined);
  if (!raw) return undefined;
  let json;
  try {
    json = JSON.parse(raw);
  } catch (err) {
    throw new Error(`AUTH_CONFIG: is not valid JSON (${err.message})`);
  }
  // The authorizer's own rules, AUTH_ALLOW_INSECURE_LOOPBACK of the packaging shell included (off unless "true"):
  // throws ConfigError "AUTH_CONFIG providers[0].issuer: must be https …".
  loadReader()({ AUTH_CONFIG: raw, AUTH_ALLOW_INSECURE_LOOPBACK: process.env.AUTH_ALLOW_INSECURE_LOOPBACK });
  return JSON.stringify(json);
}

const isLocalStage = async (resolveVariable) => (await resolveVariable('sls:stage')) === LOCAL_STAGE;

/**
 * The authorizer's environment. The loopback-http opt-in is added only for the local stage and only when the shell
 * sets it (the local stack does), so no deployable template can switch it on: on Lambda, 127.0.0.1 is the Runtime API.
 */
async function authorizerEnvironment({ resolveVariable }) {
  const environment = { AUTH_CONFIG: overrideAuthConfig() ?? cognitoAuthConfig() };
  if ((await isLocalStage(resolveVariable)) && process.env.AUTH_ALLOW_INSECURE_LOOPBACK === 'true') {
    environment.AUTH_ALLOW_INSECURE_LOOPBACK = 'true';
  }
  return environment;
}

/**
 * The cursor key of the list function: the ARN of the generated secret (read at run time, never a template value),
 * or for the local stage the CURSOR_SECRET of the shell, as the local stack has no Secrets Manager.
 */
async function cursorSecretEnvironment({ resolveVariable }) {
  if ((await isLocalStage(resolveVariable)) && process.env.CURSOR_SECRET) return { CURSOR_SECRET: process.env.CURSOR_SECRET };
  return { CURSOR_SECRET_ARN: { Ref: 'CursorSecret' } };
}

module.exports = {
  ROUTES,
  GROUP_PERMISSIONS,
  LOCAL_STAGE,
  authorizerEnvironment,
  cursorSecretEnvironment,
  corsOrigins: async ({ resolveVariable }) =>
    String(await resolveVariable('param:corsOrigins'))
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
  userPoolId: async () => process.env.USER_POOL_ID || { Ref: 'UserPool' },
  userPoolClientId: async () => process.env.USER_POOL_CLIENT_ID || { Ref: 'UserPoolClient' },
};
