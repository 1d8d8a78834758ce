// The floor's and the peer's route policy: every manifest route, allowed by the scopes it needs, denied otherwise.
import { createRoutePolicy } from '../../../bench/route-policy';

const ARN = 'arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/prod/GET/comments';
const PREFIX = 'arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/prod';

describe('createRoutePolicy', () => {
  it('allows the routes the scopes hold and denies the others, whatever route was called', () => {
    const policy = createRoutePolicy();

    const document = policy(ARN, 'comments:read');

    expect(document).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Action: 'execute-api:Invoke',
          Effect: 'Allow',
          Resource: [`${PREFIX}/GET/me`, `${PREFIX}/GET/comments`, `${PREFIX}/GET/comments/*`],
        },
        {
          Action: 'execute-api:Invoke',
          Effect: 'Deny',
          Resource: [`${PREFIX}/POST/comments`, `${PREFIX}/DELETE/comments/*`],
        },
      ],
    });
    expect(policy(`${PREFIX}/POST/comments`, 'comments:read')).toBe(document);
  });

  it('has no Deny statement when every route is held, and one Deny of the stage when none is', () => {
    const policy = createRoutePolicy([
      { method: 'GET', path: '/a', permissions: ['x'] },
      { method: 'ANY', path: '/b/{id}', permissions: ['y'] },
    ]);

    const all = policy(ARN, 'x y');
    const none = policy(ARN, 42);

    expect(all.Statement).toEqual([
      { Action: 'execute-api:Invoke', Effect: 'Allow', Resource: [`${PREFIX}/GET/a`, `${PREFIX}/*/b/*`] },
    ]);
    expect(none.Statement).toEqual([{ Action: 'execute-api:Invoke', Effect: 'Deny', Resource: [`${PREFIX}/*`] }]);
  });

  it('keys its memo by stage prefix: another stage gets its own resources', () => {
    const policy = createRoutePolicy([{ method: 'GET', path: '/a', permissions: [] }]);

    const dev = policy('arn:aws:execute-api:eu-west-1:1:api/dev/GET/a', '');
    const odd = policy('not-an-arn', '');

    expect(dev.Statement[0]?.Resource).toEqual(['arn:aws:execute-api:eu-west-1:1:api/dev/GET/a']);
    expect(odd.Statement[0]?.Resource).toEqual(['not-an-arn/GET/a']);
  });
});
