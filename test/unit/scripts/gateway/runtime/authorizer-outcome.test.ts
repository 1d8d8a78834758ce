// From an authorizer invocation to the gateway's decision: 401, 500s, 403 (explicit or implicit) or proceed.
import fc from 'fast-check';
import type { Invocation } from '../../../../../scripts/gateway/lambda-client';
import {
  decideInvocation,
  decideOutput,
  type AuthorizerInvocation,
} from '../../../../../scripts/gateway/runtime/authorizer-outcome';
import type { AuthorizerOutput } from '../../../../../scripts/gateway/runtime/authorizer-output';
import {
  decodeAuthContext,
  encodeAuthContext,
  qualifyIdentity,
  type AuthIdentity,
} from '../../../../../shared/auth-context';

const PREFIX = 'arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/prod';
const arn = (verb: string, path: string) => `${PREFIX}/${verb}${path}`;

function output(statements: object[], context: Record<string, string | number | boolean> = {}): AuthorizerOutput {
  return { principalId: 'user-1', policyDocument: { Version: '2012-10-17', Statement: statements as never }, context };
}
const allowComments = { Effect: 'Allow', Action: 'execute-api:Invoke', Resource: [`${PREFIX}/GET/comments`] };
const denyDelete = { Effect: 'Deny', Action: 'execute-api:Invoke', Resource: [`${PREFIX}/DELETE/*`] };

describe('decideInvocation: failures', () => {
  it('answers 401 UNAUTHORIZED for an error whose message is exactly "Unauthorized"', () => {
    // Prepare
    const invocation: AuthorizerInvocation = { kind: 'error', errorMessage: 'Unauthorized', errorType: 'Error' };

    // Act
    const decision = decideInvocation(invocation, arn('GET', '/comments'));

    // Assess
    expect(decision).toEqual({ kind: 'reject', responseType: 'UNAUTHORIZED', message: 'Unauthorized' });
  });

  it.each(['unauthorized', 'Unauthorized.', 'Unauthorized: token expired', ' Unauthorized', 'Forbidden', ''])(
    'answers AUTHORIZER_FAILURE, message null, for the error message %j',
    (errorMessage) => {
      // Prepare / Act
      const decision = decideInvocation({ kind: 'error', errorMessage }, arn('GET', '/comments'));

      // Assess
      expect(decision).toEqual({ kind: 'reject', responseType: 'AUTHORIZER_FAILURE', message: null });
    },
  );

  it('answers AUTHORIZER_FAILURE for an error payload without a string message, and for a timeout', () => {
    // Prepare / Act / Assess
    expect(decideInvocation({ kind: 'error', errorMessage: undefined }, arn('GET', '/x'))).toMatchObject({
      responseType: 'AUTHORIZER_FAILURE',
    });
    expect(decideInvocation({ kind: 'timeout' }, arn('GET', '/x'))).toEqual({
      kind: 'reject',
      responseType: 'AUTHORIZER_FAILURE',
      message: null,
    });
  });

  it('answers AUTHORIZER_CONFIGURATION_ERROR with the problem for a malformed output, and nothing to cache', () => {
    // Prepare
    const payload = {
      principalId: 'user-1',
      policyDocument: output([allowComments]).policyDocument,
      context: { a: [] },
    };

    // Act
    const decision = decideInvocation({ kind: 'ok', payload }, arn('GET', '/comments'));

    // Assess
    expect(decision).toEqual({
      kind: 'reject',
      responseType: 'AUTHORIZER_CONFIGURATION_ERROR',
      message: null,
      problem: 'context.a is not a string, number or boolean',
    });
  });

  it('takes the Lambda client’s invocation type as it is', () => {
    // Prepare: a compile-time check that scripts/gateway/lambda-client.ts needs no adapter.
    const fromClient: Invocation = { kind: 'error', errorMessage: 'Unauthorized', errorType: 'Error' };

    // Act
    const decision = decideInvocation(fromClient, arn('GET', '/comments'));

    // Assess
    expect(decision.kind === 'reject' && decision.responseType).toBe('UNAUTHORIZED');
  });
});

describe('decideInvocation / decideOutput: the policy at the method ARN', () => {
  it('proceeds on Allow, with the context stringified and principalId for the backend', () => {
    // Prepare
    const payload = output([allowComments], { admin: true, expiresAt: 3, provider: 'pool' });

    // Act
    const decision = decideInvocation({ kind: 'ok', payload }, arn('GET', '/comments'));

    // Assess
    expect(decision).toEqual({
      kind: 'allow',
      output: payload,
      authorizer: { admin: 'true', expiresAt: '3', provider: 'pool', principalId: 'user-1' },
      divergent: false,
    });
  });

  it('answers ACCESS_DENIED with the explicit-deny message and the context for the 403 template', () => {
    // Prepare
    const payload = output([{ ...allowComments, Resource: [`${PREFIX}/*`] }, denyDelete], {
      error: 'insufficient_scope',
    });

    // Act
    const decision = decideInvocation({ kind: 'ok', payload }, arn('DELETE', '/comments/1'));

    // Assess
    expect(decision).toEqual({
      kind: 'reject',
      responseType: 'ACCESS_DENIED',
      message: 'User is not authorized to access this resource with an explicit deny',
      output: payload,
      authorizer: { error: 'insufficient_scope', principalId: 'user-1' },
      divergent: false,
    });
  });

  it('answers ACCESS_DENIED with the implicit-deny message when nothing allows the ARN', () => {
    // Prepare / Act
    const decision = decideOutput(output([allowComments]), arn('POST', '/comments'));

    // Assess
    expect(decision).toMatchObject({
      responseType: 'ACCESS_DENIED',
      message: 'User is not authorized to access this resource',
    });
  });

  it('shows the cached-policy bug: a policy naming only the first method ARN denies every other route', () => {
    // Prepare: the Auth0-sample policy, Allow event.methodArn only, reused from the cache for another route.
    const cached = output([{ ...allowComments, Resource: arn('GET', '/comments') }]);

    // Act
    const first = decideOutput(cached, arn('GET', '/comments'));
    const second = decideOutput(cached, arn('GET', '/comments/1'));

    // Assess
    expect(first.kind).toBe('allow');
    expect(second).toMatchObject({ kind: 'reject', responseType: 'ACCESS_DENIED' });
  });

  it('evaluates at the concrete path and refuses what one wildcard reading would let through', () => {
    // Prepare: the colon rule lets the trailing "*" reach urn:c:7/likes past the mid-pattern Deny.
    const payload = output([
      { Effect: 'Allow', Action: 'execute-api:Invoke', Resource: `${PREFIX}/GET/comments/*` },
      { Effect: 'Deny', Action: 'execute-api:Invoke', Resource: `${PREFIX}/GET/comments/*/likes` },
    ]);

    // Act
    const decision = decideOutput(payload, arn('GET', '/comments/urn:c:7/likes'));

    // Assess
    expect(decision).toMatchObject({ kind: 'reject', responseType: 'ACCESS_DENIED', divergent: true });
  });
});

describe('the context contract through the gateway', () => {
  const text = fc.string({ minLength: 1, maxLength: 20 });
  const identity: fc.Arbitrary<AuthIdentity> = fc
    .record({
      principalId: text,
      provider: text,
      issuer: text,
      permissions: fc.uniqueArray(fc.stringMatching(/^[\x21-\x7e]{1,12}$/), { maxLength: 6 }),
      expiresAt: fc.integer({ min: 0, max: 4_000_000_000 }),
      claims: fc.dictionary(fc.stringMatching(/^[A-Za-z0-9_]{1,10}$/), fc.string({ maxLength: 20 }), { maxKeys: 3 }),
    })
    .map((x) => ({ ...x, userId: qualifyIdentity(x.issuer, x.principalId), permissions: [...x.permissions].sort() }));

  it('delivers what shared/auth-context.ts decodes back to the identity the authorizer encoded', () => {
    fc.assert(
      fc.property(identity, (x) => {
        // Prepare: the real encoder, then the Lambda Invoke API's JSON.
        const { principalId, context } = encodeAuthContext(x, { maxBytes: 8192 });
        const payload = JSON.parse(JSON.stringify({ ...output([allowComments]), principalId, context }));

        // Act
        const decision = decideInvocation({ kind: 'ok', payload }, arn('GET', '/comments'));

        // Assess
        expect(decision.kind).toBe('allow');
        expect(decodeAuthContext(decision.authorizer)).toEqual(x);
      }),
      { numRuns: 300 },
    );
  });
});
