// The gateway's IAM evaluator: the all-models reading, IAM's Action matching, and refusal of what it does not model.
import fc from 'fast-check';
import * as runtime from '../../../../../scripts/gateway/runtime/iam-policy';
import {
  actionMatches,
  decidePolicy,
  DEFAULT_GATEWAY_MODEL,
  evaluatePolicy,
  policyProblem,
  WILDCARD_MODELS,
  type IamPolicyDocument,
  type IamStatement,
} from '../../../../../scripts/gateway/runtime/iam-policy';
import { PolicyConfigurationError } from '../../../../../scripts/gateway/runtime/errors';
import * as helper from '../../../../helpers/iam-evaluator';

const ARN = 'arn:aws:execute-api:eu-west-1:123456789012:api/prod';

function policy(...Statement: IamStatement[]): IamPolicyDocument {
  return { Version: '2012-10-17', Statement };
}
const allow = (Resource: string | string[], Action: string | string[] = 'execute-api:Invoke'): IamStatement => ({
  Effect: 'Allow',
  Action,
  Resource,
});
const deny = (Resource: string | string[]): IamStatement => ({
  Effect: 'Deny',
  Action: 'execute-api:Invoke',
  Resource,
});

describe('the move', () => {
  it('leaves the test helper a re-export of this very module', () => {
    // Prepare / Act / Assess: the same function objects, so the tests and the gateway trust one evaluator.
    expect(helper.evaluatePolicy).toBe(runtime.evaluatePolicy);
    expect(helper.globMatches).toBe(runtime.globMatches);
    expect(helper.WILDCARD_MODELS).toBe(runtime.WILDCARD_MODELS);
  });
});

describe('DEFAULT_GATEWAY_MODEL', () => {
  // Allow "*" (trailing, spans everything) with a mid-pattern Deny: the colon reading lets urn:c:7 through.
  const document = policy(allow(`${ARN}/GET/comments/*`), deny(`${ARN}/GET/comments/*/likes`));

  it('allows only what every wildcard reading allows', () => {
    // Prepare
    const plain = `${ARN}/GET/comments/1`;

    // Act
    const decision = decidePolicy(document, plain);

    // Assess
    expect(DEFAULT_GATEWAY_MODEL).toBe('all');
    expect(decision).toEqual({
      effect: 'Allow',
      verdict: 'Allow',
      divergent: false,
      byModel: { spanning: 'Allow', colon: 'Allow', segment: 'Allow' },
    });
  });

  it('refuses, and flags as divergent, a request one reading would let through', () => {
    // Prepare
    const colonPath = `${ARN}/GET/comments/urn:c:7/likes`;

    // Act
    const decision = decidePolicy(document, colonPath);

    // Assess
    expect(decision.effect).toBe('Deny');
    expect(decision.verdict).toBe('ExplicitDeny');
    expect(decision.divergent).toBe(true);
    expect(decision.byModel.colon).toBe('Allow');
  });

  it('refuses an under-grant of one reading: a mid-pattern "*" that must span "/" is refused', () => {
    // Prepare: only the spanning reading lets "*" cross the "/" of 1/2.
    const document = policy(allow(`${ARN}/GET/comments/*/likes`));

    // Act
    const decision = decidePolicy(document, `${ARN}/GET/comments/1/2/likes`);

    // Assess
    expect(decision).toMatchObject({ effect: 'Deny', verdict: 'ImplicitDeny', divergent: true });
    expect(decision.byModel).toEqual({ spanning: 'Allow', colon: 'Allow', segment: 'ImplicitDeny' });
  });

  it('equals the conjunction of the three models on random policies', () => {
    const part = fc.constantFrom('comments', 'likes', 'urn:c:7', '1', '*', '*:*', '?');
    const resource = fc.array(part, { minLength: 1, maxLength: 3 }).map((p) => `${ARN}/GET/${p.join('/')}`);
    const statement = fc.record({
      Effect: fc.constantFrom('Allow' as const, 'Deny' as const),
      Action: fc.constant('execute-api:Invoke'),
      Resource: fc.array(resource, { minLength: 1, maxLength: 2 }),
    });
    const path = fc.array(fc.constantFrom('comments', 'likes', 'urn:c:7', '1', 'a:b'), { minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(fc.array(statement, { maxLength: 3 }), path, (statements, parts) => {
        // Prepare
        const document = policy(...statements);
        const arn = `${ARN}/GET/${parts.join('/')}`;

        // Act
        const all = decidePolicy(document, arn).effect;

        // Assess
        const each = WILDCARD_MODELS.map((m) => evaluatePolicy(document, arn, m));
        expect(all).toBe(each.every((e) => e === 'Allow') ? 'Allow' : 'Deny');
      }),
      { numRuns: 500 },
    );
  });
});

describe('Action matching (IAM User Guide, "IAM JSON policy elements: Action")', () => {
  it.each(['execute-api:Invoke', 'EXECUTE-API:invoke', '*', 'execute-api:*', 'execute-api:Inv*', 'execute-api:Invok?'])(
    'names execute-api:Invoke with %s',
    (pattern) => {
      // Prepare / Act / Assess
      expect(actionMatches(pattern, 'execute-api:Invoke')).toBe(true);
      expect(evaluatePolicy(policy(allow(`${ARN}/GET/x`, pattern)), `${ARN}/GET/x`)).toBe('Allow');
    },
  );

  it.each(['execute-api:ManageConnections', 's3:*', 'execute-api:Invoke2', 'execute-api'])(
    'ignores a statement whose Action is %s',
    (pattern) => {
      // Prepare
      const document = policy(allow(`${ARN}/*`), { Effect: 'Deny', Action: pattern, Resource: `${ARN}/*` });

      // Act / Assess: the Deny is for another action, so it does not apply.
      expect(evaluatePolicy(document, `${ARN}/GET/x`)).toBe('Allow');
    },
  );

  it('takes Action and Resource as a string or a list, and a single statement object', () => {
    // Prepare
    const single: IamPolicyDocument = { Version: '2012-10-17', Statement: allow(`${ARN}/GET/x`) };
    const lists = policy(allow([`${ARN}/GET/y`, `${ARN}/GET/x`], ['s3:GetObject', 'execute-api:Invoke']));

    // Act / Assess
    expect(evaluatePolicy(single, `${ARN}/GET/x`)).toBe('Allow');
    expect(evaluatePolicy(lists, `${ARN}/GET/x`)).toBe('Allow');
    expect(evaluatePolicy(lists, `${ARN}/GET/z`)).toBe('Deny');
  });

  it('treats the Resource as case-sensitive', () => {
    // Prepare / Act / Assess
    expect(evaluatePolicy(policy(allow(`${ARN}/GET/Comments`)), `${ARN}/GET/comments`)).toBe('Deny');
  });
});

describe('policyProblem and refusal', () => {
  const statement = { Effect: 'Allow', Action: 'execute-api:Invoke', Resource: `${ARN}/*` };

  it.each([
    ['NotResource', { ...statement, Resource: undefined, NotResource: `${ARN}/GET/secret` }],
    ['NotAction', { Effect: 'Deny', NotAction: 's3:*', Resource: `${ARN}/*` }],
    ['Condition', { ...statement, Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } }],
    ['Principal', { ...statement, Principal: '*' }],
  ])('refuses a statement using %s instead of ignoring it', (element, bad) => {
    // Prepare
    const document = { Version: '2012-10-17', Statement: [JSON.parse(JSON.stringify(bad))] };

    // Act
    const act = () => decidePolicy(document as never, `${ARN}/GET/x`);

    // Assess
    expect(policyProblem(document)).toBe(`Statement[0] uses ${element}, which the gateway does not evaluate`);
    expect(act).toThrow(PolicyConfigurationError);
    expect(act).toThrow(expect.objectContaining({ code: 'policy_configuration' }));
  });

  const V = '2012-10-17';
  it.each([
    ['null', null, 'policyDocument is not an object'],
    ['no Version', { Statement: [statement] }, 'policyDocument.Version is not 2012-10-17 or 2008-10-17'],
    [
      'an unknown Version',
      { Version: '2012-10-18', Statement: [statement] },
      'policyDocument.Version is not 2012-10-17 or 2008-10-17',
    ],
    [
      'an unknown element',
      { Version: V, Statement: [statement], Extra: 1 },
      'policyDocument has an unknown element Extra',
    ],
    ['no Statement', { Version: V }, 'Statement[0] is not an object'],
    ['a string statement', { Version: V, Statement: ['x'] }, 'Statement[0] is not an object'],
    [
      'Effect "allow"',
      { Version: V, Statement: [{ ...statement, Effect: 'allow' }] },
      'Statement[0] has an Effect other than Allow or Deny',
    ],
    [
      'an empty Action list',
      { Version: V, Statement: [{ ...statement, Action: [] }] },
      'Statement[0] has an invalid Action: not a non-empty string or list of them',
    ],
    [
      'a number Resource',
      { Version: V, Statement: [{ ...statement, Resource: 7 }] },
      'Statement[0] has an invalid Resource: not a non-empty string or list of them',
    ],
    [
      'an empty Resource',
      { Version: V, Statement: [{ ...statement, Resource: [''] }] },
      'Statement[0] has an invalid Resource: not a non-empty string or list of them',
    ],
    [
      'a number Sid',
      { Version: V, Statement: [{ ...statement, Sid: 3 }] },
      'Statement[0] has a Sid that is not a string',
    ],
    [
      'a misspelt element',
      { Version: V, Statement: [statement, { ...statement, Effects: 'Allow' }] },
      'Statement[1] has an unknown element Effects',
    ],
  ])('names the problem of a policy with %s', (_label, document, problem) => {
    // Prepare / Act / Assess
    expect(policyProblem(document)).toBe(problem);
  });

  it('accepts both policy-language versions, an Id, a Sid and an empty Statement list (which denies)', () => {
    // Prepare
    const old = { Version: '2008-10-17', Id: 'p', Statement: [{ ...statement, Sid: 's1' }] };
    const empty = { Version: '2012-10-17', Statement: [] };

    // Act / Assess
    expect(policyProblem(old)).toBeUndefined();
    expect(evaluatePolicy(old as IamPolicyDocument, `${ARN}/GET/x`)).toBe('Allow');
    expect(decidePolicy(empty, `${ARN}/GET/x`).verdict).toBe('ImplicitDeny');
  });
});
