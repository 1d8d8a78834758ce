// What the gateway accepts from a Lambda authorizer, each malformed shape refused, and the context's stringification.
import fc from 'fast-check';
import {
  deliveredAuthorizer,
  validateAuthorizerOutput,
  type AuthorizerOutput,
} from '../../../../../scripts/gateway/runtime/authorizer-output';

const RESOURCE = 'arn:aws:execute-api:eu-west-1:123456789012:api/prod/GET/comments';
const statement = { Action: 'execute-api:Invoke', Effect: 'Allow' as const, Resource: [RESOURCE] };
const valid = {
  principalId: 'user-1',
  policyDocument: { Version: '2012-10-17', Statement: [statement] },
  context: { provider: 'pool', expiresAt: 4102444800, admin: false },
  usageIdentifierKey: 'key-1',
};

describe('validateAuthorizerOutput: accepted', () => {
  it('accepts the documented shape and returns a copy holding only the accepted fields', () => {
    // Prepare
    const payload = { ...valid, ttlInSeconds: 60 };

    // Act
    const result = validateAuthorizerOutput(payload);

    // Assess
    expect(result).toEqual({ ok: true, output: valid });
    const output = (result as { output: AuthorizerOutput }).output;
    expect(output.policyDocument).not.toBe(payload.policyDocument);
    expect(output.context).not.toBe(payload.context);
  });

  it('accepts a single statement object, string Action and Resource, and no context or API key', () => {
    // Prepare
    const payload = {
      principalId: 'p',
      policyDocument: { Version: '2012-10-17', Statement: { Action: '*', Effect: 'Deny', Resource: '*' } },
    };

    // Act
    const result = validateAuthorizerOutput(payload);

    // Assess
    expect(result).toEqual({ ok: true, output: payload });
    expect(Object.keys((result as { output: AuthorizerOutput }).output)).toEqual(['principalId', 'policyDocument']);
  });

  it('accepts an empty context and one with an empty string', () => {
    // Prepare / Act / Assess
    expect(validateAuthorizerOutput({ ...valid, context: {} }).ok).toBe(true);
    expect(validateAuthorizerOutput({ ...valid, context: { error: '' } }).ok).toBe(true);
  });
});

describe('validateAuthorizerOutput: each malformed shape is an AUTHORIZER_CONFIGURATION_ERROR', () => {
  const without = (key: keyof typeof valid) => Object.fromEntries(Object.entries(valid).filter(([k]) => k !== key));
  const withPolicy = (policyDocument: unknown) => ({ ...valid, policyDocument });

  it.each([
    ['null', null, 'the result is not an object'],
    ['a string (a thrown message returned instead)', 'Unauthorized', 'the result is not an object'],
    ['an array', [valid], 'the result is not an object'],
    ['a proxy response', { statusCode: 401, body: '{}' }, 'principalId is not a non-empty string'],
    ['no principalId', without('principalId'), 'principalId is not a non-empty string'],
    ['an empty principalId', { ...valid, principalId: '' }, 'principalId is not a non-empty string'],
    ['a number principalId', { ...valid, principalId: 7 }, 'principalId is not a non-empty string'],
    ['no policyDocument', without('policyDocument'), 'policyDocument is missing'],
    ['a string policyDocument', withPolicy('{}'), 'policyDocument is not an object'],
    ['no Version', withPolicy({ Statement: [statement] }), 'policyDocument.Version is not 2012-10-17 or 2008-10-17'],
    ['no Statement', withPolicy({ Version: '2012-10-17' }), 'Statement[0] is not an object'],
    [
      'a lower-case Effect',
      withPolicy({ Version: '2012-10-17', Statement: [{ ...statement, Effect: 'allow' }] }),
      'Statement[0] has an Effect other than Allow or Deny',
    ],
    [
      'no Action',
      withPolicy({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Resource: RESOURCE }] }),
      'Statement[0] has an invalid Action: not a non-empty string or list of them',
    ],
    [
      'no Resource',
      withPolicy({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'execute-api:Invoke' }] }),
      'Statement[0] has an invalid Resource: not a non-empty string or list of them',
    ],
    [
      'a NotResource statement',
      withPolicy({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Deny', Action: 'execute-api:Invoke', NotResource: RESOURCE }],
      }),
      'Statement[0] uses NotResource, which the gateway does not evaluate',
    ],
    ['a null context', { ...valid, context: null }, 'context is not an object'],
    ['an array context', { ...valid, context: ['a'] }, 'context is not an object'],
    ['a string context', { ...valid, context: 'a=b' }, 'context is not an object'],
    [
      'an object in context',
      { ...valid, context: { claims: { sub: 'x' } } },
      'context.claims is not a string, number or boolean',
    ],
    [
      'an array in context',
      { ...valid, context: { groups: ['a'] } },
      'context.groups is not a string, number or boolean',
    ],
    [
      'a null in context',
      { ...valid, context: { clientId: null } },
      'context.clientId is not a string, number or boolean',
    ],
    ['a NaN in context', { ...valid, context: { n: NaN } }, 'context.n is not a string, number or boolean'],
    ['a number usageIdentifierKey', { ...valid, usageIdentifierKey: 42 }, 'usageIdentifierKey is not a string'],
    ['a null usageIdentifierKey', { ...valid, usageIdentifierKey: null }, 'usageIdentifierKey is not a string'],
  ])('refuses %s', (_label, payload, problem) => {
    // Prepare / Act
    const result = validateAuthorizerOutput(payload);

    // Assess
    expect(result).toEqual({ ok: false, problem });
  });
});

describe('deliveredAuthorizer', () => {
  it('stringifies every context value as AWS delivers it and adds principalId', () => {
    // Prepare
    const output: AuthorizerOutput = { ...valid, context: { s: 'v', n: 3, f: 1.5, t: true, no: false, zero: 0 } };

    // Act
    const delivered = deliveredAuthorizer(output);

    // Assess
    expect(delivered).toEqual({ s: 'v', n: '3', f: '1.5', t: 'true', no: 'false', zero: '0', principalId: 'user-1' });
  });

  it('lets principalId win over a context key of that name, and keeps "__proto__" as data', () => {
    // Prepare: through JSON, as the Lambda Invoke API's payload arrives.
    const payload = JSON.parse(`{"principalId":"user-1","policyDocument":${JSON.stringify(valid.policyDocument)},
      "context":{"principalId":"admin","__proto__":"x"}}`);
    const checked = validateAuthorizerOutput(payload) as { output: AuthorizerOutput };

    // Act
    const delivered = deliveredAuthorizer(checked.output);

    // Assess
    expect(delivered.principalId).toBe('user-1');
    expect(Object.getOwnPropertyDescriptor(delivered, '__proto__')?.value).toBe('x');
    expect(Object.getPrototypeOf(delivered)).toBe(Object.prototype);
  });

  it('round-trips: each delivered string reads back as the value the authorizer returned', () => {
    const value = fc.oneof(
      fc.string(),
      fc.boolean(),
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
    );
    const key = fc.string({ minLength: 1, maxLength: 12 }).filter((k) => k !== 'principalId' && k !== '__proto__');
    fc.assert(
      fc.property(fc.dictionary(key, value, { maxKeys: 6 }), (context) => {
        // Prepare: through JSON, as the payload comes from the Lambda Invoke API.
        const checked = validateAuthorizerOutput(JSON.parse(JSON.stringify({ ...valid, context })));

        // Act
        const delivered = deliveredAuthorizer((checked as { output: AuthorizerOutput }).output);

        // Assess
        for (const [k, v] of Object.entries(context)) {
          const s = delivered[k] as string;
          if (typeof v === 'boolean') expect(s === 'true').toBe(v);
          else if (typeof v === 'number') expect(Object.is(Number(s), JSON.parse(JSON.stringify(v)))).toBe(true);
          else expect(s).toBe(v);
        }
        expect(Object.keys(delivered).sort()).toEqual([...Object.keys(context), 'principalId'].sort());
      }),
      { numRuns: 500 },
    );
  });
});
