// The deployed pool on the packaged template: the sign-in flows the SDK needs, and the PostConfirmation trigger wiring.
/* eslint-disable @typescript-eslint/no-explicit-any -- CloudFormation JSON is untyped; these tests probe it. */
import { loadPackagedTemplate } from '../../scripts/gateway/packaged-template';
import { deploymentEnv } from '../../scripts/serverless/run-package';

type Resources = Record<string, { Type: string; Properties?: Record<string, any>; DependsOn?: string | string[] }>;
let resources: Resources;

beforeAll(async () => {
  // The deployable stage, as `sls deploy --stage dev` builds it (cached in .gateway-cache/ by its inputs' hash).
  const template = (await loadPackagedTemplate({ stage: 'dev', env: deploymentEnv() })) as { Resources: Resources };
  resources = template.Resources;
}, 180_000);

const props = (id: string): Record<string, any> => {
  const found = resources[id];
  if (!found) throw new Error(`no resource ${id}`);
  return found.Properties ?? {};
};
const getAtt = (id: string) => ({ 'Fn::GetAtt': [id, 'Arn'] });

/** The logical ids a value names: Ref, Fn::GetAtt and Fn::Sub's ${Id} / ${Id.Attr} (pseudo-parameters excluded). */
function namedIds(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => namedIds(v, into));
  else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (key === 'Ref' && typeof v === 'string') into.add(v);
      else if (key === 'Fn::GetAtt') into.add(Array.isArray(v) ? String(v[0]) : String(v).split('.')[0]!);
      else if (key === 'Fn::Sub') {
        const text = Array.isArray(v) ? String(v[0]) : String(v);
        for (const [, name] of text.matchAll(/\$\{([^}!.]+)[^}]*\}/g)) into.add(name as string);
        namedIds(v, into);
      } else namedIds(v, into);
    }
  }
  return into;
}

/** A dependency cycle among resources (what CloudFormation refuses to deploy), or undefined. */
function findCycle(all: Resources): string[] | undefined {
  const edges = new Map<string, string[]>();
  for (const [id, r] of Object.entries(all)) {
    const dependsOn = r.DependsOn === undefined ? [] : [r.DependsOn].flat();
    edges.set(
      id,
      [...namedIds(r.Properties), ...dependsOn].filter((d) => d in all),
    );
  }
  const state = new Map<string, 'open' | 'done'>();
  const visit = (id: string, path: string[]): string[] | undefined => {
    if (state.get(id) === 'open') return [...path.slice(path.indexOf(id)), id];
    if (state.get(id) === 'done') return undefined;
    state.set(id, 'open');
    for (const next of edges.get(id) ?? []) {
      const cycle = visit(next, [...path, id]);
      if (cycle) return cycle;
    }
    state.set(id, 'done');
    return undefined;
  };
  for (const id of edges.keys()) {
    const cycle = visit(id, []);
    if (cycle) return cycle;
  }
  return undefined;
}

describe('the app client', () => {
  it("allows the SDK's default SRP flow, the password flow and refresh, and no secret", () => {
    // Assess
    expect(props('UserPoolClient')).toMatchObject({ GenerateSecret: false, UserPoolId: { Ref: 'UserPool' } });
    expect([...props('UserPoolClient').ExplicitAuthFlows].sort()).toEqual([
      'ALLOW_REFRESH_TOKEN_AUTH',
      'ALLOW_USER_PASSWORD_AUTH',
      'ALLOW_USER_SRP_AUTH',
    ]);
  });
});

describe('the PostConfirmation trigger', () => {
  it("is the pool's PostConfirmation function, with the sign-up group and no pool id of its own", () => {
    // Act
    const trigger = props('UserPool').LambdaConfig;
    const fn = props('PostConfirmationLambdaFunction');

    // Assess
    expect(trigger).toEqual({ PostConfirmation: getAtt('PostConfirmationLambdaFunction') });
    expect(fn.Handler).toMatch(/post-confirmation\.handler$/);
    expect(fn.Environment.Variables).toMatchObject({ SIGNUP_GROUP: 'readers' });
    expect(fn.Environment.Variables).not.toHaveProperty('USER_POOL_ID');
    expect(fn.Role).toEqual(getAtt('PostConfirmationRole'));
    // Cognito gives a trigger 5 s; a longer timeout would only hide a hung call behind Cognito's own failure.
    expect(fn.Timeout).toBe(5);
  });

  it('may be invoked by Cognito for this pool only', () => {
    // Act
    const permissions = Object.entries(resources).filter(
      ([, r]) =>
        r.Type === 'AWS::Lambda::Permission' &&
        JSON.stringify(r.Properties?.FunctionName).includes('PostConfirmationLambdaFunction'),
    );

    // Assess
    expect(permissions.map(([, r]) => r.Properties)).toEqual([
      {
        Action: 'lambda:InvokeFunction',
        FunctionName: getAtt('PostConfirmationLambdaFunction'),
        Principal: 'cognito-idp.amazonaws.com',
        SourceArn: getAtt('UserPool'),
      },
    ]);
  });

  it('may only add users to groups, of this pool, and nothing else besides its own logs', () => {
    // Prepare
    const policies = Object.entries(resources).filter(([, r]) => r.Type === 'AWS::IAM::Policy');
    const roleStatements = props('PostConfirmationRole').Policies.flatMap((p: any) => p.PolicyDocument.Statement);

    // Assess: the one stand-alone policy is the trigger's, and its role itself holds only log actions.
    expect(policies.map(([, r]) => r.Properties)).toEqual([
      {
        PolicyName: 'postConfirmationGroup',
        Roles: [{ Ref: 'PostConfirmationRole' }],
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: ['cognito-idp:AdminAddUserToGroup'], Resource: [getAtt('UserPool')] }],
        },
      },
    ]);
    expect(roleStatements.flatMap((s: any) => s.Action)).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents']);
  });

  it('is not reachable over HTTP', () => {
    // Act
    const integrations = Object.values(resources)
      .filter((r) => r.Type === 'AWS::ApiGateway::Method')
      .map((r) => JSON.stringify(r.Properties?.Integration ?? {}));

    // Assess
    expect(integrations.length).toBeGreaterThan(0);
    for (const integration of integrations) expect(integration).not.toContain('PostConfirmationLambdaFunction');
  });

  it('leaves the template free of dependency cycles (the pool names the function, the function its role)', () => {
    // Assess
    expect(findCycle(resources)).toBeUndefined();
    // The check itself finds the cycle a statement naming the pool inside the trigger's role would make.
    const withCycle: Resources = {
      ...resources,
      PostConfirmationRole: {
        Type: 'AWS::IAM::Role',
        Properties: { Policies: [{ PolicyDocument: { Statement: [{ Resource: [getAtt('UserPool')] }] } }] },
      },
    };
    expect(findCycle(withCycle)).toEqual(
      expect.arrayContaining(['UserPool', 'PostConfirmationLambdaFunction', 'PostConfirmationRole']),
    );
  });
});
