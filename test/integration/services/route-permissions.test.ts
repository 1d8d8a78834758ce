// Every deployed handler checks exactly the permissions the route manifest gives its route: derived, never restated.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { APIGatewayProxyResult, Context } from 'aws-lambda';
import { createCommentsTable } from '../../../services/comments/table';
import { ROUTE_MANIFEST, type RouteEntry } from '../../../shared/route-manifest';
import type { HttpEvent } from '../../../shared/http/http-event';
import { deliveredContext } from '../../helpers/authorizer-output';
import { restEvent } from '../../helpers/http-events';
import { lambdaContext } from '../../helpers/lambda-context';

type Handler = (event: HttpEvent, context: Context) => Promise<APIGatewayProxyResult>;
const ROOT = path.resolve(__dirname, '../../..');

/** function name → its handler module and export, as serverless.yml deploys it. */
function deployedHandlers(): Map<string, { module: string; name: string }> {
  const yml = readFileSync(path.join(ROOT, 'serverless.yml'), 'utf8');
  const found = new Map<string, { module: string; name: string }>();
  for (const [, fn, handler] of yml.matchAll(/^ {2}(\w+):\n {4}handler: (\S+)$/gm)) {
    const dot = (handler as string).lastIndexOf('.');
    found.set(fn as string, { module: (handler as string).slice(0, dot), name: (handler as string).slice(dot + 1) });
  }
  return found;
}

const protectedRoutes = (ROUTE_MANIFEST as readonly RouteEntry[]).filter(
  (r) => !r.public && (r.permissions ?? []).length > 0,
);

beforeAll(async () => {
  // The table the module-scope handlers find through TABLE_NAME, so a permitted call gets a real answer.
  const client = new DynamoDBClient({});
  await createCommentsTable(client, process.env.TABLE_NAME as string);
  client.destroy();
});

describe('handlers follow the route manifest', () => {
  const handlers = deployedHandlers();

  it('every manifest route names a function that serverless.yml deploys', () => {
    for (const route of ROUTE_MANIFEST)
      expect([route.function, handlers.has(route.function)]).toEqual([route.function, true]);
  });

  it.each(protectedRoutes.flatMap((r) => (r.permissions ?? []).map((p) => [`${r.method} ${r.path}`, p, r] as const)))(
    '%s answers 403 to an identity holding every manifest permission but %s, and not 403 to one holding them all',
    async (_key, withheld, route) => {
      // Prepare
      const target = handlers.get(route.function)!;
      const handler = (await import(path.join(ROOT, target.module)))[target.name] as Handler;
      const event = (permissions: string[]) =>
        restEvent({
          method: route.method,
          path: route.path.replace('{id}', 'c-1'),
          resource: route.path,
          ...(route.path.includes('{id}') ? { pathParameters: { id: 'c-1' } } : {}),
          authorizer: deliveredContext({ principalId: 'p', permissions }),
        });
      const all = [...(route.permissions ?? [])];

      // Act
      const without = await handler(event(all.filter((p) => p !== withheld)), lambdaContext());
      const withAll = await handler(event(all), lambdaContext());

      // Assess
      expect(without.statusCode).toBe(403);
      expect(JSON.parse(without.body)).toEqual({
        error: 'insufficient_scope',
        message: `Missing permission: ${withheld}`,
      });
      expect(withAll.statusCode).not.toBe(403);
      expect(withAll.statusCode).toBeLessThan(500);
    },
  );
});
