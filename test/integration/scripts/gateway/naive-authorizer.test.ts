// The gateway's authorizer step with a stand-in authorizer: the result cache bites a naive one (Allow on
// event.methodArn only) on the second route; the validation regex refuses before any invocation.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createGateway } from '../../../../scripts/gateway/gateway';
import type { GatewayRequest } from '../../../../scripts/gateway/incoming';
import type { Invocation, LambdaClient } from '../../../../scripts/gateway/lambda-client';
import type { GatewayModel } from '../../../../scripts/gateway/model/gateway-model';
import { gatewayModelOf } from '../../../../scripts/gateway/model/read-template';

const TEMPLATE = path.resolve(__dirname, '../../../fixtures/gateway/packaged-template.json');

/** The tutorial authorizer this product exists to replace: its policy allows only the ARN of the call at hand. */
async function naiveAuthorizer(event: { methodArn: string }): Promise<unknown> {
  return {
    principalId: 'user-1',
    policyDocument: {
      Version: '2012-10-17',
      Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: event.methodArn }],
    },
  };
}

/** A Lambda runtime in this process: the authorizer above and a backend answering 200 for every route. */
function runtime(model: GatewayModel): LambdaClient & { calls: string[] } {
  const authorizerName = Object.values(model.authorizers)[0]!.lambda.functionName;
  const calls: string[] = [];
  return {
    calls,
    async invoke(name: string, event: unknown): Promise<Invocation> {
      calls.push(name);
      if (name === authorizerName)
        return { kind: 'ok', payload: await naiveAuthorizer(event as { methodArn: string }) };
      return { kind: 'ok', payload: { statusCode: 200, headers: {}, body: '{"ok":true}' } };
    },
    close() {},
  };
}

function request(method: string, requestPath: string): GatewayRequest {
  const headers = { Authorization: 'Bearer a.b.c', 'Content-Type': 'application/json' };
  return {
    method,
    path: requestPath,
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
    query: null,
    multiValueQuery: null,
    body: method === 'POST' ? '{"text":"x"}' : null,
    isBase64Encoded: false,
    sourceIp: '127.0.0.1',
  };
}

function modelWith(change: { resultTtlInSeconds?: number; identityValidationExpression?: string }): GatewayModel {
  const model = gatewayModelOf(JSON.parse(readFileSync(TEMPLATE, 'utf8')));
  const authorizers = Object.fromEntries(Object.entries(model.authorizers).map(([id, a]) => [id, { ...a, ...change }]));
  return { ...model, authorizers };
}

const modelWithTtl = (ttl: number) => modelWith({ resultTtlInSeconds: ttl });

describe('a naive authorizer under the local result cache', () => {
  it('gets 200 on the first route and 403 on the second: the cached policy names only the first ARN', async () => {
    // Prepare
    const model = modelWithTtl(300);
    const lambda = runtime(model);
    const gateway = createGateway({ model, lambda });

    // Act
    const first = await gateway(request('GET', '/comments'));
    const second = await gateway(request('POST', '/comments'));

    // Assess
    expect(first.statusCode).toBe(200);
    expect(second.statusCode).toBe(403);
    expect(lambda.calls.filter((n) => n.endsWith('-authorizer'))).toHaveLength(1);
  });

  it('passes both routes with caching off (TTL 0), which is why a local stack without a cache hides the bug', async () => {
    // Prepare
    const model = modelWithTtl(0);
    const lambda = runtime(model);
    const gateway = createGateway({ model, lambda });

    // Act
    const first = await gateway(request('GET', '/comments'));
    const second = await gateway(request('POST', '/comments'));

    // Assess
    expect([first.statusCode, second.statusCode]).toEqual([200, 200]);
    expect(lambda.calls.filter((n) => n.endsWith('-authorizer'))).toHaveLength(2);
  });
});

describe("the authorizer's identity validation expression", () => {
  it("answers a header the template's expression refuses 401 without invoking the authorizer", async () => {
    // Prepare
    const model = modelWithTtl(300);
    const lambda = runtime(model);
    const gateway = createGateway({ model, lambda });
    const basic = { ...request('GET', '/comments'), headers: { Authorization: 'Basic dXNlcjpwdw==' } };

    // Act
    const refused = await gateway(basic);

    // Assess
    expect(refused.statusCode).toBe(401);
    expect(lambda.calls).toEqual([]);
  });

  it('warns about an unanchored expression (AWS does not say whether it must match the whole header)', () => {
    // Prepare
    const warnings: string[] = [];
    const warn = (line: string) => warnings.push(line);
    const anchored = modelWithTtl(300);
    const unanchored = modelWith({ identityValidationExpression: 'Bearer [A-Za-z0-9._-]+' });

    // Act
    createGateway({ model: anchored, lambda: runtime(anchored), warn });
    const quiet = warnings.length;
    createGateway({ model: unanchored, lambda: runtime(unanchored), warn });

    // Assess
    expect(quiet).toBe(0);
    expect(warnings).toEqual([expect.stringContaining('IdentityValidationExpression is not anchored')]);
  });
});
