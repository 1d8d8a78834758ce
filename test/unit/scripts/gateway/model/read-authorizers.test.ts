// The authorizer as deployed: TOKEN on the Authorization header, its validation regex, its TTL and its function.
import { GatewayModelError } from '../../../../../scripts/gateway/model/errors';
import { gatewayModelOf } from '../../../../../scripts/gateway/model/read-template';
import { caught } from '../../../../helpers/caught';
import { onlyResourceOf, packagedTemplate, templateWith } from './packaged-template';

const ID = onlyResourceOf('AWS::ApiGateway::Authorizer');
const authorizerOf = (template: unknown) => gatewayModelOf(template).authorizers[ID];

describe('the packaged authorizer', () => {
  it('is a TOKEN authorizer on the Authorization header, cached 300 s, invoking the authorizer function', () => {
    // Act
    const authorizer = authorizerOf(packagedTemplate());

    // Assess
    expect(authorizer).toMatchObject({
      logicalId: ID,
      name: 'authorizer',
      type: 'TOKEN',
      identityHeader: 'Authorization',
      resultTtlInSeconds: 300,
      lambda: {
        logicalId: 'AuthorizerLambdaFunction',
        functionName: 'comments-api-local-authorizer',
        functionKey: 'authorizer',
      },
    });
  });

  it('keeps the validation regex as a source that accepts a bearer JWT and refuses other headers', () => {
    // Prepare
    const authorizer = authorizerOf(packagedTemplate());
    const source = authorizer?.type === 'TOKEN' ? authorizer.identityValidationExpression : null;

    // Act
    const regex = new RegExp(source ?? '(?!)');

    // Assess
    expect(source).toBe('^[Bb][Ee][Aa][Rr][Ee][Rr] +[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$');
    expect(regex.test('Bearer aaa.bbb.ccc')).toBe(true);
    expect(regex.test('bearer aaa.bbb.ccc')).toBe(true);
    expect(regex.test('Basic dXNlcjpwYXNz')).toBe(false);
    expect(regex.test('Bearer aaa.bbb')).toBe(false);
  });

  it('defaults the TTL to 300 s when AuthorizerResultTtlInSeconds is absent, as AWS does', () => {
    // Prepare
    const template = templateWith(ID, (p) => delete p.AuthorizerResultTtlInSeconds);

    // Act
    const authorizer = authorizerOf(template);

    // Assess
    expect(authorizer?.resultTtlInSeconds).toBe(300);
  });

  it('reads a TTL written as a string, and 0 (no cache)', () => {
    // Prepare
    const asString = templateWith(ID, (p) => (p.AuthorizerResultTtlInSeconds = '60'));
    const zero = templateWith(ID, (p) => (p.AuthorizerResultTtlInSeconds = 0));

    // Act
    const ttls = [authorizerOf(asString)?.resultTtlInSeconds, authorizerOf(zero)?.resultTtlInSeconds];

    // Assess
    expect(ttls).toEqual([60, 0]);
  });

  it('has no validation regex when none is configured', () => {
    // Prepare
    const template = templateWith(ID, (p) => delete p.IdentityValidationExpression);

    // Act
    const authorizer = authorizerOf(template);

    // Assess
    expect(authorizer).toMatchObject({ type: 'TOKEN', identityValidationExpression: null });
  });

  it('reads a REQUEST authorizer with all its identity sources', () => {
    // Prepare
    const template = templateWith(ID, (p) => {
      p.Type = 'REQUEST';
      p.IdentitySource = 'method.request.header.Authorization, method.request.querystring.tenant, context.routeKey';
    });

    // Act
    const authorizer = authorizerOf(template);

    // Assess
    expect(authorizer).toMatchObject({
      type: 'REQUEST',
      identitySources: [
        { location: 'header', name: 'Authorization' },
        { location: 'querystring', name: 'tenant' },
        { location: 'context', name: 'routeKey' },
      ],
    });
  });
});

describe('authorizer refusals', () => {
  it.each([
    ['a TTL above 3600 s', (p: Record<string, unknown>) => (p.AuthorizerResultTtlInSeconds = 7200), 'invalid_property'],
    ['a negative TTL', (p: Record<string, unknown>) => (p.AuthorizerResultTtlInSeconds = -1), 'invalid_property'],
    ['a Cognito authorizer', (p: Record<string, unknown>) => (p.Type = 'COGNITO_USER_POOLS'), 'unsupported_feature'],
    [
      'a TOKEN authorizer on a query string',
      (p: Record<string, unknown>) => (p.IdentitySource = 'method.request.querystring.token'),
      'invalid_property',
    ],
    [
      'an identity source it cannot read',
      (p: Record<string, unknown>) => (p.IdentitySource = 'Authorization'),
      'invalid_property',
    ],
    [
      'a regex JavaScript cannot compile',
      (p: Record<string, unknown>) => (p.IdentityValidationExpression = '(['),
      'invalid_property',
    ],
    [
      'an AuthorizerUri that is not a Lambda Arn',
      (p: Record<string, unknown>) => (p.AuthorizerUri = 'arn:aws:x'),
      'unresolved_reference',
    ],
  ])('refuses %s, naming the authorizer', (_label, change, code) => {
    // Act
    const error = caught(GatewayModelError, () => gatewayModelOf(templateWith(ID, change)));

    // Assess
    expect(error.code).toBe(code);
    expect(error.logicalId).toBe(ID);
  });
});
