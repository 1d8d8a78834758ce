// Preflights answered as API Gateway answers serverless's OPTIONS MOCK: allowed origins echoed, others never.
import { evaluatePreflight, type RequestHeaders } from '../../../../../scripts/gateway/model/cors-template';
import { MappingTemplateError } from '../../../../../scripts/gateway/model/errors';
import type { MockIntegration } from '../../../../../scripts/gateway/model/gateway-model';
import { gatewayModelOf } from '../../../../../scripts/gateway/model/read-template';
import { ROUTE_MANIFEST, type RouteEntry } from '../../../../../shared/route-manifest';
import { caught } from '../../../../helpers/caught';
import { packagedTemplate } from './packaged-template';

const MANIFEST: readonly RouteEntry[] = ROUTE_MANIFEST;
// The local stage's primary (first) origin, the playground's: what the static Allow-Origin names.
const CONFIGURED_ORIGIN = 'http://127.0.0.1:5180';

function preflightOf(path: string): MockIntegration {
  const route = gatewayModelOf(packagedTemplate()).routes.find((r) => r.httpMethod === 'OPTIONS' && r.path === path);
  if (route?.integration.type !== 'MOCK') throw new Error(`no preflight for ${path}`);
  return route.integration;
}

/** A MOCK integration like serverless's, with the given template (and the fixture's static headers). */
function mockWith(template: string): MockIntegration {
  const base = preflightOf('/comments');
  return {
    ...base,
    integrationResponse: { ...base.integrationResponse, responseTemplates: { 'application/json': template } },
  };
}

const allowOrigin = (headers: RequestHeaders) =>
  evaluatePreflight(preflightOf('/comments'), headers).headers['Access-Control-Allow-Origin'];

describe('evaluatePreflight with the packaged template', () => {
  it.each([...new Set(MANIFEST.map((r) => r.path))])(
    'echoes an allowed origin on %s with the configured methods, headers and max age',
    (path) => {
      // Prepare
      const verbs = MANIFEST.filter((r) => r.path === path).map((r) => r.method);

      // Act
      const response = evaluatePreflight(preflightOf(path), { origin: CONFIGURED_ORIGIN });

      // Assess
      expect(response.statusCode).toBe(200);
      expect(response.body).toBe('');
      const { 'Access-Control-Allow-Methods': methods, ...others } = response.headers;
      expect(others).toEqual({
        'Access-Control-Allow-Origin': CONFIGURED_ORIGIN,
        'Access-Control-Allow-Headers': 'Content-Type,Authorization',
        'Access-Control-Max-Age': '600',
      });
      expect(methods?.split(',').sort()).toEqual(['OPTIONS', ...verbs].sort());
    },
  );

  it('echoes the second configured origin too', () => {
    // Act
    const origin = allowOrigin({ Origin: 'http://127.0.0.1:5173' });

    // Assess
    expect(origin).toBe('http://127.0.0.1:5173');
  });

  it.each([
    ['a foreign origin', 'https://evil.example'],
    ['a regex-metacharacter look-alike of 127.0.0.1 (dots are [.] in the template)', 'http://127x0x0x1:5173'],
    ['an allowed origin with a suffix (matches() is a full match)', 'http://localhost:5173.evil.example'],
    ['an allowed origin with a prefix', 'https://evil.example/http://localhost:5173'],
    ['the allowed origin in another case', 'HTTP://LOCALHOST:5173'],
    ['the string "null" (sandboxed frames)', 'null'],
  ])('never echoes %s: the static first origin stays', (_label, origin) => {
    // Act
    const headers = evaluatePreflight(preflightOf('/comments'), { origin }).headers;

    // Assess
    expect(headers['Access-Control-Allow-Origin']).toBe(CONFIGURED_ORIGIN);
    expect(Object.values(headers)).not.toContain('*');
  });

  it('answers a request without Origin with the static first origin', () => {
    // Act
    const origin = allowOrigin({});

    // Assess
    expect(origin).toBe(CONFIGURED_ORIGIN);
  });

  it('never sends Access-Control-Allow-Credentials (allowCredentials: false)', () => {
    // Act
    const headers = evaluatePreflight(preflightOf('/comments'), { origin: CONFIGURED_ORIGIN }).headers;

    // Assess
    expect(Object.keys(headers).map((h) => h.toLowerCase())).not.toContain('access-control-allow-credentials');
  });

  it('reads the Origin header in any case, as a repeated header its last value', () => {
    // Act
    const origins = [
      allowOrigin({ ORIGIN: 'http://127.0.0.1:5173' }),
      allowOrigin({ origin: ['https://evil.example', 'http://127.0.0.1:5173'] }),
    ];

    // Assess
    expect(origins).toEqual(['http://127.0.0.1:5173', 'http://127.0.0.1:5173']);
  });

  it('lets a query string parameter named Origin shadow the header, as $input.params searches it first', () => {
    // Act
    const response = evaluatePreflight(
      preflightOf('/comments'),
      { origin: 'http://127.0.0.1:5173' },
      { querystring: { Origin: 'https://evil.example' } },
    );

    // Assess
    expect(response.headers['Access-Control-Allow-Origin']).toBe(CONFIGURED_ORIGIN);
  });
});

describe('evaluatePreflight: the VTL subset', () => {
  it('evaluates && tighter than ||, and == on strings', () => {
    // Prepare
    const integration = mockWith(
      '#set($o = $input.params("Origin"))' +
        '#if($o == "a" || $o == "b" && $o == "c") #set($context.responseOverride.header.X-Hit = "yes") #end',
    );

    // Act
    const hits = ['a', 'b'].map((o) => evaluatePreflight(integration, { origin: o }).headers['X-Hit']);

    // Assess
    expect(hits).toEqual(['yes', undefined]);
  });

  it('nests #if blocks and copies variables', () => {
    // Prepare
    const integration = mockWith(
      "#set($o = $input.params('Origin'))#set($p = $o)" +
        '#if($p.matches("https://.+[.]example[.]com")) #if($o == $p) #set($context.responseOverride.header.Access-Control-Allow-Origin = $p) #end #end',
    );

    // Act
    const origins = ['https://app.example.com', 'https://example.com'].map(
      (o) => evaluatePreflight(integration, { origin: o }).headers['Access-Control-Allow-Origin'],
    );

    // Assess
    expect(origins).toEqual(['https://app.example.com', CONFIGURED_ORIGIN]);
  });

  it('answers the static headers alone for an empty template (a single configured origin)', () => {
    // Act
    const response = evaluatePreflight(mockWith(''), { origin: 'https://evil.example' });

    // Assess
    expect(response.headers['Access-Control-Allow-Origin']).toBe(CONFIGURED_ORIGIN);
    expect(response.body).toBe('');
  });

  it('renders plain text between directives as the body', () => {
    // Act
    const response = evaluatePreflight(mockWith('  {}\n#set($o = "x")'), {});

    // Assess
    expect(response.body).toBe('{}');
  });

  it.each([
    ['#foreach', '#foreach($o in $list) #end'],
    ['#else', '#if($o == "") #else #end'],
    ['a comment', '## note'],
    ['a reference in the body', '$input.body'],
    ['a formal reference', '#set(${o} = "x")'],
    ['$util', '#set($o = $util.escapeJavaScript("x"))'],
    ['a status override', '#set($context.responseOverride.status = "204")'],
    ['!=', '#set($o = "x")#if($o != "y") #end'],
    ['negation', '#set($o = "x")#if(!$o.matches("y")) #end'],
    ['an interpolated string', '#set($o = "$x")'],
    ['a regex class Java reads differently', '#set($o = "x")#if($o.matches("[a&&b]")) #end'],
    ['a regex escape class', '#set($o = "x")#if($o.matches("\\\\d+")) #end'],
    ['a possessive quantifier', '#set($o = "x")#if($o.matches("x++")) #end'],
    ['a regex alternation', '#set($o = "x")#if($o.matches("a|b")) #end'],
  ])('refuses %s, naming it', (_label, template) => {
    // Act
    const error = caught(MappingTemplateError, () => evaluatePreflight(mockWith(template), {}));

    // Assess
    expect(error.code).toBe('unsupported_construct');
    expect(template).toContain(error.construct.replace(/…$/, '').split(' ')[0] ?? '');
  });

  it.each([
    ['#if without #end', '#if($o == "") '],
    ['#end without #if', '#end'],
  ])('refuses a malformed template: %s', (_label, template) => {
    // Act
    const error = caught(MappingTemplateError, () => evaluatePreflight(mockWith(template), {}));

    // Assess
    expect(error.code).toBe('invalid_syntax');
  });

  it('refuses to read a variable before it is set, instead of comparing the text "$o"', () => {
    // Act
    const error = caught(MappingTemplateError, () => evaluatePreflight(mockWith('#if($o == "") #end'), {}));

    // Assess
    expect(error.code).toBe('unset_variable');
    expect(error.construct).toBe('$o');
  });

  it('refuses a response header that is not a static value', () => {
    // Prepare
    const base = preflightOf('/comments');
    const integration: MockIntegration = {
      ...base,
      integrationResponse: {
        ...base.integrationResponse,
        responseParameters: { 'method.response.header.X': 'integration.response.header.X' },
      },
    };

    // Act
    const error = caught(MappingTemplateError, () => evaluatePreflight(integration, {}));

    // Assess
    expect(error.code).toBe('unsupported_construct');
  });

  it('refuses templates for other content types (selection by Accept is not emulated)', () => {
    // Prepare
    const base = preflightOf('/comments');
    const integration: MockIntegration = {
      ...base,
      integrationResponse: { ...base.integrationResponse, responseTemplates: { 'text/plain': '' } },
    };

    // Act
    const error = caught(MappingTemplateError, () => evaluatePreflight(integration, {}));

    // Assess
    expect(error.code).toBe('unsupported_construct');
    expect(error.construct).toBe('text/plain');
  });
});

describe('evaluatePreflight: literals on the left', () => {
  it('compares a string literal with a value', () => {
    // Prepare
    const integration = mockWith(
      '#set($o = $input.params("Origin"))#if("x" == $o) #set($context.responseOverride.header.X-Hit = "yes") #end',
    );

    // Act
    const hit = evaluatePreflight(integration, { origin: 'x' }).headers['X-Hit'];

    // Assess
    expect(hit).toBe('yes');
  });

  it('reads a path parameter first', () => {
    // Prepare
    const integration = mockWith('#set($o = $input.params("id"))#set($context.responseOverride.header.X-Id = $o)');

    // Act
    const id = evaluatePreflight(integration, { id: 'header' }, { path: { id: 'path' }, querystring: { id: 'query' } })
      .headers['X-Id'];

    // Assess
    expect(id).toBe('path');
  });
});
