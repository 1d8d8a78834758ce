// The API shapes on the packaged CloudFormation (`--param shape=…`): each shape's authorizer settings, and the REST
// API unchanged beside them; plus the packaging check that refuses an HTTP API cache not keyed by the route.
/* eslint-disable @typescript-eslint/no-explicit-any -- CloudFormation JSON is untyped; these tests probe it. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { shapeOf } from '../../scripts/serverless/api-shapes.cjs';
import CheckAuthorizerCache, { authorizerCacheProblems } from '../../scripts/serverless/check-authorizer-cache.cjs';
import { authorizedRoutes, ROUTE_MANIFEST, routeKeyOf, type RouteEntry } from '../../shared/route-manifest';
import { rejectionOf } from '../helpers/caught';
import { packageService, type CfnTemplate, type PackageResult } from '../helpers/serverless-package';

const ROOT = path.resolve(__dirname, '../..');
const packaged: Record<'rest' | 'http' | 'websocket', PackageResult> = {} as never;

beforeAll(async () => {
  // One at a time: the machine's two cores are shared, and each run bundles every function.
  for (const shape of ['rest', 'http', 'websocket'] as const) {
    packaged[shape] = await packageService({}, 'dev', shape === 'rest' ? {} : { shape });
    if (!packaged[shape].template) throw new Error(`sls package (shape ${shape}) failed:\n${packaged[shape].output}`);
  }
}, 300_000);
afterAll(() => Promise.all(Object.values(packaged).map((p) => p?.cleanup())));

const templateOf = (shape: keyof typeof packaged) => packaged[shape].template as CfnTemplate;
const ofType = (t: CfnTemplate, type: string) => Object.entries(t.Resources).filter(([, r]) => r.Type === type);
const props = (t: CfnTemplate, name: string) => {
  const found = t.Resources[name];
  if (!found) throw new Error(`no resource ${name}`);
  return found.Properties as Record<string, any>;
};
/** The Lambda function an integration or authorizer URI names ({Function}LambdaFunction). */
const functionIn = (uri: unknown) => /"([A-Za-z]+)LambdaFunction"/.exec(JSON.stringify(uri))?.[1];
const pascal = (name: string) => `${name[0]!.toUpperCase()}${name.slice(1)}`;
const manifest: readonly RouteEntry[] = ROUTE_MANIFEST;

/** The REST API's resources, by logical id (the deployment's id carries a timestamp, so it is left out). */
function restApiOf(t: CfnTemplate): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(t.Resources).filter(
      ([name, r]) => r.Type.startsWith('AWS::ApiGateway::') && !name.startsWith('ApiGatewayDeployment'),
    ),
  );
}

/** The statements of a function's role. */
function roleStatementsOf(t: CfnTemplate, fn: string): Array<{ Action: string[]; Resource: unknown[] }> {
  const role = props(t, `${pascal(fn)}LambdaFunction`).Role['Fn::GetAtt'][0] as string;
  return (props(t, role).Policies as any[]).flatMap((p) => p.PolicyDocument.Statement);
}

describe('shape rest (the default)', () => {
  it('is the REST API alone: no HTTP or WebSocket API, no function beyond the stack’s own', () => {
    const t = templateOf('rest');
    expect(Object.values(t.Resources).filter((r) => r.Type.startsWith('AWS::ApiGatewayV2::'))).toEqual([]);
    for (const fn of ['HttpApiAuthorizer', 'ConnectAuthorizer', 'Connect'])
      expect(t.Resources).not.toHaveProperty(`${fn}LambdaFunction`);
    expect(ofType(t, 'AWS::ApiGateway::Authorizer').map(([, r]) => (r.Properties as any).Type)).toEqual(['TOKEN']);
  });

  it('is what a stage gets without the parameter, and a misspelt shape fails packaging naming the parameter', async () => {
    // Prepare
    const context = (shape: unknown) => ({
      resolveVariable: async (name: string) => (name === 'param:shape' ? shape : 1),
    });

    // Act
    const failed = await packageService({}, 'dev', { shape: 'graphql' });

    // Assess
    try {
      expect(failed.ok).toBe(false);
      expect(failed.output).toContain('params.shape: must be one of rest, http, websocket (got "graphql")');
    } finally {
      await failed.cleanup();
    }
    expect(readFileSync(path.join(ROOT, 'serverless.yml'), 'utf8')).toMatch(/^ {4}shape: rest$/m);
    await expect(shapeOf(context('http'))).resolves.toBe('http');
    expect(await rejectionOf(shapeOf(context(undefined)))).toMatchObject({
      message: expect.stringContaining('params.shape'),
    });
  }, 180_000);
});

describe.each(['http', 'websocket'] as const)('shape %s keeps the REST API as it is', (shape) => {
  it('every REST API resource (methods, TOKEN authorizer, gateway responses) equals the default’s', () => {
    expect(restApiOf(templateOf(shape))).toEqual(restApiOf(templateOf('rest')));
  });
});

describe('shape http: an HTTP API with the Lambda authorizer, payload 2.0, simple responses', () => {
  const t = () => templateOf('http');
  const authorizer = () => {
    const found = ofType(t(), 'AWS::ApiGatewayV2::Authorizer');
    expect(found).toHaveLength(1);
    return found[0] as [string, { Properties: Record<string, any> }];
  };

  it('caches by the Authorization header AND the route key, for the stage’s authorizerTtl', () => {
    expect(authorizer()[1].Properties).toMatchObject({
      ApiId: { Ref: 'HttpApi' },
      AuthorizerType: 'REQUEST',
      AuthorizerPayloadFormatVersion: '2.0',
      EnableSimpleResponses: true,
      IdentitySource: ['$request.header.Authorization', '$context.routeKey'],
      AuthorizerResultTtlInSeconds: 300,
    });
    expect(authorizerCacheProblems(t())).toEqual([]);
  });

  it('runs authorizer/handler.httpApiHandler with the same AUTH_CONFIG as the REST authorizer, and a logs-only role', () => {
    const fn = functionIn(authorizer()[1].Properties.AuthorizerUri);
    expect(fn).toBe('HttpApiAuthorizer');
    const lambda = props(t(), 'HttpApiAuthorizerLambdaFunction');
    expect(lambda.Handler).toBe('authorizer/handler.httpApiHandler');
    expect(lambda.Environment.Variables.AUTH_CONFIG).toEqual(
      props(t(), 'AuthorizerLambdaFunction').Environment.Variables.AUTH_CONFIG,
    );
    const statements = roleStatementsOf(t(), 'httpApiAuthorizer');
    expect(statements.flatMap((s) => s.Action)).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents']);
    expect(JSON.stringify(statements)).toContain('log-group:/aws/lambda/comments-api-dev-httpApiAuthorizer:*');
  });

  it("routes exactly the manifest's routes, each to its function, protected or public as declared", () => {
    // Prepare
    const [authorizerId] = authorizer();
    const routes = ofType(t(), 'AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties as Record<string, any>);
    const integrations = new Map(
      ofType(t(), 'AWS::ApiGatewayV2::Integration').map(([name, r]) => [
        name,
        functionIn((r.Properties as any).IntegrationUri),
      ]),
    );
    const targetOf = (route: Record<string, any>) => integrations.get(route.Target['Fn::Join'][1][1].Ref);

    // Assess
    expect(routes.map((r) => r.RouteKey).sort()).toEqual(manifest.map(routeKeyOf).sort());
    for (const route of routes) {
      const entry = manifest.find((r) => routeKeyOf(r) === route.RouteKey)!;
      expect([route.RouteKey, targetOf(route)]).toEqual([route.RouteKey, pascal(entry.function)]);
      const guard = entry.public
        ? { AuthorizationType: undefined, AuthorizerId: undefined }
        : { AuthorizationType: 'CUSTOM', AuthorizerId: { Ref: authorizerId } };
      expect([route.RouteKey, route.AuthorizationType, route.AuthorizerId]).toEqual([
        route.RouteKey,
        guard.AuthorizationType,
        guard.AuthorizerId,
      ]);
    }
    expect(
      routes
        .filter((r) => r.AuthorizationType === 'CUSTOM')
        .map((r) => r.RouteKey)
        .sort(),
    ).toEqual(authorizedRoutes().map(routeKeyOf).sort());
  });

  it("answers CORS for the stage's origins, without credentials", () => {
    const cors = props(t(), 'HttpApi').CorsConfiguration;
    expect(cors).toMatchObject({
      AllowOrigins: ['https://app.example.com'],
      AllowHeaders: ['Content-Type', 'Authorization'],
      MaxAge: 600,
    });
    expect(cors.AllowCredentials ?? false).toBe(false);
  });
});

describe('shape websocket: a WebSocket API whose $connect takes the REQUEST authorizer', () => {
  const t = () => templateOf('websocket');

  it('guards $connect with requestHandler, identity source access_token, and no result cache', () => {
    // Prepare
    const [authorizerId, authorizer] = ofType(t(), 'AWS::ApiGatewayV2::Authorizer')[0] as [string, any];
    const routes = ofType(t(), 'AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties as Record<string, any>);

    // Assess
    expect(props(t(), 'WebsocketsApi').ProtocolType).toBe('WEBSOCKET');
    expect(authorizer.Properties).toMatchObject({
      ApiId: { Ref: 'WebsocketsApi' },
      AuthorizerType: 'REQUEST',
      IdentitySource: ['route.request.querystring.access_token'],
    });
    // WebSocket APIs do not cache authorizer results: no TTL, so no answer outlives its connect.
    expect(authorizer.Properties).not.toHaveProperty('AuthorizerResultTtlInSeconds');
    expect(functionIn(authorizer.Properties.AuthorizerUri)).toBe('ConnectAuthorizer');
    expect(props(t(), 'ConnectAuthorizerLambdaFunction').Handler).toBe('authorizer/handler.requestHandler');
    expect(routes.map((r) => [r.RouteKey, r.AuthorizationType, r.AuthorizerId])).toEqual([
      ['$connect', 'CUSTOM', { Ref: authorizerId }],
    ]);
  });

  it('connects to services/connections/connect.handler; both added functions have logs-only roles', () => {
    const [, integration] = ofType(t(), 'AWS::ApiGatewayV2::Integration')[0] as [string, any];
    expect(functionIn(integration.Properties.IntegrationUri)).toBe('Connect');
    expect(props(t(), 'ConnectLambdaFunction').Handler).toBe('services/connections/connect.handler');
    for (const fn of ['connect', 'connectAuthorizer']) {
      const statements = roleStatementsOf(t(), fn);
      expect([fn, statements.flatMap((s) => s.Action)]).toEqual([fn, ['logs:CreateLogStream', 'logs:PutLogEvents']]);
      expect(JSON.stringify(statements)).toContain(`log-group:/aws/lambda/comments-api-dev-${fn}:*`);
    }
  });
});

describe('the packaging check (scripts/serverless/check-authorizer-cache.cjs)', () => {
  /** The http template with its authorizer's properties patched. */
  function patched(patch: Record<string, unknown>): CfnTemplate {
    const t = structuredClone(templateOf('http'));
    const [name] = ofType(t, 'AWS::ApiGatewayV2::Authorizer')[0] as [string, unknown];
    Object.assign(t.Resources[name]!.Properties, patch);
    return t;
  }

  it('is a plugin of serverless.yml', () => {
    const yml = readFileSync(path.join(ROOT, 'serverless.yml'), 'utf8');
    expect(yml).toMatch(/^plugins:\n(?: {2}.*\n)*? {2}- \.\/scripts\/serverless\/check-authorizer-cache\.cjs$/m);
  });

  it.each([
    ['the route key left out', { IdentitySource: ['$request.header.Authorization'] }],
    [
      'no TTL given (a cache may still apply)',
      { IdentitySource: ['$request.header.Authorization'], AuthorizerResultTtlInSeconds: undefined },
    ],
    ['a comma-separated identity source without it', { IdentitySource: '$request.header.Authorization' }],
  ])('refuses simple responses cached with %s, naming the authorizer and the fix', (_label, patch) => {
    const [problem, ...rest] = authorizerCacheProblems(patched(patch));
    expect(rest).toEqual([]);
    expect(problem).toContain('HttpApiAuthorizerHttpApiAuthorizer');
    expect(problem).toContain('lacks $context.routeKey');
    expect(problem).toContain('resultTtlInSeconds: 0');
  });

  it.each([
    ['TTL 0', { IdentitySource: ['$request.header.Authorization'], AuthorizerResultTtlInSeconds: 0 }],
    [
      'IAM-policy answers (route-independent when cache-safe)',
      { IdentitySource: ['$request.header.Authorization'], EnableSimpleResponses: false },
    ],
  ])('lets %s through', (_label, patch) => {
    expect(authorizerCacheProblems(patched(patch))).toEqual([]);
  });

  it.each([
    ['the route key alone', ['$context.routeKey']],
    ['another header and the route key', ['$request.header.X-Client', '$context.routeKey']],
  ])(
    'refuses an HTTP API cache keyed by %s, without the token (a reader answer served to no-token callers)',
    (_l, ids) => {
      const problems = authorizerCacheProblems(patched({ IdentitySource: ids }));
      expect(problems).toEqual([expect.stringContaining('do not include the token ($request.header.authorization)')]);
    },
  );

  it('holds REST REQUEST and WebSocket authorizers to the token rule too, and lets TOKEN ones through', () => {
    // Prepare: hand-written authorizers beside the packaged ones.
    const t = structuredClone(templateOf('rest'));
    const add = (name: string, Type: string, Properties: Record<string, unknown>) =>
      (t.Resources[name] = { Type, Properties });
    add('RestByClient', 'AWS::ApiGateway::Authorizer', {
      Type: 'REQUEST',
      IdentitySource: 'method.request.header.X-Client',
      AuthorizerResultTtlInSeconds: 300,
    });
    add('RestByToken', 'AWS::ApiGateway::Authorizer', {
      Type: 'REQUEST',
      IdentitySource: 'method.request.header.Authorization,method.request.header.X-Client',
      AuthorizerResultTtlInSeconds: 300,
    });
    add('RestUncached', 'AWS::ApiGateway::Authorizer', {
      Type: 'REQUEST',
      IdentitySource: 'method.request.header.X-Client',
      AuthorizerResultTtlInSeconds: 0,
    });
    add('WsByProtocol', 'AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'REQUEST',
      IdentitySource: ['route.request.header.Sec-WebSocket-Protocol'],
    });
    add('WsByQuery', 'AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'REQUEST',
      IdentitySource: ['route.request.querystring.access_token'],
    });

    // Act
    const problems = authorizerCacheProblems(t);

    // Assess
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^authorizer RestByClient caches .*method\.request\.header\.authorization/);
    expect(problems[1]).toMatch(/^authorizer WsByProtocol caches .*route\.request\.querystring\.access_token/);
  });

  it('stops packaging from its hook before the template is saved', () => {
    // Prepare: what osls gives a plugin, holding the bad template.
    class ServerlessError extends Error {}
    const serverless = {
      service: {
        provider: { compiledCloudFormationTemplate: patched({ IdentitySource: ['$request.header.Authorization'] }) },
      },
      classes: { Error: ServerlessError },
    };
    const plugin = new CheckAuthorizerCache(serverless);
    const hook = plugin.hooks['before:aws:package:finalize:saveServiceState']!;

    // Act + Assess
    expect(() => hook()).toThrow(ServerlessError);
    expect(() => hook()).toThrow(/lacks \$context\.routeKey/);
    serverless.service.provider.compiledCloudFormationTemplate = templateOf('http');
    expect(() => hook()).not.toThrow();
  });
});
