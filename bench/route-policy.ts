// The floor's and the peer's route policy: Allow each manifest route whose permissions the token's scopes hold, Deny the rest.
import { authorizedRoutes } from '../shared/route-manifest';

export interface RoutePolicyDocument {
  Version: '2012-10-17';
  Statement: Array<{ Action: 'execute-api:Invoke'; Effect: 'Allow' | 'Deny'; Resource: string[] }>;
}

const MEMO_LIMIT = 256;

/**
 * Like ours, the document covers every route, so API Gateway may cache it by token; unlike ours, no IAM-glob
 * analysis (a plain list is enough for the manifest's routes). Memoized by stage prefix and scope string, as any
 * authorizer serving the same few permission sets would.
 */
export function createRoutePolicy(
  routes = authorizedRoutes(),
): (methodArn: string, scope: unknown) => RoutePolicyDocument {
  const resources = routes.map((r) => ({
    resource: `${r.method === 'ANY' ? '*' : r.method}${r.path.replace(/\{[^}]+\}/g, '*')}`,
    permissions: r.permissions,
  }));
  const memo = new Map<string, RoutePolicyDocument>();
  return (methodArn, scope) => {
    // arn:aws:execute-api:{region}:{account}:{api}/{stage}/{verb}/{path}: the prefix ends at the stage.
    const slash = methodArn.indexOf('/', methodArn.indexOf('/') + 1);
    const prefix = slash < 0 ? methodArn : methodArn.slice(0, slash);
    const scopes = typeof scope === 'string' ? scope : '';
    const key = `${prefix} ${scopes}`;
    const known = memo.get(key);
    if (known) return known;
    const held = new Set(scopes.split(' '));
    const allow: string[] = [];
    const deny: string[] = [];
    for (const r of resources) (r.permissions.every((p) => held.has(p)) ? allow : deny).push(`${prefix}/${r.resource}`);
    const Statement: RoutePolicyDocument['Statement'] = [];
    if (allow.length > 0) Statement.push({ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: allow });
    if (allow.length === 0) Statement.push({ Action: 'execute-api:Invoke', Effect: 'Deny', Resource: [`${prefix}/*`] });
    else if (deny.length > 0) Statement.push({ Action: 'execute-api:Invoke', Effect: 'Deny', Resource: deny });
    const document: RoutePolicyDocument = { Version: '2012-10-17', Statement };
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(key, document);
    return document;
  };
}
