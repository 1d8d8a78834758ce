// withHttp through the real Middy engine: whole responses for success, auth failures, body and query errors, CORS.
import { z } from 'zod';
import { NotFoundError } from '../../../../shared/errors';
import type { HttpSettings } from '../../../../shared/http/http-settings';
import { ok } from '../../../../shared/http/responses';
import type { ProtectedRouteKey } from '../../../../shared/route-manifest';
import { withHttp, withPublicHttp, type HttpRequest } from '../../../../shared/http/with-http';
import { deliveredContext } from '../../../helpers/authorizer-output';
import { captureLogger } from '../../../helpers/capture-logger';
import { httpApiV2Event, jsonRequest, restEvent, type RestEventOptions } from '../../../helpers/http-events';
import { lambdaContext } from '../../../helpers/lambda-context';

const settings: HttpSettings = {
  cors: { origins: ['https://app.example.com'], credentials: false },
  maxBodyBytes: 1024,
};
const NOW = Date.UTC(2026, 10, 23, 12);
const bodySchema = z.object({ text: z.string().trim().min(1).max(20) });

function setup(options: { route?: ProtectedRouteKey } = {}) {
  const logger = captureLogger();
  const seen: Array<HttpRequest<unknown, unknown>> = [];
  const handler = withHttp(
    { operation: 'test.echo', route: 'GET /me', body: bodySchema, settings, logger, now: () => NOW, ...options },
    async (request) => {
      seen.push(request);
      return ok({ you: request.auth.principalId, body: request.body });
    },
  );
  const call = async (event: RestEventOptions) => {
    const response = await handler(restEvent(event), lambdaContext());
    return { ...response, json: response.body ? JSON.parse(response.body) : undefined };
  };
  return { handler, call, logger, seen };
}

describe('withHttp', () => {
  it('runs the handler with the typed identity and the validated body, and adds CORS headers', async () => {
    const { call, seen } = setup();
    const response = await call(jsonRequest({ text: '  hi  ' }));
    expect(response).toEqual({
      statusCode: 200,
      headers: {
        'Content-Type': 'application/json',
        'Access-Control-Allow-Origin': 'https://app.example.com',
        Vary: 'Origin',
      },
      body: JSON.stringify({ you: 'user-1', body: { text: 'hi' } }),
      json: { you: 'user-1', body: { text: 'hi' } },
    });
    expect(seen[0]?.auth).toEqual({
      principalId: 'user-1',
      userId: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123#user-1',
      provider: 'pool',
      issuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123',
      clientId: 'client-1',
      tokenUse: 'access',
      permissions: ['comments:read', 'comments:write'],
      expiresAt: 4102444800,
      claims: { name: 'Alice' },
    });
  });

  it('gives no Allow-Origin to an origin that is not configured', async () => {
    const { call } = setup();
    const response = await call({
      ...jsonRequest({ text: 'x' }),
      headers: { 'Content-Type': 'application/json', Origin: 'https://evil.example' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers).not.toHaveProperty('Access-Control-Allow-Origin');
  });

  it('reads the HTTP API v2 authorizer shape (requestContext.authorizer.lambda)', async () => {
    const logger = captureLogger();
    const handler = withHttp(
      { operation: 'test.me', route: 'GET /me', settings, logger, now: () => NOW },
      async ({ auth }) => ok(auth),
    );
    const response = await handler(httpApiV2Event(), lambdaContext());
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({
      principalId: 'user-2',
      provider: 'okta',
      permissions: ['comments:read'],
    });
  });

  describe('fails closed on the auth context', () => {
    it.each<[string, number, string, Record<string, unknown> | null]>([
      ['no authorizer at all (a misconfigured route)', 401, 'unauthorized', null],
      ['a context that breaks the contract', 401, 'unauthorized', { principalId: 'u' }],
      [
        'an expired identity served from the authorizer cache',
        401,
        'unauthorized',
        { principalId: 'u', provider: 'p', issuer: 'i', expiresAt: String(NOW / 1000 - 60) },
      ],
    ])('%s → %i %s', async (_label, status, code, authorizer) => {
      const { call, seen, logger } = setup();
      const response = await call({ ...jsonRequest({ text: 'x' }), authorizer });
      expect(response.statusCode).toBe(status);
      expect(response.json).toMatchObject({ error: code });
      expect(response.headers).toMatchObject({ 'Access-Control-Allow-Origin': 'https://app.example.com' });
      expect(seen).toHaveLength(0);
      if (authorizer === null) expect(logger.entries().some((e) => e.level === 'error')).toBe(true);
    });

    it("answers 403 when the route's manifest permissions name one the identity lacks", async () => {
      const { call, seen } = setup({ route: 'POST /comments' });
      const reader = deliveredContext({ principalId: 'rita', permissions: ['comments:read'] });
      const response = await call({ ...jsonRequest({ text: 'x' }), authorizer: reader });
      expect(response.statusCode).toBe(403);
      expect(response.json).toEqual({ error: 'insufficient_scope', message: 'Missing permission: comments:write' });
      expect(seen).toHaveLength(0);
    });
  });

  describe('body errors are 4xx with clear messages, never 500', () => {
    it.each<[string, number, string, RestEventOptions]>([
      [
        'malformed JSON',
        400,
        'malformed_json',
        { method: 'POST', body: '{"text":', headers: { 'Content-Type': 'application/json' } },
      ],
      [
        'an empty body',
        400,
        'missing_body',
        { method: 'POST', body: '', headers: { 'Content-Type': 'application/json' } },
      ],
      ['no body', 400, 'missing_body', { method: 'POST', headers: { 'Content-Type': 'application/json' } }],
      [
        'a form body',
        415,
        'unsupported_media_type',
        { method: 'POST', body: 'text=hi', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } },
      ],
      ['no content type', 415, 'unsupported_media_type', { method: 'POST', body: '{"text":"hi"}', headers: {} }],
      [
        'a body over the limit',
        413,
        'payload_too_large',
        {
          method: 'POST',
          body: JSON.stringify({ text: 'x'.repeat(2000) }),
          headers: { 'Content-Type': 'application/json' },
        },
      ],
      [
        'a base64 body over the limit',
        413,
        'payload_too_large',
        {
          method: 'POST',
          body: Buffer.from('x'.repeat(2000)).toString('base64'),
          isBase64Encoded: true,
          headers: { 'Content-Type': 'application/json' },
        },
      ],
      ['a schema violation', 400, 'invalid_body', jsonRequest({ text: '   ' })],
      ['a JSON array', 400, 'invalid_body', jsonRequest([1])],
    ])('%s → %i %s', async (_label, status, code, event) => {
      const { call, seen } = setup();
      const response = await call(event);
      expect(response.statusCode).toBe(status);
      expect(response.json.error).toBe(code);
      expect(typeof response.json.message).toBe('string');
      expect(response.headers).toMatchObject({
        'Content-Type': 'application/json',
        'Access-Control-Allow-Origin': 'https://app.example.com',
      });
      expect(seen).toHaveLength(0);
    });

    it.each(['Application/JSON', 'application/json ; charset=utf-8', 'application/vnd.api+json'])(
      'accepts the JSON media type %s however it is cased or parameterised (RFC 9110 §8.3.1)',
      async (contentType) => {
        const { call } = setup();
        const response = await call({
          method: 'POST',
          body: '{"text":"hi"}',
          headers: { 'Content-Type': contentType },
        });
        expect(response.statusCode).toBe(200);
        expect(response.json).toEqual({ you: 'user-1', body: { text: 'hi' } });
      },
    );

    it('lists field-level problems for a schema violation', async () => {
      const { call } = setup();
      const response = await call(jsonRequest({ text: 'x'.repeat(30), extra: 1 }));
      expect(response.json).toMatchObject({
        error: 'invalid_body',
        details: [{ path: 'text', message: expect.any(String) }],
      });
    });

    it('accepts a JSON content type with parameters and any header casing', async () => {
      const { call } = setup();
      const response = await call({
        method: 'POST',
        body: '{"text":"hi"}',
        headers: { 'CONTENT-TYPE': 'application/json; charset=utf-8' },
      });
      expect(response.statusCode).toBe(200);
    });
  });

  it('validates the query string', async () => {
    const handler = withHttp(
      {
        operation: 'test.query',
        route: 'GET /me',
        settings,
        logger: captureLogger(),
        now: () => NOW,
        query: z.object({ limit: z.coerce.number().int().max(5) }),
      },
      async ({ query }) => ok(query),
    );
    const bad = await handler(restEvent({ query: { limit: '50' } }), lambdaContext());
    expect(bad.statusCode).toBe(400);
    expect(JSON.parse(bad.body)).toMatchObject({ error: 'invalid_query', details: [{ path: 'limit' }] });
    const good = await handler(restEvent({ query: { limit: '3' } }), lambdaContext());
    expect(JSON.parse(good.body)).toEqual({ limit: 3 });
  });

  it('maps a thrown HttpError to its status, and any other error to a generic 500 that reveals nothing', async () => {
    const logger = captureLogger();
    let next: Error = new NotFoundError('Comment not found');
    const handler = withHttp(
      { operation: 'test.fail', route: 'GET /me', settings, logger, now: () => NOW },
      async () => {
        throw next;
      },
    );
    const notFound = await handler(restEvent(), lambdaContext());
    expect(notFound.statusCode).toBe(404);
    expect(JSON.parse(notFound.body)).toEqual({ error: 'not_found', message: 'Comment not found' });
    next = new Error('connect ECONNREFUSED dynamodb password=hunter2');
    const crash = await handler(restEvent(), lambdaContext());
    expect(crash.statusCode).toBe(500);
    expect(JSON.parse(crash.body)).toEqual({ error: 'internal', message: 'Internal server error' });
    expect(crash.headers).toMatchObject({ 'Access-Control-Allow-Origin': 'https://app.example.com' });
    expect(logger.entries().find((e) => e.message === 'request failed')).toMatchObject({
      status: 500,
      requestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
    });
  });

  it('logs one completion line per request with the request id, and never the body', async () => {
    const { call, logger } = setup();
    await call(jsonRequest({ text: 'secret-text' }));
    const done = logger.entries().filter((e) => e.message === 'request completed');
    expect(done).toEqual([
      expect.objectContaining({
        status: 200,
        operation: 'test.echo',
        requestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
        principalId: 'user-1',
      }),
    ]);
    expect(logger.lines.join('\n')).not.toContain('secret-text');
  });

  it('serves a public route without any authorizer context', async () => {
    const handler = withPublicHttp(
      { operation: 'test.public', settings, logger: captureLogger(), body: bodySchema },
      async ({ body }) => ok(body),
    );
    const response = await handler(restEvent({ ...jsonRequest({ text: 'hey' }), authorizer: null }), lambdaContext());
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ text: 'hey' });
  });
});
