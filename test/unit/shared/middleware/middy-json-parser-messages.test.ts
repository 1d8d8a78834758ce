// Pins what @middy/http-json-body-parser throws (class, status, exact message), which shared/http/error-response.ts maps.
import middy from '@middy/core';
import httpJsonBodyParser from '@middy/http-json-body-parser';
import { HttpError as MiddyHttpError } from '@middy/util';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { describeError } from '../../../../shared/http/error-response';
import { restEvent, type RestEventOptions } from '../../../helpers/http-events';
import { lambdaContext } from '../../../helpers/lambda-context';
import { rejectionOf } from '../../../helpers/caught';

// error-response.ts recognises malformed JSON only by this exact message (Middy sends it as a 415; we answer 400), and
// any other Middy error by its numeric `statusCode`. json-body.ts's guard runs first and hands the parser the content
// type under its lower-case name. A Middy upgrade that rewords the message or renames these would turn a client's
// malformed body into a 415, or a 500, without any other test noticing the cause.
const MALFORMED = 'Invalid or malformed JSON was provided';

/** The real parser in the real engine, as with-http.ts composes it (no options), with no error handler after it. */
const parse = middy<APIGatewayProxyEvent, unknown>()
  .use(httpJsonBodyParser())
  .handler(async (event) => event.body);

const run = (options: RestEventOptions) => parse(restEvent(options), lambdaContext());

describe('@middy/http-json-body-parser 6 errors that the error mapper depends on', () => {
  it.each([
    ['a truncated JSON body', { body: '{"text":', headers: { 'content-type': 'application/json' } }],
    [
      'a body that is not JSON at all',
      { body: 'text=hi', headers: { 'content-type': 'application/json; charset=utf-8' } },
    ],
    [
      'malformed base64-encoded JSON',
      {
        body: Buffer.from('{"a":').toString('base64'),
        isBase64Encoded: true,
        headers: { 'content-type': 'application/json' },
      },
    ],
  ])('rejects %s with a 415 HttpError carrying the exact malformed-JSON message', async (_label, options) => {
    // Prepare: the event above, as the guard leaves it (lower-case content-type, a body present)

    // Act
    const err = (await rejectionOf(run(options))) as MiddyHttpError & {
      expose: boolean;
      cause: Record<string, unknown>;
    };

    // Assess
    expect(Object.getPrototypeOf(err)).toBe(MiddyHttpError.prototype);
    expect(err).toBeInstanceOf(Error);
    expect(err.message).toBe(MALFORMED);
    expect(err).toMatchObject({ name: 'UnsupportedMediaTypeError', statusCode: 415, expose: true });
    expect(err.cause).toMatchObject({ package: '@middy/http-json-body-parser' });
    expect(describeError(err)).toEqual({
      statusCode: 400,
      body: { error: 'malformed_json', message: 'The request body is not valid JSON' },
    });
  });

  it('sends a missing body with the same message (the guard answers missing_body before it can happen)', async () => {
    // Prepare
    const event = restEvent({ headers: { 'content-type': 'application/json' } });
    const { body: _absent, ...withoutBody } = event;

    // Act
    const err = (await rejectionOf(parse(withoutBody as APIGatewayProxyEvent, lambdaContext()))) as Error;

    // Assess
    expect(err.message).toBe(MALFORMED);
    expect(describeError(err).statusCode).toBe(400);
  });

  it('refuses another content type with a 415 "Unsupported Media Type", which the mapper passes on as http_415', async () => {
    // Prepare
    const options = { body: '{}', headers: { 'content-type': 'text/plain' } };

    // Act
    const err = (await rejectionOf(run(options))) as MiddyHttpError;

    // Assess
    expect(Object.getPrototypeOf(err)).toBe(MiddyHttpError.prototype);
    expect(err).toMatchObject({ message: 'Unsupported Media Type', statusCode: 415 });
    expect(describeError(err)).toEqual({
      statusCode: 415,
      body: { error: 'http_415', message: 'Unsupported Media Type' },
    });
  });

  it('compares the media type case-sensitively, unlike the guard (RFC 9110 §8.3.1 says case-insensitive)', async () => {
    // Prepare: "Application/JSON" passes json-body.ts's guard, which only copies it under the lower-case name
    const options = { body: '{}', headers: { 'content-type': 'Application/JSON' } };

    // Act
    const err = (await rejectionOf(run(options))) as MiddyHttpError;

    // Assess
    expect(err).toMatchObject({ message: 'Unsupported Media Type', statusCode: 415 });
  });

  it('reads the lower-case content-type header the guard writes, and parses a well-formed body', async () => {
    // Prepare
    const options = { body: '{"text":"hi"}', headers: { 'content-type': 'application/vnd.api+json' } };

    // Act
    const body = await run(options);

    // Assess
    expect(body).toEqual({ text: 'hi' });
  });
});
