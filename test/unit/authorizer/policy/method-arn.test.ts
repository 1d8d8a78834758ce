// parseMethodArn: splits API Gateway (and serverless-offline) method ARNs into prefix, verb and path; rejects malformed ones.
import { InvalidEventError } from '../../../../authorizer/errors';
import { parseMethodArn } from '../../../../authorizer/policy/method-arn';
import { API_PREFIX, methodArn } from '../../../helpers/events';
import { caught } from '../../../helpers/caught';

function invalidEvent(input: unknown): InvalidEventError {
  return caught(InvalidEventError, () => parseMethodArn(input));
}

describe('parseMethodArn', () => {
  it('reads the root resource "/" from an ARN ending in VERB/', () => {
    // Act
    const parsed = parseMethodArn(`${API_PREFIX}/GET/`);

    // Assess
    expect(parsed).toEqual({ prefix: API_PREFIX, verb: 'GET', path: '/' });
  });

  it('reads an ARN without any path as the root resource', () => {
    expect(parseMethodArn(`${API_PREFIX}/DELETE`)).toEqual({ prefix: API_PREFIX, verb: 'DELETE', path: '/' });
  });

  it.each([
    ['GET', '/comments'],
    ['GET', '/comments/42'],
    ['POST', '/comments/42/likes'],
    ['PATCH', '/users/u-1/avatar/original.png'],
    ['OPTIONS', '/a/b/c/d/e/f'],
  ])('keeps the verb and the whole nested path of %s %s', (verb, path) => {
    // Act
    const parsed = parseMethodArn(methodArn(verb, path));

    // Assess
    expect(parsed).toEqual({ prefix: API_PREFIX, verb, path });
  });

  it('accepts serverless-offline placeholders and keeps the path template as given', () => {
    // Prepare
    const arn = 'arn:aws:execute-api:us-east-1:random-account-id:random-api-id/dev/GET/comments/{id}';

    // Act
    const parsed = parseMethodArn(arn);

    // Assess
    expect(parsed).toEqual({
      prefix: 'arn:aws:execute-api:us-east-1:random-account-id:random-api-id/dev',
      verb: 'GET',
      path: '/comments/{id}',
    });
  });

  it('accepts other partitions and keeps them in the prefix', () => {
    const arn = 'arn:aws-us-gov:execute-api:us-gov-west-1:123456789012:abcdef1234/v1/PUT/items/7';
    expect(parseMethodArn(arn)).toEqual({
      prefix: 'arn:aws-us-gov:execute-api:us-gov-west-1:123456789012:abcdef1234/v1',
      verb: 'PUT',
      path: '/items/7',
    });
  });

  it('accepts an ARN of exactly 1600 characters', () => {
    // Prepare
    const head = `${API_PREFIX}/GET/`;
    const arn = head + 'x'.repeat(1_600 - head.length);

    // Act
    const parsed = parseMethodArn(arn);

    // Assess
    expect(arn).toHaveLength(1_600);
    expect(parsed.path).toHaveLength(1_600 - API_PREFIX.length - '/GET'.length);
  });

  it.each<[string, unknown]>([
    ['a missing ARN', undefined],
    ['null', null],
    ['a number', 42],
    ['an object', { methodArn: `${API_PREFIX}/GET/` }],
    ['an array', [`${API_PREFIX}/GET/`]],
    ['an ARN longer than 1600 bytes', `${API_PREFIX}/GET/${'x'.repeat(1_600)}`],
    ['an ARN one byte over the limit', `${API_PREFIX}/GET/${'x'.repeat(1_601 - API_PREFIX.length - '/GET/'.length)}`],
    ['multi-byte characters over 1600 bytes but under 1600 characters', `${API_PREFIX}/GET/${'é'.repeat(1_500)}`],
    ['an empty string', ''],
    ['another service', 'arn:aws:lambda:eu-west-1:123456789012:a1b2c3d4e5/prod/GET/comments'],
    ['an ARN without a stage', 'arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/GET/comments'],
    ['an ARN without a stage, at the root', 'arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/GET/'],
    ['an empty stage', 'arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5//GET/comments'],
    ['an ARN without a verb', `${API_PREFIX}/`],
    ['a lower-case verb', `${API_PREFIX}/get/comments`],
    ['whitespace in the path', `${API_PREFIX}/GET/comments/1 2`],
    ['a missing API id', 'arn:aws:execute-api:eu-west-1:123456789012/prod/GET/comments'],
    ['a missing region', 'arn:aws:execute-api::123456789012:a1b2c3d4e5/prod/GET/comments'],
    ['a non-ARN', 'GET /comments'],
  ])('rejects %s with invalid_event', (_label, input) => {
    // Act
    const err = invalidEvent(input);

    // Assess
    expect(err.code).toBe('invalid_event');
    expect(err.message).toMatch(/^invalid authorizer event: methodArn /);
  });

  it('says "missing or too long" for a non-string and for an oversized ARN, and "not an execute-api method ARN" otherwise', () => {
    expect(invalidEvent(undefined).message).toMatch(/missing or too long/);
    expect(invalidEvent(`${API_PREFIX}/GET/${'x'.repeat(1_600)}`).message).toMatch(/missing or too long/);
    expect(invalidEvent('arn:aws:s3:::bucket/key').message).toMatch(/not an execute-api method ARN/);
  });
});
