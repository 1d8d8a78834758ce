// The test IAM evaluator's three wildcard models, pinned on the examples the policy proofs depend on.
import { evaluatePolicy, globMatches } from '../../helpers/iam-evaluator';

const ARN = 'arn:aws:execute-api:eu-west-1:123456789012:api/prod';

describe('globMatches', () => {
  it('spanning: "*" matches any run, "/" and ":" included', () => {
    expect(globMatches(`${ARN}/GET/comments/*/likes`, `${ARN}/GET/comments/urn:c:7/likes`)).toBe(true);
    expect(globMatches(`${ARN}/GET/comments/*/likes`, `${ARN}/GET/comments/1/2/likes`)).toBe(true);
    expect(globMatches(`${ARN}/GET/comments/?`, `${ARN}/GET/comments/1`)).toBe(true);
  });

  it('colon: a mid-segment "*" stops at ":", one that ends a segment or the pattern spans it', () => {
    expect(globMatches(`${ARN}/GET/comments/*`, `${ARN}/GET/comments/urn:c:7/likes`, 'colon')).toBe(true);
    expect(globMatches(`${ARN}/GET/comments/*/likes`, `${ARN}/GET/comments/urn:c:7/likes`, 'colon')).toBe(false);
    expect(globMatches(`${ARN}/GET/comments/*:*/likes`, `${ARN}/GET/comments/urn:c:7/likes`, 'colon')).toBe(true);
    expect(globMatches(`${ARN}/GET/comments/*/likes`, `${ARN}/GET/comments/1/2/likes`, 'colon')).toBe(true);
    expect(globMatches('arn:aws:execute-api:*:123456789012:api/prod/GET/x', `${ARN}/GET/x`, 'colon')).toBe(true);
    expect(globMatches(`${ARN}/GET/?`, `${ARN}/GET/:`, 'colon')).toBe(false);
  });

  it('segment: only the trailing "*" matches "/"', () => {
    expect(globMatches(`${ARN}/GET/comments/*/likes`, `${ARN}/GET/comments/1/2/likes`, 'segment')).toBe(false);
    expect(globMatches(`${ARN}/GET/comments/*/likes`, `${ARN}/GET/comments/urn:c:7/likes`, 'segment')).toBe(true);
    expect(globMatches(`${ARN}/GET/comments/*`, `${ARN}/GET/comments/1/likes`, 'segment')).toBe(true);
  });

  it('treats regular-expression characters in a pattern as literals', () => {
    expect(globMatches(`${ARN}/GET/a.b`, `${ARN}/GET/aXb`)).toBe(false);
    expect(globMatches(`${ARN}/GET/a+`, `${ARN}/GET/aa`)).toBe(false);
  });
});

describe('evaluatePolicy', () => {
  const document = {
    Version: '2012-10-17' as const,
    Statement: [
      { Action: 'execute-api:Invoke' as const, Effect: 'Allow' as const, Resource: [`${ARN}/GET/comments/*`] },
      { Action: 'execute-api:Invoke' as const, Effect: 'Deny' as const, Resource: [`${ARN}/GET/comments/*/likes`] },
    ],
  };

  it('lets an explicit Deny win, denies by default, and differs by model exactly where the colon rule bites', () => {
    expect(evaluatePolicy(document, `${ARN}/GET/comments/1`)).toBe('Allow');
    expect(evaluatePolicy(document, `${ARN}/GET/comments/1/likes`)).toBe('Deny');
    expect(evaluatePolicy(document, `${ARN}/POST/comments`)).toBe('Deny');
    expect(evaluatePolicy(document, `${ARN}/GET/comments/urn:c:7/likes`, 'spanning')).toBe('Deny');
    expect(evaluatePolicy(document, `${ARN}/GET/comments/urn:c:7/likes`, 'segment')).toBe('Deny');
    // The reviewed over-grant: this Allow/Deny pair, as the builder wrote it before colonSafe.
    expect(evaluatePolicy(document, `${ARN}/GET/comments/urn:c:7/likes`, 'colon')).toBe('Allow');
  });
});
