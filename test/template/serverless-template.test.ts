// Proves on the generated CloudFormation what the local gateway cannot show: authorizer cache, gateway responses, table, pool, IAM.
/* eslint-disable @typescript-eslint/no-explicit-any -- CloudFormation JSON is untyped; these tests probe it. */
import path from 'node:path';
import { parseConfig } from '../../authorizer/config/load-config';
import { commentsTableDefinition } from '../../services/comments/table';
import {
  authorizerEnvironment,
  checkRoutesAgree,
  cursorSecretEnvironment,
  gatewayResponseOrigin,
  LOCAL_STAGE,
} from '../../scripts/serverless/stack-config.cjs';
import {
  authorizedRoutes,
  GROUP_PERMISSIONS,
  ROUTE_MANIFEST,
  routeKeyOf,
  type RouteEntry,
} from '../../shared/route-manifest';
import { packageService, type CfnTemplate, type PackageResult } from '../helpers/serverless-package';
import { readZipEntries } from '../helpers/zip-entries';
import { caught, rejectionOf } from '../helpers/caught';

let packaged: PackageResult;
let template: CfnTemplate;

beforeAll(async () => {
  packaged = await packageService();
  if (!packaged.template) throw new Error(`sls package failed:\n${packaged.output}`);
  template = packaged.template;
}, 180_000);
afterAll(() => packaged?.cleanup());

const resources = (type: string) => Object.entries(template.Resources).filter(([, r]) => r.Type === type);
const resource = (name: string) => {
  const found = template.Resources[name];
  if (!found) throw new Error(`no resource ${name}`);
  return found;
};
const props = (name: string) => resource(name).Properties as Record<string, any>;
const functions = () =>
  resources('AWS::Lambda::Function').map(
    ([name, r]) => [name, (r.Properties as any).Environment?.Variables ?? {}] as const,
  );
/** The resolver context serverless.yml gives stack-config.cjs, for a given stage. */
const atStage = (stage: string) => ({
  resolveVariable: async (name: string) => (name === 'sls:stage' ? stage : undefined),
});

/** Fills Fn::Sub placeholders the way CloudFormation would, with made-up ids. */
function substitute(value: unknown, values: Record<string, string>): string {
  const text = (value as { 'Fn::Sub': string })['Fn::Sub'];
  return text.replace(/\$\{([^}]+)\}/g, (_m, name: string) => {
    if (!(name in values)) throw new Error(`unexpected placeholder ${name}`);
    return values[name] as string;
  });
}

describe('the authorizer', () => {
  it('is one TOKEN authorizer on the Authorization header, cached for 300 s', () => {
    const authorizers = resources('AWS::ApiGateway::Authorizer');
    expect(authorizers).toHaveLength(1);
    expect(authorizers[0]?.[1].Properties).toMatchObject({
      Type: 'TOKEN',
      IdentitySource: 'method.request.header.Authorization',
      AuthorizerResultTtlInSeconds: 300,
    });
  });

  it('has a strict, case-insensitive Bearer validation expression', () => {
    const regex = new RegExp(props(resources('AWS::ApiGateway::Authorizer')[0]![0]).IdentityValidationExpression);
    for (const ok of ['Bearer a.b.c', 'bearer eyJ-_.eyJ.sig', 'BEARER  a.b.c'])
      expect([ok, regex.test(ok)]).toEqual([ok, true]);
    for (const bad of [
      'Basic abc',
      'Bearer a.b',
      'Bearer a.b.c.d',
      'Bearer',
      'a.b.c',
      'Bearer a b.c.d',
      'Bearer a.b.c ',
    ]) {
      expect([bad, regex.test(bad)]).toEqual([bad, false]);
    }
  });

  it("has exactly the manifest's routes, each protected or public as declared and integrated with its function", () => {
    const methods = resources('AWS::ApiGateway::Method').map(([, r]) => r.Properties as Record<string, any>);
    const paths = new Map(
      resources('AWS::ApiGateway::Resource').map(([name, r]) => [name, (r.Properties as any).PathPart as string]),
    );
    const parentOf = new Map(
      resources('AWS::ApiGateway::Resource').map(([name, r]) => [
        name,
        (r.Properties as any).ParentId?.Ref as string | undefined,
      ]),
    );
    const fullPath = (name: string): string => {
      const parent = parentOf.get(name);
      return `${parent ? fullPath(parent) : ''}/${paths.get(name)}`;
    };
    const routeOf = (m: Record<string, any>) => `${m.HttpMethod} ${fullPath(m.ResourceId.Ref)}`;
    const protectedRoutes = methods.filter((m) => m.AuthorizationType === 'CUSTOM').map(routeOf);
    expect(protectedRoutes.sort()).toEqual(authorizedRoutes().map(routeKeyOf).sort());
    const publicRoutes = methods
      .filter((m) => m.AuthorizationType === 'NONE' && m.HttpMethod !== 'OPTIONS')
      .map(routeOf);
    const manifest: readonly RouteEntry[] = ROUTE_MANIFEST;
    expect(publicRoutes.sort()).toEqual(
      manifest
        .filter((r) => r.public)
        .map(routeKeyOf)
        .sort(),
    );
    // Each method invokes the function the manifest names (serverless names it {Function}LambdaFunction).
    for (const m of methods.filter((x) => x.HttpMethod !== 'OPTIONS')) {
      const entry = manifest.find((r) => routeKeyOf(r) === routeOf(m));
      const target = JSON.stringify(m.Integration.Uri);
      expect([routeOf(m), target]).toEqual([
        routeOf(m),
        expect.stringContaining(`${entry!.function[0]!.toUpperCase()}${entry!.function.slice(1)}LambdaFunction`),
      ]);
    }
  });

  it("gets AUTH_CONFIG wired to the stack's own pool and client, valid for the authorizer", () => {
    const env = props('AuthorizerLambdaFunction').Environment.Variables;
    const json = substitute(env.AUTH_CONFIG, {
      'AWS::Region': 'eu-west-1',
      UserPool: 'eu-west-1_Pool123',
      UserPoolClient: 'client123',
    });
    const config = parseConfig(JSON.parse(json));
    expect(config.providers).toEqual([
      expect.objectContaining({
        type: 'cognito',
        userPoolId: 'eu-west-1_Pool123',
        clientIds: ['client123'],
        tokenUse: 'access',
        issuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Pool123',
        groupPermissions: GROUP_PERMISSIONS,
      }),
    ]);
    // No routes in the deployed document: the authorizer derives them from the manifest bundled into it.
    expect(JSON.parse(json)).not.toHaveProperty('routes');
    expect(config.routes).toEqual(authorizedRoutes());
    expect(Object.keys(GROUP_PERMISSIONS).sort()).toEqual(
      resources('AWS::Cognito::UserPoolGroup')
        .map(([, r]) => (r.Properties as any).GroupName)
        .sort(),
    );
  });
});

describe('plain http key sources (AUTH_ALLOW_INSECURE_LOOPBACK) never reach a deployable template', () => {
  const loopbackConfig = {
    providers: [{ name: 'emulator', type: 'oidc', issuer: 'http://127.0.0.1:9229/issuer', audiences: ['api://x'] }],
    routes: authorizedRoutes(),
  };

  it('no function of the packaged stack has AUTH_ALLOW_INSECURE_LOOPBACK', () => {
    for (const [name, env] of functions())
      expect([name, Object.keys(env)]).toEqual([name, expect.not.arrayContaining(['AUTH_ALLOW_INSECURE_LOOPBACK'])]);
    expect(Object.keys(props('AuthorizerLambdaFunction').Environment.Variables).sort()).toEqual([
      'AUTH_CONFIG',
      'CORS_ORIGINS',
      'LOG_LEVEL',
      'NODE_OPTIONS',
      'TABLE_NAME',
    ]);
  });

  it('a packaging shell with the flag validates a loopback AUTH_CONFIG, yet the dev template still lacks the flag', async () => {
    // Prepare: the flag and a loopback document in the shell, as someone packaging from a local terminal would have.
    const env = { AUTH_CONFIG: JSON.stringify(loopbackConfig), AUTH_ALLOW_INSECURE_LOOPBACK: 'true' };

    // Act
    const packagedWithFlag = await packageService(env);
    try {
      // Assess: accepted by the same rules as the authorizer, and not passed through (on Lambda it then fails closed).
      expect(packagedWithFlag.ok).toBe(true);
      const variables = (packagedWithFlag.template?.Resources.AuthorizerLambdaFunction?.Properties as any).Environment
        .Variables;
      expect(JSON.parse(variables.AUTH_CONFIG)).toEqual(loopbackConfig);
      expect(variables).not.toHaveProperty('AUTH_ALLOW_INSECURE_LOOPBACK');
      expect(JSON.stringify(packagedWithFlag.template)).not.toContain('AUTH_ALLOW_INSECURE_LOOPBACK');
    } finally {
      await packagedWithFlag.cleanup();
    }
  }, 180_000);

  it('without the flag, refuses to package a loopback AUTH_CONFIG, naming the key and the opt-in', async () => {
    const failed = await packageService({ AUTH_CONFIG: JSON.stringify(loopbackConfig) });
    try {
      expect(failed.ok).toBe(false);
      expect(failed.output).toContain('AUTH_CONFIG providers[0].issuer: must be https');
      expect(failed.output).toContain('AUTH_ALLOW_INSECURE_LOOPBACK=true');
    } finally {
      await failed.cleanup();
    }
  }, 180_000);

  it('is passed to the authorizer for the local stage only, and only when the shell sets exactly "true"', async () => {
    // setup-env sets AUTH_ALLOW_INSECURE_LOOPBACK=true in this process, as the local stack does for serverless-offline.
    expect(process.env.AUTH_ALLOW_INSECURE_LOOPBACK).toBe('true');
    await expect(authorizerEnvironment(atStage(LOCAL_STAGE))).resolves.toMatchObject({
      AUTH_ALLOW_INSECURE_LOOPBACK: 'true',
    });
    for (const stage of ['dev', 'prod', 'Local', 'local-2']) {
      await expect(authorizerEnvironment(atStage(stage))).resolves.not.toHaveProperty('AUTH_ALLOW_INSECURE_LOOPBACK');
    }
    const saved = process.env.AUTH_ALLOW_INSECURE_LOOPBACK;
    try {
      process.env.AUTH_ALLOW_INSECURE_LOOPBACK = '1';
      await expect(authorizerEnvironment(atStage(LOCAL_STAGE))).resolves.not.toHaveProperty(
        'AUTH_ALLOW_INSECURE_LOOPBACK',
      );
    } finally {
      process.env.AUTH_ALLOW_INSECURE_LOOPBACK = saved;
    }
  });
});

describe("the gateway responses' origin", () => {
  const withOrigins = (origins: string) => ({
    resolveVariable: async (name: string) => (name === 'param:corsOrigins' ? origins : undefined),
  });

  it('is the primary (first) allowed origin, quoted as a static value; never the request header', async () => {
    await expect(gatewayResponseOrigin(withOrigins(' https://a.example , https://b.example'))).resolves.toBe(
      "'https://a.example'",
    );
    await expect(gatewayResponseOrigin(withOrigins('*'))).resolves.toBe("'*'");
  });

  it('refuses a stage without any origin, naming the parameter', async () => {
    expect(await rejectionOf(gatewayResponseOrigin(withOrigins(' , ')))).toMatchObject({
      message: expect.stringContaining('params.corsOrigins'),
    });
  });
});

describe('the cursor-signing secret reaches only the function that signs cursors', () => {
  it('only listComments has it, as the ARN of the generated secret; no function has the value', () => {
    expect(resource('CursorSecret').Type).toBe('AWS::SecretsManager::Secret');
    for (const [name, env] of functions()) {
      expect([name, env.CURSOR_SECRET]).toEqual([name, undefined]);
      expect([name, env.CURSOR_SECRET_ARN]).toEqual([
        name,
        name === 'ListCommentsLambdaFunction' ? { Ref: 'CursorSecret' } : undefined,
      ]);
      // Nor smuggled in another way, e.g. a {{resolve:secretsmanager:…}} dynamic reference under another name.
      if (name !== 'ListCommentsLambdaFunction')
        expect([name, JSON.stringify(env)]).toEqual([name, expect.not.stringMatching(/CursorSecret|secretsmanager/)]);
    }
    expect(JSON.stringify(template)).not.toContain('resolve:secretsmanager');
  });

  it('takes a CURSOR_SECRET value from the shell for the local stage only', async () => {
    const saved = process.env.CURSOR_SECRET;
    try {
      process.env.CURSOR_SECRET = 'a-local-cursor-secret-that-is-long-enough';
      await expect(cursorSecretEnvironment(atStage(LOCAL_STAGE))).resolves.toEqual({
        CURSOR_SECRET: process.env.CURSOR_SECRET,
      });
      await expect(cursorSecretEnvironment(atStage('prod'))).resolves.toEqual({
        CURSOR_SECRET_ARN: { Ref: 'CursorSecret' },
      });
    } finally {
      process.env.CURSOR_SECRET = saved;
    }
  });

  it('listComments loads the Secrets Manager client from the Lambda runtime, not from its bundle', async () => {
    // Prepare
    const bundle = async (fn: string) => {
      const entries = await readZipEntries(path.join(packaged.artifacts, `${fn}.zip`));
      const js = [...entries].find(([name]) => name.endsWith('.js'));
      if (!js) throw new Error(`no .js in ${fn}.zip`);
      return js[1].toString('utf8');
    };

    // Act
    const [list, get] = await Promise.all([bundle('listComments'), bundle('getComment')]);

    // Assess: required at run time (esbuild's @aws-sdk/* exclude); bundling the client would add hundreds of KB.
    expect(list).toContain('require("@aws-sdk/client-secrets-manager")');
    expect(get).not.toContain('@aws-sdk/client-secrets-manager');
    expect(list.length - get.length).toBeLessThan(20 * 1024);
  });
});

describe('gateway responses', () => {
  const byType = () =>
    new Map(
      resources('AWS::ApiGateway::GatewayResponse').map(([, r]) => [
        (r.Properties as any).ResponseType as string,
        r.Properties as Record<string, any>,
      ]),
    );

  it.each([
    ['UNAUTHORIZED', '401'],
    ['ACCESS_DENIED', '403'],
    ['AUTHORIZER_FAILURE', '503'],
    ['AUTHORIZER_CONFIGURATION_ERROR', '500'],
    ['MISSING_AUTHENTICATION_TOKEN', '404'],
    ['DEFAULT_4XX', undefined],
    ['DEFAULT_5XX', undefined],
  ])('%s answers %s with CORS headers and a JSON body', (type, status) => {
    const response = byType().get(type);
    expect(response).toBeDefined();
    expect(response?.StatusCode).toBe(status);
    // Static: copying the request's Origin would let any site read these answers.
    expect(response?.ResponseParameters['gatewayresponse.header.Access-Control-Allow-Origin']).toBe(
      "'https://app.example.com'",
    );
    // A page's scripts may read the challenge, the retry hint and the request id (not CORS-safelisted headers).
    expect(response?.ResponseParameters['gatewayresponse.header.Access-Control-Expose-Headers']).toBe(
      "'WWW-Authenticate,Retry-After,x-amzn-RequestId'",
    );
    expect(response?.ResponseTemplates['application/json']).toMatch(/^\{"error":/);
  });

  it('401 carries WWW-Authenticate per RFC 6750, 403 the Deny context reason, 503 a Retry-After', () => {
    const r = byType();
    expect(r.get('UNAUTHORIZED')?.ResponseParameters['gatewayresponse.header.WWW-Authenticate']).toBe(
      `'Bearer realm="comments-api", error="invalid_token"'`,
    );
    expect(r.get('ACCESS_DENIED')?.ResponseTemplates['application/json']).toContain('$context.authorizer.error');
    expect(r.get('ACCESS_DENIED')?.ResponseParameters['gatewayresponse.header.WWW-Authenticate']).toContain(
      'insufficient_scope',
    );
    expect(r.get('AUTHORIZER_FAILURE')?.ResponseParameters['gatewayresponse.header.Retry-After']).toMatch(/^'\d+'$/);
  });
});

describe('data and identity resources', () => {
  it('the table is on-demand, point-in-time recoverable, encrypted, and keyed as the repository expects', () => {
    const table = props('CommentsTable');
    const expected = commentsTableDefinition('x');
    expect(table).toMatchObject({
      TableName: 'comments-api-dev-comments',
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true },
    });
    expect(table.KeySchema).toEqual(expected.KeySchema);
    expect(
      [...table.AttributeDefinitions].sort((a: any, b: any) => a.AttributeName.localeCompare(b.AttributeName)),
    ).toEqual(
      [...(expected.AttributeDefinitions ?? [])].sort((a, b) =>
        String(a.AttributeName).localeCompare(String(b.AttributeName)),
      ),
    );
    expect(
      table.GlobalSecondaryIndexes.map((g: any) => ({
        IndexName: g.IndexName,
        KeySchema: g.KeySchema,
        Projection: g.Projection,
      })),
    ).toEqual(
      expected.GlobalSecondaryIndexes?.map((g) => ({
        IndexName: g.IndexName,
        KeySchema: g.KeySchema,
        Projection: g.Projection,
      })),
    );
    expect(resource('CommentsTable').DeletionPolicy).toBe('Retain');
  });

  it('the user pool uses e-mail usernames and its client allows USER_PASSWORD_AUTH without a secret', () => {
    expect(props('UserPool')).toMatchObject({ UsernameAttributes: ['email'] });
    expect(props('UserPoolClient')).toMatchObject({
      UserPoolId: { Ref: 'UserPool' },
      GenerateSecret: false,
      PreventUserExistenceErrors: 'ENABLED',
      ExplicitAuthFlows: expect.arrayContaining(['ALLOW_USER_PASSWORD_AUTH']),
    });
    const outputs = Object.keys(template.Outputs);
    expect(outputs).toEqual(expect.arrayContaining(['ApiUrl', 'UserPoolId', 'UserPoolClientId']));
  });

  it('the sign-up and sign-in functions talk to that pool', () => {
    for (const fn of ['SignupLambdaFunction', 'SigninLambdaFunction']) {
      expect(props(fn).Environment.Variables).toMatchObject({
        USER_POOL_ID: { Ref: 'UserPool' },
        USER_POOL_CLIENT_ID: { Ref: 'UserPoolClient' },
      });
    }
  });
});

describe('IAM', () => {
  const roleOf = (fn: string) => props(fn).Role['Fn::GetAtt'][0] as string;
  const statementsOf = (role: string) =>
    (props(role).Policies as any[]).flatMap(
      (p) => p.PolicyDocument.Statement as Array<{ Effect: string; Action: string[]; Resource: unknown[] }>,
    );
  const dataActions = (role: string) =>
    statementsOf(role)
      .flatMap((s) => s.Action)
      .filter((a) => !a.startsWith('logs:'))
      .sort();

  it('no statement uses a wildcard action or a "*" resource', () => {
    for (const [name] of resources('AWS::IAM::Role')) {
      for (const s of statementsOf(name)) {
        for (const action of s.Action) expect([name, action]).toEqual([name, expect.not.stringMatching(/\*/)]);
        // The only wildcard allowed is a log group's own streams (":*" after the function's log-group name).
        for (const r of s.Resource) {
          const text = JSON.stringify(r);
          expect([name, text]).toEqual([name, expect.not.stringMatching(/^"\*"$/)]);
          if (!s.Action.every((a) => a.startsWith('logs:')))
            expect([name, text]).toEqual([name, expect.not.stringMatching(/\*/)]);
        }
      }
    }
  });

  it.each([
    ['AuthorizerLambdaFunction', []],
    ['MeLambdaFunction', []],
    ['ListCommentsLambdaFunction', ['dynamodb:Query', 'secretsmanager:GetSecretValue']],
    ['GetCommentLambdaFunction', ['dynamodb:GetItem']],
    ['CreateCommentLambdaFunction', ['dynamodb:PutItem']],
    ['DeleteCommentLambdaFunction', ['dynamodb:GetItem', 'dynamodb:UpdateItem']],
    ['SignupLambdaFunction', ['cognito-idp:AdminAddUserToGroup', 'cognito-idp:AdminConfirmSignUp']],
    ['SigninLambdaFunction', []],
  ])('%s may only %p', (fn, actions) => {
    expect(dataActions(roleOf(fn))).toEqual(actions);
  });

  it('lists the table for the list function only on its index, and reads items only by key elsewhere', () => {
    const list = statementsOf(roleOf('ListCommentsLambdaFunction')).find((s) => s.Action.includes('dynamodb:Query'));
    expect(list?.Resource).toEqual([{ 'Fn::Sub': '${CommentsTable.Arn}/index/newest' }]);
    const get = statementsOf(roleOf('GetCommentLambdaFunction')).find((s) => s.Action.includes('dynamodb:GetItem'));
    expect(get?.Resource).toEqual([{ 'Fn::GetAtt': ['CommentsTable', 'Arn'] }]);
  });

  it('lets only the list function read the cursor secret, exactly that secret, with no other secrets action', () => {
    const secretStatements = resources('AWS::IAM::Role').flatMap(([name]) =>
      statementsOf(name)
        .filter((s) => s.Action.some((a) => a.startsWith('secretsmanager:')))
        .map((s) => ({ role: name, Action: s.Action, Resource: s.Resource })),
    );
    expect(secretStatements).toEqual([
      {
        role: roleOf('ListCommentsLambdaFunction'),
        Action: ['secretsmanager:GetSecretValue'],
        Resource: [{ Ref: 'CursorSecret' }],
      },
    ]);
  });

  it('scopes data actions to the table, its index, the pool and the secret', () => {
    for (const [name] of resources('AWS::IAM::Role')) {
      for (const s of statementsOf(name)) {
        const resourcesText = JSON.stringify(s.Resource);
        if (s.Action.some((a) => a.startsWith('dynamodb:'))) expect(resourcesText).toMatch(/CommentsTable/);
        if (s.Action.some((a) => a.startsWith('cognito-idp:'))) expect(resourcesText).toContain('"UserPool"');
        if (s.Action.some((a) => a.startsWith('secretsmanager:')))
          expect(resourcesText).toBe('[{"Ref":"CursorSecret"}]');
        if (s.Action.some((a) => a.startsWith('logs:')))
          expect(resourcesText).toMatch(/log-group:\/aws\/lambda\/comments-api-dev-/);
      }
    }
  });
});

describe('swapping the identity provider by configuration', () => {
  it('packages AUTH_CONFIG from the environment verbatim (e.g. Okta), validated first', async () => {
    const okta = {
      providers: [
        {
          name: 'okta',
          type: 'oidc',
          issuer: 'https://example.okta.com/oauth2/default',
          audiences: ['api://default'],
          permissionClaims: ['scp'],
        },
      ],
      routes: authorizedRoutes(),
    };
    const swapped = await packageService({ AUTH_CONFIG: JSON.stringify(okta) });
    try {
      expect(swapped.ok).toBe(true);
      const env = (swapped.template?.Resources.AuthorizerLambdaFunction?.Properties as any).Environment.Variables;
      expect(JSON.parse(env.AUTH_CONFIG)).toEqual(okta);
    } finally {
      await swapped.cleanup();
    }
  }, 180_000);

  it('refuses a document whose own routes disagree with the manifest, and takes one that agrees', () => {
    // Prepare
    const agreeing = authorizedRoutes();
    const first = agreeing.find((r) => r.permissions.length > 0)!;
    const widened = agreeing.map((r) => (r === first ? { ...r, permissions: [] } : r));

    // Act
    const refusal = caught(Error, () => checkRoutesAgree(widened));

    // Assess
    expect(() => checkRoutesAgree(agreeing)).not.toThrow();
    expect(() => checkRoutesAgree([...agreeing].reverse())).not.toThrow();
    expect(refusal.message).toContain('AUTH_CONFIG routes: disagree with the routes this stack deploys');
    expect(refusal.message).toContain(`missing ${first.method} ${first.path} [${first.permissions.join(' ')}]`);
    expect(() => checkRoutesAgree(agreeing.slice(1))).toThrow(/missing/);
    expect(() => checkRoutesAgree([...agreeing, { method: 'GET', path: '/extra', permissions: [] }])).toThrow(
      /not deployed GET \/extra/,
    );
  });

  it('refuses to package an invalid AUTH_CONFIG, naming the key', async () => {
    const bad = {
      providers: [{ name: 'okta', type: 'oidc', issuer: 'http://example.okta.com', audiences: ['a'] }],
      routes: authorizedRoutes(),
    };
    const failed = await packageService({ AUTH_CONFIG: JSON.stringify(bad) });
    try {
      expect(failed.ok).toBe(false);
      expect(failed.output).toContain('AUTH_CONFIG providers[0].issuer: must be https');
    } finally {
      await failed.cleanup();
    }
  }, 180_000);
});

describe("the authorizer's cold start", () => {
  const authorizerBundle = async () => {
    const entries = await readZipEntries(path.join(packaged.artifacts, 'authorizer.zip'));
    const js = entries.get('authorizer/handler.js');
    if (!js) throw new Error(`no authorizer/handler.js in authorizer.zip (${[...entries.keys()].join(', ')})`);
    return js.toString('utf8');
  };

  it('runs without --enable-source-maps (it logs no stacks); the services keep it', () => {
    // Act
    const byName = new Map(functions());

    // Assess: node parses the ~1 MB map at load when the flag is on (13-17 ms, README "Performance").
    expect(byName.get('AuthorizerLambdaFunction')?.NODE_OPTIONS).toBe('');
    expect(byName.get('MeLambdaFunction')?.NODE_OPTIONS).toBe('--enable-source-maps');
    expect(byName.get('ListCommentsLambdaFunction')?.NODE_OPTIONS).toBe('--enable-source-maps');
  });

  it('bundles the shims of authorizer/bundle-aliases.cjs, not semver, debug, jose or jsonwebtoken/sign', async () => {
    // Act
    const js = await authorizerBundle();

    // Assess: the shims' own error texts are in; each replaced library's is not.
    expect(js).toContain('semver-shim: range');
    expect(js).not.toContain('Invalid comparator'); // semver's range parser
    expect(js).not.toContain('inspectOpts'); // debug's DEBUG_* environment reading
    expect(js).not.toContain('"expiresIn" should be a number'); // jsonwebtoken/sign.js
    expect(js).not.toContain('jose/dist');
    expect(Buffer.byteLength(js)).toBeLessThanOrEqual(160 * 1024);
  });
});
