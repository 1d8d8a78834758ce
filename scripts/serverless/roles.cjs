// One IAM role per function, built from a table of what each function may do: written once, not eight times.
'use strict';

/*
 * Each role: Lambda may assume it, the function may write only to its own log group, and then exactly the data
 * actions listed here, only on this stack's table, index, pool and secret. No wildcard action, no '*' resource
 * (test/template proves it on the packaged template). The key is the function's name in serverless.yml, whose
 * `role:` is `{Name}Role` (e.g. listComments → ListCommentsRole).
 */
const TABLE = { 'Fn::GetAtt': ['CommentsTable', 'Arn'] };
const DATA_ACCESS = {
  authorizer: [],
  me: [],
  listComments: [
    { Action: ['dynamodb:Query'], Resource: [{ 'Fn::Sub': '${CommentsTable.Arn}/index/newest' }] },
    // The cursor-signing key, read once per cold start (services/comments/cursor-secret.ts); Ref is its ARN.
    { Action: ['secretsmanager:GetSecretValue'], Resource: [{ Ref: 'CursorSecret' }] },
  ],
  getComment: [{ Action: ['dynamodb:GetItem'], Resource: [TABLE] }],
  createComment: [{ Action: ['dynamodb:PutItem'], Resource: [TABLE] }],
  deleteComment: [{ Action: ['dynamodb:UpdateItem', 'dynamodb:GetItem'], Resource: [TABLE] }],
  signup: [
    {
      Action: ['cognito-idp:AdminConfirmSignUp', 'cognito-idp:AdminAddUserToGroup'],
      Resource: [{ 'Fn::GetAtt': ['UserPool', 'Arn'] }],
    },
  ],
  signin: [],
  // AdminAddUserToGroup on the pool is a separate AWS::IAM::Policy in resources/cognito.yml: the pool names this
  // function as its trigger, so a statement here naming the pool would be a dependency cycle.
  postConfirmation: [],
};

const pascal = (name) => `${name[0].toUpperCase()}${name.slice(1)}`;

function roleOf(fn, statements, functionPrefix) {
  const logGroup = `arn:\${AWS::Partition}:logs:\${AWS::Region}:\${AWS::AccountId}:log-group:/aws/lambda/${functionPrefix}-${fn}:*`;
  return {
    Type: 'AWS::IAM::Role',
    Properties: {
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      },
      Policies: [
        {
          PolicyName: `${fn}Role`,
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
                Resource: [{ 'Fn::Sub': logGroup }],
              },
              ...statements.map((s) => ({ Effect: 'Allow', ...s })),
            ],
          },
        },
      ],
    },
  };
}

/** serverless.yml: `resources: - ${file(./scripts/serverless/roles.cjs)}`. */
module.exports = async ({ resolveVariable }) => {
  const functionPrefix = `${await resolveVariable('self:service')}-${await resolveVariable('sls:stage')}`;
  const Resources = {};
  for (const [fn, statements] of Object.entries(DATA_ACCESS))
    Resources[`${pascal(fn)}Role`] = roleOf(fn, statements, functionPrefix);
  return { Resources };
};
// The functions an API shape adds get their roles from the same builder (scripts/serverless/api-shapes.cjs).
module.exports.roleOf = roleOf;
