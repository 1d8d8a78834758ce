// Compiles a configured route into its IAM Resource suffix and the token form used for overlap and matching.
import type { RouteConfig } from '../config/schema';

/**
 * One step of a pattern, read as a tiny regular expression:
 * lit = that character, ns = one character other than "/", char = any one character,
 * star = any run of characters (IAM "*": it spans "/"), nsStar = any run without "/".
 */
export type PatternToken = { t: 'lit'; c: string } | { t: 'ns' } | { t: 'char' } | { t: 'star' } | { t: 'nsStar' };

export interface CompiledRoute {
  index: number;
  method: string;
  path: string;
  /** Permissions that must all be held. */
  permissions: readonly string[];
  /** The Resource after the API prefix, e.g. "GET/comments/*". */
  resourceSuffix: string;
  /** What that IAM Resource matches: "*" spans "/", as in AWS's own matching. */
  glob: PatternToken[];
  /** The concrete method-ARN suffixes API Gateway can send for this route: a {param} is one segment. */
  language: PatternToken[];
  /** Path segments, for route resolution. */
  segments: string[];
}

const PARAM = /^\{[^}]+\}$/;
const GREEDY = /^\{[^}]+\+\}$/;

export function compileRoute(route: RouteConfig, index: number): CompiledRoute {
  const segments = route.path === '/' ? [] : route.path.slice(1).split('/');
  const wildPath = segments.map((s) => (PARAM.test(s) ? '*' : s));
  const verb = route.method === 'ANY' ? '*' : route.method;
  const resourceSuffix = `${verb}/${wildPath.join('/')}`;
  return {
    index,
    method: route.method,
    path: route.path,
    permissions: route.permissions,
    resourceSuffix,
    glob: globTokens(resourceSuffix),
    language: languageTokens(route.method, segments),
    segments,
  };
}

/** Tokens of an IAM Resource glob: "*" is any run of characters and "?" any one character. */
export function globTokens(glob: string): PatternToken[] {
  return [...glob].map((c) => (c === '*' ? { t: 'star' } : c === '?' ? { t: 'char' } : { t: 'lit', c }));
}

function languageTokens(method: string, segments: string[]): PatternToken[] {
  // ANY reaches the backend with the concrete verb, a single non-empty segment of the ARN.
  const tokens: PatternToken[] = method === 'ANY' ? [{ t: 'ns' }, { t: 'nsStar' }] : literal(method);
  tokens.push({ t: 'lit', c: '/' });
  segments.forEach((segment, i) => {
    if (i > 0) tokens.push({ t: 'lit', c: '/' });
    if (GREEDY.test(segment)) tokens.push({ t: 'char' }, { t: 'star' });
    else if (PARAM.test(segment)) tokens.push({ t: 'ns' }, { t: 'nsStar' });
    else tokens.push(...literal(segment));
  });
  return tokens;
}

function literal(text: string): PatternToken[] {
  return [...text].map((c) => ({ t: 'lit', c }));
}
