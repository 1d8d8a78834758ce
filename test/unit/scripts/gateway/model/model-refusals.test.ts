// Templates the gateway model refuses, each with a code and the logical id at fault, never a TypeError.
import { GatewayModelError } from '../../../../../scripts/gateway/model/errors';
import { gatewayModelOf } from '../../../../../scripts/gateway/model/read-template';
import { caught } from '../../../../helpers/caught';
import { packagedTemplate, templateWith } from './packaged-template';

/** The logical id of the fixture's method for a route (looked up, so a regenerated fixture still works). */
const methodIdOf = (verb: string, routePath: string) => {
  const route = gatewayModelOf(packagedTemplate()).routes.find((r) => r.httpMethod === verb && r.path === routePath);
  if (!route) throw new Error(`no route ${verb} ${routePath}`);
  return route.logicalId;
};

describe('gatewayModelOf: refusals name the logical id', () => {
  it('refuses a template without the RestApi', () => {
    // Prepare
    const template = templateWith('ApiGatewayRestApi', null);

    // Act
    const error = caught(GatewayModelError, () => gatewayModelOf(template));

    // Assess
    expect(error.code).toBe('missing_rest_api');
    expect(error.message).toMatch(/no AWS::ApiGateway::RestApi/);
  });

  it.each([
    ['not an object', null],
    ['without Resources', {}],
    ['with a resource without Type', { Resources: { Broken: { Properties: {} } } }],
  ])('refuses a template %s', (_label, template) => {
    // Act
    const error = caught(GatewayModelError, () => gatewayModelOf(template));

    // Assess
    expect(error.code).toBe('invalid_template');
  });

  it('refuses an integration URI that is not a Lambda function Arn', () => {
    // Prepare
    const id = methodIdOf('GET', '/me');
    const template = templateWith(id, (p) => {
      (p.Integration as Record<string, unknown>).Uri =
        'arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/x';
    });

    // Act
    const error = caught(GatewayModelError, () => gatewayModelOf(template));

    // Assess
    expect(error.code).toBe('unresolved_reference');
    expect(error.logicalId).toBe(id);
    expect(error.message.startsWith(`${id}: `)).toBe(true);
  });

  it('refuses an integration whose function is missing from the template', () => {
    // Prepare
    const template = templateWith('MeLambdaFunction', null);

    // Act
    const error = caught(GatewayModelError, () => gatewayModelOf(template));

    // Assess
    expect(error.code).toBe('unresolved_reference');
    expect(error.message).toMatch(/MeLambdaFunction is not an AWS::Lambda::Function/);
  });

  it('refuses a function whose FunctionName is not a string', () => {
    // Prepare
    const template = templateWith('MeLambdaFunction', (p) => {
      p.FunctionName = { 'Fn::Sub': '${AWS::StackName}-me' };
    });

    // Act
    const error = caught(GatewayModelError, () => gatewayModelOf(template));

    // Assess
    expect(error.code).toBe('invalid_property');
    expect(error.logicalId).toBe('MeLambdaFunction');
  });

  it.each([
    [
      'an integration type it does not emulate',
      (p: Record<string, unknown>) => (p.Integration = { Type: 'HTTP_PROXY' }),
    ],
    ['AWS_IAM authorization', (p: Record<string, unknown>) => (p.AuthorizationType = 'AWS_IAM')],
    ['a required API key', (p: Record<string, unknown>) => (p.ApiKeyRequired = true)],
  ])('refuses %s rather than opening the route', (_label, change) => {
    // Prepare
    const id = methodIdOf('GET', '/me');

    // Act
    const error = caught(GatewayModelError, () => gatewayModelOf(templateWith(id, change)));

    // Assess
    expect(error.code).toBe('unsupported_feature');
    expect(error.logicalId).toBe(id);
  });

  it.each([
    [
      'an unknown authorizer',
      (p: Record<string, unknown>) => (p.AuthorizerId = { Ref: 'NoSuchAuthorizer' }),
      'unresolved_reference',
    ],
    [
      'a resource that is not there',
      (p: Record<string, unknown>) => (p.ResourceId = { Ref: 'Nowhere' }),
      'unresolved_reference',
    ],
    ['another API', (p: Record<string, unknown>) => (p.RestApiId = 'abc123'), 'unresolved_reference'],
    ['a verb that is not HTTP', (p: Record<string, unknown>) => (p.HttpMethod = 'FETCH'), 'invalid_property'],
    ['no integration', (p: Record<string, unknown>) => delete p.Integration, 'invalid_property'],
  ])('refuses a method with %s', (_label, change, code) => {
    // Prepare
    const id = methodIdOf('GET', '/me');

    // Act
    const error = caught(GatewayModelError, () => gatewayModelOf(templateWith(id, change)));

    // Assess
    expect(error.code).toBe(code);
    expect(error.logicalId).toBe(id);
  });

  it('refuses a ParentId chain that loops', () => {
    // Prepare
    const template = templateWith('ApiGatewayResourceComments', (p) => {
      p.ParentId = { Ref: 'ApiGatewayResourceCommentsIdVar' };
    });

    // Act
    const error = caught(GatewayModelError, () => gatewayModelOf(template));

    // Assess
    expect(error.code).toBe('invalid_template');
    expect(error.message).toMatch(/loops/);
  });

  it('refuses a MOCK integration with several integration responses', () => {
    // Prepare
    const id = methodIdOf('OPTIONS', '/me');
    const template = templateWith(id, (p) => {
      const integration = p.Integration as { IntegrationResponses: unknown[] };
      integration.IntegrationResponses.push({ StatusCode: '500', SelectionPattern: '5\\d\\d' });
    });

    // Act
    const error = caught(GatewayModelError, () => gatewayModelOf(template));

    // Assess
    expect(error.code).toBe('unsupported_feature');
    expect(error.logicalId).toBe(id);
  });

  it('refuses, at load time, a preflight template outside the emulated VTL', () => {
    // Prepare
    const id = methodIdOf('OPTIONS', '/me');
    const template = templateWith(id, (p) => {
      const [response] = (p.Integration as { IntegrationResponses: Array<Record<string, unknown>> })
        .IntegrationResponses;
      response!.ResponseTemplates = { 'application/json': '#foreach($o in $origins)#end' };
    });

    // Act
    const error = caught(GatewayModelError, () => gatewayModelOf(template));

    // Assess
    expect(error.code).toBe('unsupported_feature');
    expect(error.logicalId).toBe(id);
    expect(error.message).toMatch(/#foreach/);
  });
});

describe('gatewayModelOf: malformed values anywhere are refused by name', () => {
  const authorizerId = 'AuthorizerApiGatewayAuthorizer';
  type Change = (p: Record<string, unknown>) => void;
  const integrationOf = (p: Record<string, unknown>) => p.Integration as Record<string, unknown>;
  const firstResponseOf = (p: Record<string, unknown>) =>
    (integrationOf(p).IntegrationResponses as Array<Record<string, unknown>>)[0] as Record<string, unknown>;

  it.each<[string, () => [string, Change], string]>([
    [
      'a Lambda integration not invoked with POST',
      () => [methodIdOf('GET', '/me'), (p) => (integrationOf(p).IntegrationHttpMethod = 'GET')],
      'invalid_property',
    ],
    [
      'a Join URI of the wrong shape',
      () => [methodIdOf('GET', '/me'), (p) => (integrationOf(p).Uri = { 'Fn::Join': [''] })],
      'unresolved_reference',
    ],
    [
      'method responses that are not a list',
      () => [methodIdOf('OPTIONS', '/me'), (p) => (p.MethodResponses = {})],
      'invalid_property',
    ],
    [
      'a method response that is not an object',
      () => [methodIdOf('OPTIONS', '/me'), (p) => (p.MethodResponses = ['200'])],
      'invalid_property',
    ],
    [
      'method response parameters that are not booleans',
      () => [
        methodIdOf('OPTIONS', '/me'),
        (p) => (p.MethodResponses = [{ StatusCode: '200', ResponseParameters: { a: 'yes' } }]),
      ],
      'invalid_property',
    ],
    [
      'an integration response status that is not one',
      () => [methodIdOf('OPTIONS', '/me'), (p) => (firstResponseOf(p).StatusCode = 'OK')],
      'invalid_property',
    ],
    [
      'integration response parameters that are not strings',
      () => [methodIdOf('OPTIONS', '/me'), (p) => (firstResponseOf(p).ResponseParameters = { a: 1 })],
      'invalid_property',
    ],
    [
      'a method on another API root',
      () => [methodIdOf('GET', '/me'), (p) => (p.ResourceId = { 'Fn::GetAtt': ['OtherApi', 'RootResourceId'] })],
      'unresolved_reference',
    ],
    [
      'a method on a resource that is no resource',
      () => [methodIdOf('GET', '/me'), (p) => (p.ResourceId = { Ref: 'MeLambdaFunction' })],
      'unresolved_reference',
    ],
    [
      'a method on a literal resource id',
      () => [methodIdOf('GET', '/me'), (p) => (p.ResourceId = 'abc123')],
      'unresolved_reference',
    ],
    [
      'a path part that is no path segment',
      () => ['ApiGatewayResourceMe', (p) => (p.PathPart = 'me/you')],
      'invalid_property',
    ],
    ['an authorizer on another API', () => [authorizerId, (p) => (p.RestApiId = 'abc123')], 'unresolved_reference'],
    [
      'a validation regex that is not a string',
      () => [authorizerId, (p) => (p.IdentityValidationExpression = 1)],
      'invalid_property',
    ],
    [
      'a gateway response on another API',
      () => ['UnauthorizedResponse', (p) => (p.RestApiId = 'abc123')],
      'unresolved_reference',
    ],
  ])('refuses %s', (_label, prepare, code) => {
    // Prepare
    const [id, change] = prepare();

    // Act
    const error = caught(GatewayModelError, () => gatewayModelOf(templateWith(id, change)));

    // Assess
    expect(error.code).toBe(code);
    expect(error.logicalId).toBe(id);
  });

  it('reads the short Fn::GetAtt form serverless users sometimes write', () => {
    // Prepare
    const template = templateWith(
      'ApiGatewayResourceMe',
      (p) => (p.ParentId = { 'Fn::GetAtt': 'ApiGatewayRestApi.RootResourceId' }),
    );

    // Act
    const paths = gatewayModelOf(template).routes.map((r) => r.path);

    // Assess
    expect(paths).toContain('/me');
  });

  it('refuses a second RestApi and a resource whose Properties is not an object', () => {
    // Prepare
    const twoApis = packagedTemplate();
    twoApis.Resources.OtherApi = { Type: 'AWS::ApiGateway::RestApi', Properties: { Name: 'other' } };
    const badProperties = packagedTemplate();
    (badProperties.Resources.ApiGatewayRestApi as { Properties: unknown }).Properties = 'none';

    // Act
    const errors = [twoApis, badProperties].map((t) => caught(GatewayModelError, () => gatewayModelOf(t)));

    // Assess
    expect(errors.map((e) => [e.code, e.logicalId])).toEqual([
      ['unsupported_feature', 'OtherApi'],
      ['invalid_template', 'ApiGatewayRestApi'],
    ]);
  });

  it('refuses a template whose API names no stage', () => {
    // Prepare
    const template = packagedTemplate();
    for (const resource of Object.values(template.Resources)) {
      if (resource.Type === 'AWS::ApiGateway::Deployment') delete resource.Properties.StageName;
    }

    // Act
    const error = caught(GatewayModelError, () => gatewayModelOf(template));

    // Assess
    expect(error.code).toBe('invalid_template');
    expect(error.message).toMatch(/no Stage or Deployment/);
  });
});
