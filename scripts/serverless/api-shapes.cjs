// The API shapes serverless.yml can deploy (`--param shape=…`): the REST API alone, or beside it an HTTP API or a
// WebSocket API in front of the same functions; everything a shape adds to the template is derived here.
'use strict';
const { roleOf } = require('./roles.cjs');

/**
 * - rest: the REST API with the TOKEN authorizer (the default, and what `npm start` serves);
 * - http: plus an HTTP API (payload 2.0, simple responses) over the same functions and routes;
 * - websocket: plus a WebSocket API whose `$connect` route takes the REQUEST authorizer.
 * A shape only adds: the REST API, its gateway responses, outputs and the local gateway stay the same in every one.
 */
const SHAPES = ['rest', 'http', 'websocket'];
const HTTP_API_AUTHORIZER = 'httpApiAuthorizer';
/**
 * HTTP API caches a simple response by its identity sources and reuses it on every route that has them: without
 * the route key, a reader's cached `true` for GET /comments would open POST /comments for the TTL.
 * (check-authorizer-cache.cjs fails packaging when an authorizer caches without it.)
 */
const HTTP_API_IDENTITY_SOURCE = ['$request.header.Authorization', '$context.routeKey'];
/**
 * Browsers cannot set headers on a WebSocket, so the token comes as RFC 6750 §2.3's access_token parameter.
 * API Gateway refuses (401) a connect lacking any listed source without invoking the authorizer; a client that
 * sends the Authorization header instead needs `route.request.header.Authorization` here (README).
 */
const WEBSOCKET_IDENTITY_SOURCE = ['route.request.querystring.access_token'];
const AUTHORIZER_ENVIRONMENT = '${file(./scripts/serverless/stack-config.cjs):authorizerEnvironment}';

/** The stage's `shape` parameter, checked: a typo must not deploy the default silently. */
async function shapeOf({ resolveVariable }) {
  const shape = String(await resolveVariable('param:shape'));
  if (!SHAPES.includes(shape)) throw new Error(`params.shape: must be one of ${SHAPES.join(', ')} (got "${shape}")`);
  return shape;
}

/** The HTTP API event of a manifest route, behind the Lambda authorizer unless the route is public. */
function httpApiEvent(route) {
  const event = { method: route.method, path: route.path };
  if (!route.public) event.authorizer = { name: HTTP_API_AUTHORIZER };
  return { httpApi: event };
}

/** The events a shape adds to a manifest route's function (beside its REST `http` event). */
function extraEvents(shape, route) {
  return shape === 'http' ? [httpApiEvent(route)] : [];
}

async function resultTtlOf({ resolveVariable }) {
  const ttl = Number(await resolveVariable('param:authorizerTtl'));
  if (!Number.isInteger(ttl) || ttl < 0 || ttl > 3600) throw new Error('params.authorizerTtl: must be 0 to 3600');
  return ttl;
}

/** serverless.yml `provider.httpApi`: the HTTP API's authorizer and CORS (an empty block creates no HTTP API). */
async function httpApi(context) {
  if ((await shapeOf(context)) !== 'http') return {};
  return {
    cors: {
      allowedOrigins: '${file(./scripts/serverless/stack-config.cjs):corsOrigins}',
      allowedHeaders: ['Content-Type', 'Authorization'],
      allowCredentials: false,
      maxAge: 600,
    },
    authorizers: {
      [HTTP_API_AUTHORIZER]: {
        type: 'request',
        functionName: HTTP_API_AUTHORIZER,
        payloadVersion: '2.0',
        enableSimpleResponses: true,
        identitySource: HTTP_API_IDENTITY_SOURCE,
        resultTtlInSeconds: await resultTtlOf(context),
      },
    },
  };
}

/** The functions a shape adds, by name; serverless.yml lists each with a `null` fallback for the other shapes. */
const SHAPE_FUNCTIONS = {
  http: {
    [HTTP_API_AUTHORIZER]: {
      handler: 'authorizer/handler.httpApiHandler',
      role: 'HttpApiAuthorizerRole',
      environment: AUTHORIZER_ENVIRONMENT,
    },
  },
  websocket: {
    connectAuthorizer: {
      handler: 'authorizer/handler.requestHandler',
      role: 'ConnectAuthorizerRole',
      environment: AUTHORIZER_ENVIRONMENT,
    },
    connect: {
      handler: 'services/connections/connect.handler',
      role: 'ConnectRole',
      events: [
        {
          websocket: {
            route: '$connect',
            authorizer: { name: 'connectAuthorizer', identitySource: WEBSOCKET_IDENTITY_SOURCE },
          },
        },
      ],
    },
  },
};

async function functions(context) {
  return SHAPE_FUNCTIONS[await shapeOf(context)] ?? {};
}

const pascal = (name) => `${name[0].toUpperCase()}${name.slice(1)}`;

/** One role per added function, as roles.cjs builds them: its own log group, and no data access at all. */
async function resources(context) {
  const { resolveVariable } = context;
  const functionPrefix = `${await resolveVariable('self:service')}-${await resolveVariable('sls:stage')}`;
  const Resources = {};
  for (const fn of Object.keys(await functions(context)))
    Resources[`${pascal(fn)}Role`] = roleOf(fn, [], functionPrefix);
  return { Resources };
}

module.exports = {
  SHAPES,
  HTTP_API_IDENTITY_SOURCE,
  WEBSOCKET_IDENTITY_SOURCE,
  shapeOf,
  extraEvents,
  httpApi,
  functions,
  resources,
};
