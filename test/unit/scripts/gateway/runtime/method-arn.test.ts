// The method ARN the gateway evaluates policies at: the concrete path, raw, as API Gateway builds it.
import { parseMethodArn } from '../../../../../authorizer/policy/method-arn';
import {
  isMethodArnTooLong,
  MAX_METHOD_ARN_BYTES,
  methodArnOf,
} from '../../../../../scripts/gateway/runtime/method-arn';
import tokenEvent from '../../../../fixtures/token-event.json';

const parts = { region: 'eu-west-1', accountId: '123456789012', apiId: 'a1b2c3d4e5', stage: 'prod' };

describe('methodArnOf', () => {
  it('builds the ARN of the real-shaped TOKEN event fixture', () => {
    // Prepare / Act
    const arn = methodArnOf({ ...parts, verb: 'GET', path: '/comments' });

    // Assess
    expect(arn).toBe(tokenEvent.methodArn);
  });

  it('puts the concrete path, colons and all, never the route template', () => {
    // Prepare / Act
    const arn = methodArnOf({ ...parts, verb: 'delete', path: '/comments/urn:c:7/likes' });

    // Assess
    expect(arn).toBe('arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/prod/DELETE/comments/urn:c:7/likes');
    expect(arn).not.toContain('{');
  });

  it('gives ".../GET/" for the root resource, which the authorizer’s own parser reads back', () => {
    // Prepare
    const arn = methodArnOf({ ...parts, verb: 'GET', path: '/' });

    // Act
    const parsed = parseMethodArn(arn);

    // Assess
    expect(arn.endsWith('/prod/GET/')).toBe(true);
    expect(parsed).toEqual({
      prefix: 'arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/prod',
      verb: 'GET',
      path: '/',
    });
  });

  it('takes another partition when given one', () => {
    // Prepare / Act / Assess
    expect(methodArnOf({ ...parts, partition: 'aws-cn', verb: 'GET', path: '/x' })).toMatch(/^arn:aws-cn:execute-api:/);
  });

  it('refuses a path without its leading "/"', () => {
    // Prepare / Act / Assess
    expect(() => methodArnOf({ ...parts, verb: 'GET', path: 'comments' })).toThrow(TypeError);
  });

  it('tells when the ARN passes the 1600-byte limit (API Gateway answers 414)', () => {
    // Prepare
    const base = methodArnOf({ ...parts, verb: 'GET', path: '/' });
    const fits = base + 'a'.repeat(MAX_METHOD_ARN_BYTES - Buffer.byteLength(base));

    // Act / Assess
    expect(isMethodArnTooLong(fits)).toBe(false);
    expect(isMethodArnTooLong(`${fits}a`)).toBe(true);
    expect(isMethodArnTooLong(base + 'é'.repeat(800))).toBe(true); // bytes, not characters
  });
});
