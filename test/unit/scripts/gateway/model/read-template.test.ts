// The gateway model of the packaged template: routes from the manifest, the API's ARN pieces, and refusals by name.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GatewayModelError } from '../../../../../scripts/gateway/model/errors';
import type { RouteModel } from '../../../../../scripts/gateway/model/gateway-model';
import { gatewayModelOf, buildMethodArn, readTemplate } from '../../../../../scripts/gateway/model/read-template';
import { ROUTE_MANIFEST, type RouteEntry } from '../../../../../shared/route-manifest';
import { caught } from '../../../../helpers/caught';
import { FIXTURE_PATH, onlyResourceOf, packagedTemplate } from './packaged-template';

const MANIFEST: readonly RouteEntry[] = ROUTE_MANIFEST;
const AUTHORIZER_ID = onlyResourceOf('AWS::ApiGateway::Authorizer');
const routeKey = (r: Pick<RouteModel, 'httpMethod' | 'path'>) => `${r.httpMethod} ${r.path}`;
const methodIdOf = (verb: string, routePath: string) => {
  const route = gatewayModelOf(packagedTemplate()).routes.find((r) => routeKey(r) === `${verb} ${routePath}`);
  if (!route) throw new Error(`no route ${verb} ${routePath}`);
  return route.logicalId;
};

describe('gatewayModelOf: routes', () => {
  it('has exactly the manifest routes plus one OPTIONS preflight per path', () => {
    // Prepare
    const paths = [...new Set(MANIFEST.map((r) => r.path))];
    const expected = [...MANIFEST.map((r) => `${r.method} ${r.path}`), ...paths.map((p) => `OPTIONS ${p}`)];

    // Act
    const { routes } = gatewayModelOf(packagedTemplate());

    // Assess
    expect(routes.map(routeKey).sort()).toEqual(expected.sort());
  });

  it.each(MANIFEST.map((entry) => [`${entry.method} ${entry.path}`, entry] as const))(
    '%s invokes its function by the name serverless-offline knows, behind the authorizer unless public',
    (key, entry) => {
      // Prepare
      const model = gatewayModelOf(packagedTemplate());

      // Act
      const route = model.routes.find((r) => routeKey(r) === key);

      // Assess
      expect(route?.authorization).toEqual(
        entry.public ? { type: 'NONE' } : { type: 'CUSTOM', authorizerId: AUTHORIZER_ID },
      );
      expect(route?.integration).toEqual({
        type: 'AWS_PROXY',
        lambda: {
          logicalId: `${entry.function.charAt(0).toUpperCase()}${entry.function.slice(1)}LambdaFunction`,
          functionName: `comments-api-local-${entry.function}`,
          functionKey: entry.function,
        },
      });
    },
  );

  it('answers every preflight with a public MOCK integration', () => {
    // Prepare
    const model = gatewayModelOf(packagedTemplate());

    // Act
    const preflights = model.routes.filter((r) => r.httpMethod === 'OPTIONS');

    // Assess
    expect(preflights).toHaveLength(new Set(MANIFEST.map((r) => r.path)).size);
    for (const route of preflights) {
      expect(route.authorization).toEqual({ type: 'NONE' });
      expect(route.integration.type).toBe('MOCK');
    }
  });

  it('keeps the path template of a parameter resource, resolved through its parents', () => {
    // Prepare
    const model = gatewayModelOf(packagedTemplate());

    // Act
    const paths = model.routes.map((r) => r.path);

    // Assess
    expect(paths).toContain('/comments/{id}');
    expect(paths).toContain('/auth/signup');
  });

  it('keeps a greedy {proxy+} segment and puts methods of the root resource at /', () => {
    // Prepare
    const template = packagedTemplate();
    const rootRef = { 'Fn::GetAtt': ['ApiGatewayRestApi', 'RootResourceId'] };
    template.Resources.ProxyResource = {
      Type: 'AWS::ApiGateway::Resource',
      Properties: {
        ParentId: { Ref: 'ApiGatewayResourceComments' },
        PathPart: '{proxy+}',
        RestApiId: { Ref: 'ApiGatewayRestApi' },
      },
    };
    const me = template.Resources[methodIdOf('GET', '/me')];
    template.Resources.ProxyMethod = {
      Type: me!.Type,
      Properties: { ...me!.Properties, ResourceId: { Ref: 'ProxyResource' } },
    };
    template.Resources.RootMethod = { Type: me!.Type, Properties: { ...me!.Properties, ResourceId: rootRef } };

    // Act
    const paths = gatewayModelOf(template).routes.map(routeKey);

    // Assess
    expect(paths).toEqual(expect.arrayContaining(['GET /comments/{proxy+}', 'GET /']));
  });
});

describe('gatewayModelOf: the API', () => {
  it('takes the stage from the deployment and local placeholders for what the template cannot know', () => {
    // Act
    const { api } = gatewayModelOf(packagedTemplate());

    // Assess
    expect(api).toEqual({
      logicalId: 'ApiGatewayRestApi',
      name: 'comments-api-local',
      stage: 'local',
      partition: 'aws',
      region: 'local',
      accountId: '000000000000',
      apiId: 'local',
      methodArnPrefix: 'arn:aws:execute-api:local:000000000000:local/local',
    });
  });

  it('builds method ARNs from the given region, account and API id, with the concrete path', () => {
    // Prepare
    const { api } = gatewayModelOf(packagedTemplate(), {
      region: 'eu-west-1',
      accountId: '123456789012',
      apiId: 'abc123',
    });

    // Act
    const arns = [buildMethodArn(api, 'GET', '/comments/7'), buildMethodArn(api, 'GET', '/')];

    // Assess
    expect(arns).toEqual([
      'arn:aws:execute-api:eu-west-1:123456789012:abc123/local/GET/comments/7',
      'arn:aws:execute-api:eu-west-1:123456789012:abc123/local/GET/',
    ]);
  });

  it('prefers an AWS::ApiGateway::Stage and refuses two different stage names', () => {
    // Prepare
    const template = packagedTemplate();
    template.Resources.ApiGatewayStage = {
      Type: 'AWS::ApiGateway::Stage',
      Properties: { RestApiId: { Ref: 'ApiGatewayRestApi' }, StageName: 'other' },
    };

    // Act
    const error = caught(GatewayModelError, () => gatewayModelOf(template));

    // Assess
    expect(error.code).toBe('invalid_template');
    expect(error.message).toMatch(/several stage names: .*other/);
  });
});

describe('readTemplate', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'gateway-model-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the packaged template', () => {
    // Act
    const template = readTemplate(FIXTURE_PATH);

    // Assess
    expect(gatewayModelOf(template).routes.length).toBeGreaterThan(0);
  });

  it('names the file that is not JSON', () => {
    // Prepare
    const file = path.join(dir, 'broken.json');
    writeFileSync(file, '{ not json');

    // Act
    const error = caught(GatewayModelError, () => readTemplate(file));

    // Assess
    expect(error.code).toBe('invalid_template');
    expect(error.message).toContain(file);
  });
});
