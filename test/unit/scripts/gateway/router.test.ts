// createRouter: API Gateway's resolution (literal over {param} over {greedy+}, verb over ANY) and path parameters.
import { createRouter } from '../../../../scripts/gateway/router';

const methods = [
  { httpMethod: 'GET', path: '/comments' },
  { httpMethod: 'GET', path: '/comments/{id}' },
  { httpMethod: 'GET', path: '/comments/new' },
  { httpMethod: 'ANY', path: '/files/{proxy+}' },
  { httpMethod: 'OPTIONS', path: '/comments' },
];

describe('createRouter', () => {
  const route = createRouter(methods);

  it('prefers a literal segment to a parameter, and fills path parameters URL-decoded', () => {
    expect(route('GET', '/comments/new')?.resource).toBe('/comments/new');
    expect(route('GET', '/comments/urn%3Ac%3A7')).toMatchObject({
      resource: '/comments/{id}',
      pathParameters: { id: 'urn:c:7' },
    });
    expect(route('GET', '/comments')).toMatchObject({ resource: '/comments', pathParameters: null });
  });

  it('gives a greedy parameter the rest of the path, for any verb of an ANY method', () => {
    expect(route('DELETE', '/files/a/b/c.txt')).toMatchObject({
      resource: '/files/{proxy+}',
      pathParameters: { proxy: 'a/b/c.txt' },
    });
  });

  it('matches nothing for an unknown resource or a method the resource lacks', () => {
    expect(route('GET', '/unknown')).toBeUndefined();
    expect(route('POST', '/comments')).toBeUndefined();
    expect(route('GET', '/files')).toBeUndefined();
  });

  it('ignores one trailing slash and keeps an undecodable value as sent', () => {
    expect(route('GET', '/comments/')?.resource).toBe('/comments');
    expect(route('GET', '/comments/%E0%A4%A')?.pathParameters).toEqual({ id: '%E0%A4%A' });
  });
});
