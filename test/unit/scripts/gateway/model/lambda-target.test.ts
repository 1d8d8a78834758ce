// Integration URIs to Lambda functions: the invoke name serverless-offline needs, and the serverless.yml key.
import { readResources } from '../../../../../scripts/gateway/model/cfn-values';
import { GatewayModelError } from '../../../../../scripts/gateway/model/errors';
import { deriveFunctionKey, resolveLambdaTarget } from '../../../../../scripts/gateway/model/lambda-target';
import { caught } from '../../../../helpers/caught';

const resources = readResources({
  Resources: {
    GetDashcommentLambdaFunction: {
      Type: 'AWS::Lambda::Function',
      Properties: { FunctionName: 'my-svc-dev-get-comment' },
    },
    CustomLambdaFunction: { Type: 'AWS::Lambda::Function', Properties: { FunctionName: 'hand-picked' } },
    Bucket: { Type: 'AWS::S3::Bucket', Properties: {} },
  },
});
const PREFIX = 'arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/';

describe('resolveLambdaTarget', () => {
  it('resolves the Fn::Join serverless writes', () => {
    // Prepare
    const uri = {
      'Fn::Join': [
        '',
        [
          'arn:',
          { Ref: 'AWS::Partition' },
          ':apigateway:',
          { Ref: 'AWS::Region' },
          ':lambda:path/2015-03-31/functions/',
          { 'Fn::GetAtt': ['GetDashcommentLambdaFunction', 'Arn'] },
          '/invocations',
        ],
      ],
    };

    // Act
    const target = resolveLambdaTarget(uri, resources, 'Method');

    // Assess
    expect(target).toEqual({
      logicalId: 'GetDashcommentLambdaFunction',
      functionName: 'my-svc-dev-get-comment',
      functionKey: 'get-comment',
    });
  });

  it('resolves the same URI written with Fn::Sub, and a literal region', () => {
    // Prepare
    const uri = {
      'Fn::Sub':
        'arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/${CustomLambdaFunction.Arn}/invocations',
    };

    // Act
    const target = resolveLambdaTarget(uri, resources, 'Method');

    // Assess
    expect(target).toEqual({ logicalId: 'CustomLambdaFunction', functionName: 'hand-picked', functionKey: null });
  });

  it.each([
    ['an alias-qualified function', { 'Fn::Sub': `${PREFIX}\${CustomLambdaFunction.Arn}:live/invocations` }],
    ['a Join that only looks like a Sub', { 'Fn::Join': ['', [`${PREFIX}\${CustomLambdaFunction.Arn}/invocations`]] }],
    ['a parameter reference', { 'Fn::Join': ['', [PREFIX, { Ref: 'FunctionArn' }, '/invocations']] }],
    ['no URI', undefined],
  ])('refuses %s', (_label, uri) => {
    // Act
    const error = caught(GatewayModelError, () => resolveLambdaTarget(uri, resources, 'Method'));

    // Assess
    expect(error.code).toBe('unresolved_reference');
    expect(error.logicalId).toBe('Method');
  });

  it('refuses a URI pointing at a resource that is not a function', () => {
    // Act
    const error = caught(GatewayModelError, () =>
      resolveLambdaTarget({ 'Fn::Sub': `${PREFIX}\${Bucket.Arn}/invocations` }, resources, 'Method'),
    );

    // Assess
    expect(error.message).toBe('Method: Bucket is not an AWS::Lambda::Function');
  });
});

describe('deriveFunctionKey', () => {
  it.each([
    ['MeLambdaFunction', 'comments-api-local-me', 'me'],
    ['ListCommentsLambdaFunction', 'comments-api-local-listComments', 'listComments'],
    ['MyUnderscorefnLambdaFunction', 'svc-dev-my_fn', 'my_fn'],
    ['MeLambdaFunction', 'me', null],
    ['MeLambdaFunction', 'comments-api-local-other', null],
    ['SomethingElse', 'comments-api-local-me', null],
  ])('%s named %s has the key %s', (logicalId, functionName, key) => {
    // Act
    const derived = deriveFunctionKey(logicalId, functionName);

    // Assess
    expect(derived).toBe(key);
  });
});
