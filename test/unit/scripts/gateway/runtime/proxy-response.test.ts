// A Lambda proxy result mapped to HTTP: headers merged, base64 decoded, and every malformed result a 502.
import fc from 'fast-check';
import { lambdaFailureResponse, proxyResponseOf } from '../../../../../scripts/gateway/runtime/proxy-response';

const INTERNAL = '{"message": "Internal server error"}';

describe('proxyResponseOf', () => {
  it('maps statusCode, headers and body', () => {
    // Prepare
    const payload = {
      statusCode: 201,
      headers: { 'Content-Type': 'application/json', 'X-Count': 3 },
      body: '{"id":1}',
    };

    // Act
    const response = proxyResponseOf(payload);

    // Assess
    expect(response.statusCode).toBe(201);
    expect(response.headers).toEqual({ 'Content-Type': ['application/json'], 'X-Count': ['3'] });
    expect(response.body.toString('utf8')).toBe('{"id":1}');
  });

  it('merges multiValueHeaders over headers, the multi-value list winning for the same name in any case', () => {
    // Prepare
    const payload = {
      statusCode: 200,
      headers: { 'set-cookie': 'lost=1', Vary: 'Origin' },
      multiValueHeaders: { 'Set-Cookie': ['a=1', 'b=2'] },
    };

    // Act
    const { headers } = proxyResponseOf(payload);

    // Assess
    expect(headers).toEqual({ Vary: ['Origin'], 'Set-Cookie': ['a=1', 'b=2'], 'Content-Type': ['application/json'] });
  });

  it('decodes a base64 body, and gives an empty body when there is none', () => {
    // Prepare
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47]);

    // Act
    const binary = proxyResponseOf({ statusCode: 200, body: bytes.toString('base64'), isBase64Encoded: true });
    const none = proxyResponseOf({ statusCode: 204 });
    const nulls = proxyResponseOf({ statusCode: 204, body: null, headers: null, isBase64Encoded: null });

    // Assess
    expect(binary.body.equals(bytes)).toBe(true);
    expect(none.body.length).toBe(0);
    expect(nulls.statusCode).toBe(204);
  });

  it('keeps a header the function names "__proto__" as data', () => {
    // Prepare
    const payload = JSON.parse('{"statusCode":200,"headers":{"__proto__":"x"}}');

    // Act
    const { headers } = proxyResponseOf(payload);

    // Assess
    expect(Object.getOwnPropertyDescriptor(headers, '__proto__')?.value).toEqual(['x']);
    expect(Object.getPrototypeOf(headers)).toBe(Object.prototype);
  });

  it.each([
    ['undefined', undefined],
    ['null', null],
    ['a string', 'ok'],
    ['an array', [{ statusCode: 200 }]],
    ['no statusCode', { body: 'x' }],
    ['a string statusCode', { statusCode: '200', body: 'x' }],
    ['a fractional statusCode', { statusCode: 200.5 }],
    ['a statusCode out of range', { statusCode: 99 }],
    ['an object body', { statusCode: 200, body: { id: 1 } }],
    ['a number body', { statusCode: 200, body: 42 }],
    ['headers as a list', { statusCode: 200, headers: ['a: b'] }],
    ['an object header value', { statusCode: 200, headers: { a: { b: 1 } } }],
    ['a single multi-value header', { statusCode: 200, multiValueHeaders: { a: 'b' } }],
    ['a string isBase64Encoded', { statusCode: 200, body: 'eA==', isBase64Encoded: 'true' }],
    ['an HTTP API v2 cookies key', { statusCode: 200, cookies: ['a=1'] }],
  ])('answers 502 Internal server error for %s', (_label, payload) => {
    // Prepare / Act
    const response = proxyResponseOf(payload);

    // Assess
    expect(response.statusCode).toBe(502);
    expect(response.body.toString('utf8')).toBe(INTERNAL);
    expect(response).toEqual(lambdaFailureResponse());
  });

  it('never throws and always answers a sane status with bytes, whatever the function returns (fuzz)', () => {
    const junk = fc.oneof(
      fc.anything(),
      fc.record(
        {
          statusCode: fc.oneof(fc.integer({ min: -5, max: 700 }), fc.anything()),
          headers: fc.oneof(fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.integer())), fc.anything()),
          multiValueHeaders: fc.anything(),
          body: fc.oneof(fc.string(), fc.anything()),
          isBase64Encoded: fc.oneof(fc.boolean(), fc.anything()),
        },
        { requiredKeys: [] },
      ),
    );
    fc.assert(
      fc.property(junk, (payload) => {
        // Prepare / Act
        const response = proxyResponseOf(payload);

        // Assess
        expect(response.statusCode).toBeGreaterThanOrEqual(100);
        expect(response.statusCode).toBeLessThanOrEqual(599);
        expect(Buffer.isBuffer(response.body)).toBe(true);
        for (const values of Object.values(response.headers))
          expect(values.every((v) => typeof v === 'string')).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});
