// Values serverless.yml resolves at package time: defaults reference the stack's own resources, the local stack
// overrides them through the environment, and AUTH_CONFIG is validated with the authorizer's own schema first.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const esbuild = require('esbuild');
const { extraEvents, shapeOf } = require('./api-shapes.cjs');

const ROOT = path.resolve(__dirname, '..', '..');
/**
 * The stage `npm start` runs serverless-offline with. Only this stage may take the local shortcuts from the shell
 * (loopback http key sources, a CURSOR_SECRET value): every other stage's template is built without them.
 */
const LOCAL_STAGE = 'local';

const loaded = new Map();
/** A TypeScript module of the project, bundled on the fly with esbuild (the same code the functions bundle). */
function loadTs(relative) {
  if (loaded.has(relative)) return loaded.get(relative);
  const entry = path.join(ROOT, relative);
  const { outputFiles } = esbuild.buildSync({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    write: false,
    logLevel: 'silent',
  });
  const mod = new Module(entry);
  mod.paths = Module._nodeModulePaths(ROOT);
  mod._compile(outputFiles[0].text, entry);
  loaded.set(relative, mod.exports);
  return mod.exports;
}

/** The route manifest (shared/route-manifest.ts): the one place each route and its permissions are declared. */
const manifest = () => loadTs('shared/route-manifest.ts');

/** The deployed default: trust the stack's own user pool and app client (Fn::Sub fills in their ids). */
function cognitoAuthConfig() {
  // No `routes`: the authorizer takes them from the route manifest bundled into it, the same one the events use.
  const doc = {
    providers: [
      {
        name: 'cognito',
        type: 'cognito',
        region: '${AWS::Region}',
        userPoolId: '${UserPool}',
        clientIds: ['${UserPoolClient}'],
        tokenUse: 'access',
        groupPermissions: manifest().GROUP_PERMISSIONS,
      },
    ],
  };
  return { 'Fn::Sub': JSON.stringify(doc) };
}

/** The authorizer's real config reader, so a bad document fails `sls package` naming the key. */
const loadReader = () => loadTs('authorizer/config/load-config.ts').loadConfig;

const routeText = (r) => `${r.method} ${r.path} [${[...r.permissions].sort().join(' ')}]`;

/**
 * A document that carries its own routes must describe exactly the routes this stack deploys: a route the policy
 * does not know is reachable through an Allow's "*" and unguarded, and one it knows but the API lacks is noise.
 */
function checkRoutesAgree(configRoutes) {
  const expected = new Set(manifest().authorizedRoutes().map(routeText));
  const given = new Set(configRoutes.map(routeText));
  const missing = [...expected].filter((r) => !given.has(r));
  const extra = [...given].filter((r) => !expected.has(r));
  if (missing.length + extra.length === 0) return;
  const parts = [
    missing.length ? `missing ${missing.join(', ')}` : '',
    extra.length ? `not deployed ${extra.join(', ')}` : '',
  ];
  throw new Error(
    `AUTH_CONFIG routes: disagree with the routes this stack deploys (shared/route-manifest.ts): ${parts.filter(Boolean).join('; ')}. ` +
      'Leave `routes` out to take them from the manifest.',
  );
}

/**
 * The events of each function, from the manifest: `events: ${file(...):events.<function>}` in serverless.yml. Its
 * REST `http` event, plus what the stage's API shape adds (api-shapes.cjs: an `httpApi` event for shape http).
 */
async function httpEvents(context) {
  const shape = await shapeOf(context);
  const events = {};
  for (const route of manifest().ROUTE_MANIFEST) {
    const http = { path: route.path.slice(1) || '/', method: route.method.toLowerCase(), cors: '${self:custom.cors}' };
    if (!route.public) http.authorizer = '${self:custom.authorizer}';
    (events[route.function] ??= []).push({ http }, ...extraEvents(shape, route));
  }
  return events;
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
  const config = loadReader()({
    AUTH_CONFIG: raw,
    AUTH_ALLOW_INSECURE_LOOPBACK: process.env.AUTH_ALLOW_INSECURE_LOOPBACK,
  });
  if (json.routes !== undefined) checkRoutesAgree(config.routes);
  return JSON.stringify(json);
}

const isLocalStage = async (resolveVariable) => (await resolveVariable('sls:stage')) === LOCAL_STAGE;

/**
 * The authorizer's environment. The loopback-http opt-in is added only for the local stage and only when the shell
 * sets it (the local stack does), so no deployable template can switch it on: on Lambda, 127.0.0.1 is the Runtime API.
 */
async function authorizerEnvironment({ resolveVariable }) {
  const environment = {
    AUTH_CONFIG: overrideAuthConfig() ?? cognitoAuthConfig(),
    // Replaces provider.environment's --enable-source-maps for the authorizers only: node would read and parse the
    // ~1 MB handler.js.map on every cold start (13-17 ms, README "Performance"), and the authorizer logs errors as
    // name and message, never a stack, so the map would buy nothing. The services keep it.
    NODE_OPTIONS: '',
  };
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
  if ((await isLocalStage(resolveVariable)) && process.env.CURSOR_SECRET)
    return { CURSOR_SECRET: process.env.CURSOR_SECRET };
  return { CURSOR_SECRET_ARN: { Ref: 'CursorSecret' } };
}

/** The stage's allowed origins, in the order given: the first is the primary one. */
async function corsOrigins({ resolveVariable }) {
  return String(await resolveVariable('param:corsOrigins'))
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
}

/**
 * The Access-Control-Allow-Origin of every gateway response, a static (quoted) value. API Gateway can only copy the
 * request's Origin or send a constant: copying would let any site read the 401/403/404/5xx answers, so they name the
 * primary origin (a page on another allowed origin then sees a CORS failure for those answers only).
 */
async function gatewayResponseOrigin(context) {
  const [primary] = await corsOrigins(context);
  if (!primary) throw new Error('params.corsOrigins: at least one origin is required');
  return `'${primary}'`;
}

module.exports = {
  LOCAL_STAGE,
  checkRoutesAgree,
  authorizerEnvironment,
  cursorSecretEnvironment,
  corsOrigins,
  gatewayResponseOrigin,
  userPoolId: async () => process.env.USER_POOL_ID || { Ref: 'UserPool' },
  userPoolClientId: async () => process.env.USER_POOL_CLIENT_ID || { Ref: 'UserPoolClient' },
};
// A resolver: serverless.yml reads `events.<function>`; nothing is bundled until it does.
module.exports.events = httpEvents;
