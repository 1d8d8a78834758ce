// Answers a CORS preflight as API Gateway answers serverless's OPTIONS MOCK integration: headers, then the VTL.
import { MappingTemplateError } from './errors';
import type { MockIntegration } from './gateway-model';
import type { VtlCondition, VtlNode, VtlValue } from './vtl-ast';
import { parseVtl } from './vtl-parse';

export interface PreflightResponse {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** Request headers as Node gives them (any case; a repeated header may be a list). */
export type RequestHeaders = Readonly<Record<string, string | readonly string[] | undefined>>;

/** The method request's path and query string parameters, which `$input.params(x)` searches before headers. */
export interface RequestParameters {
  readonly path?: Readonly<Record<string, string>>;
  readonly querystring?: Readonly<Record<string, string>>;
}

const RESPONSE_HEADER = /^method\.response\.header\.(.+)$/;
const JSON_TYPE = 'application/json';

export interface CompiledPreflight {
  readonly headers: Readonly<Record<string, string>>;
  readonly template: readonly VtlNode[];
}

/**
 * The integration response's static headers and parsed template. Only the `application/json` template
 * serverless writes is emulated: choosing among several by the request's Accept header is not.
 */
export function compilePreflight(integration: MockIntegration): CompiledPreflight {
  const { responseParameters, responseTemplates } = integration.integrationResponse;
  const types = Object.keys(responseTemplates);
  if (types.some((type) => type !== JSON_TYPE)) {
    throw new MappingTemplateError(
      'unsupported_construct',
      types.join(', '),
      'response templates other than application/json',
    );
  }
  return { headers: readStaticHeaders(responseParameters), template: parseVtl(responseTemplates[JSON_TYPE] ?? '') };
}

/**
 * The preflight response: the integration response's status; its static ResponseParameters, unquoted; then the
 * template's effects (`$context.responseOverride.header.*` replaces a header). The body is what the template
 * renders, trimmed: serverless's templates render only the whitespace between directives, and how much of it
 * Velocity keeps depends on whitespace gobbling, which API Gateway does not document.
 */
export function evaluatePreflight(
  integration: MockIntegration,
  requestHeaders: RequestHeaders,
  parameters: RequestParameters = {},
): PreflightResponse {
  const compiled = compilePreflight(integration);
  const headers = { ...compiled.headers };
  const scope: Scope = { variables: new Map(), output: [], requestHeaders, parameters, headers };
  runNodes(compiled.template, scope);
  return { statusCode: integration.integrationResponse.statusCode, headers, body: scope.output.join('').trim() };
}

interface Scope {
  readonly variables: Map<string, string>;
  readonly output: string[];
  readonly requestHeaders: RequestHeaders;
  readonly parameters: RequestParameters;
  readonly headers: Record<string, string>;
}

/** `'value'` literals only: a MOCK has no integration response to map from, and nothing else is emulated. */
function readStaticHeaders(parameters: Readonly<Record<string, string>>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(parameters)) {
    const name = RESPONSE_HEADER.exec(key)?.[1];
    if (name === undefined || !(value.length >= 2 && value.startsWith("'") && value.endsWith("'"))) {
      throw new MappingTemplateError(
        'unsupported_construct',
        `${key}: ${value}`,
        'only static response headers are emulated',
      );
    }
    headers[name] = value.slice(1, -1);
  }
  return headers;
}

function runNodes(nodes: readonly VtlNode[], scope: Scope): void {
  for (const node of nodes) {
    if (node.kind === 'text') scope.output.push(node.text);
    else if (node.kind === 'if') {
      if (testCondition(node.condition, scope)) runNodes(node.body, scope);
    } else if (node.target.kind === 'variable') scope.variables.set(node.target.name, evaluateValue(node.value, scope));
    else setHeader(scope.headers, node.target.header, evaluateValue(node.value, scope));
  }
}

function testCondition(condition: VtlCondition, scope: Scope): boolean {
  switch (condition.kind) {
    case 'or':
      return testCondition(condition.left, scope) || testCondition(condition.right, scope);
    case 'and':
      return testCondition(condition.left, scope) && testCondition(condition.right, scope);
    case 'equals':
      return evaluateValue(condition.left, scope) === evaluateValue(condition.right, scope);
    case 'matches':
      return condition.pattern.test(evaluateValue(condition.subject, scope));
  }
}

function evaluateValue(value: VtlValue, scope: Scope): string {
  switch (value.kind) {
    case 'string':
      return value.value;
    case 'inputParam':
      return readInputParam(value.name, scope);
    case 'variable': {
      const known = scope.variables.get(value.name);
      // Velocity would render an unset `$x` as the text "$x"; comparing that to an origin is never intended.
      if (known === undefined)
        throw new MappingTemplateError('unset_variable', `$${value.name}`, 'read before it is set');
      return known;
    }
  }
}

/**
 * `$input.params(x)`: the path, query string, then header value named x, or "" (serverless's template tests for
 * ""). Header names are matched case-insensitively, as HTTP header names are and as LocalStack's port does
 * (localstack, next_gen/execute_api/template_mapping.py VelocityInput.params over werkzeug's case-insensitive
 * Headers); path and query string names are exact. An empty value falls through to the next source, as there.
 */
function readInputParam(name: string, scope: Scope): string {
  const fromPath = scope.parameters.path?.[name];
  if (fromPath) return fromPath;
  const fromQuery = scope.parameters.querystring?.[name];
  if (fromQuery) return fromQuery;
  const wanted = name.toLowerCase();
  const entry = Object.entries(scope.requestHeaders).find(([key]) => key.toLowerCase() === wanted);
  const value = entry?.[1];
  // A repeated header: the last value, as API Gateway's single-value `headers` of a proxy event carries.
  return (typeof value === 'string' ? value : value?.[value.length - 1]) ?? '';
}

/** Replaces a header whatever the case it was mapped with (header names are case-insensitive). */
function setHeader(headers: Record<string, string>, name: string, value: string): void {
  const existing = Object.keys(headers).find((key) => key.toLowerCase() === name.toLowerCase());
  headers[existing ?? name] = value;
}
