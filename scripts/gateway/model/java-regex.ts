// Turns the Java regex subset serverless writes for CORS origins into a JavaScript RegExp with Java's semantics.
import { MappingTemplateError } from './errors';

// Characters that mean themselves in both Java and JavaScript regexes (and can appear in an origin).
const LITERAL = /^[A-Za-z0-9:/_%@~!,;=&-]$/;
// A character class both dialects read the same way: no negation, no nesting or `&&` (Java-only), no escapes.
const CLASS_BODY = /^(?:[A-Za-z0-9]-[A-Za-z0-9]|[A-Za-z0-9.:/_])+$/;
// Escapes of metacharacters (`\.`): a literal character in both dialects.
const ESCAPABLE = /^[.[\](){}*+?^$|\\/-]$/;
// Java's `.` excludes its five line terminators; JavaScript's would match U+0085.
const JAVA_DOT = '[^\\n\\r\\u0085\\u2028\\u2029]';

/**
 * `String.matches(pattern)` as a RegExp: Java's `matches` must consume the whole string, so the pattern is anchored.
 * serverless writes origins with `.` escaped as `[.]` and `*` as `.+` (osls api-gateway/lib/cors.js
 * `regexifyWildcards`); any construct outside that small common subset throws instead of being approximated.
 */
export function compileFullMatch(javaPattern: string): RegExp {
  let source = '';
  let quantifiable = false;
  for (let i = 0; i < javaPattern.length; i += 1) {
    const c = javaPattern.charAt(i);
    if (c === '[') {
      const end = javaPattern.indexOf(']', i + 1);
      const body = end === -1 ? '' : javaPattern.slice(i + 1, end);
      if (!CLASS_BODY.test(body)) throw refuseConstruct(javaPattern.slice(i, end === -1 ? undefined : end + 1));
      source += `[${body}]`;
      i = end;
    } else if (c === '.') {
      source += JAVA_DOT;
    } else if (c === '+' || c === '*' || c === '?') {
      // One greedy quantifier per atom: Java's possessive `++` has no JavaScript equivalent.
      if (!quantifiable) throw refuseConstruct(javaPattern.slice(Math.max(0, i - 1), i + 1));
      source += c;
      quantifiable = false;
      continue;
    } else if (c === '\\') {
      const next = javaPattern.charAt(i + 1);
      if (!ESCAPABLE.test(next)) throw refuseConstruct(`\\${next}`);
      source += next === '-' ? '-' : `\\${next}`;
      i += 1;
    } else if (LITERAL.test(c)) {
      source += c;
    } else {
      throw refuseConstruct(c);
    }
    quantifiable = true;
  }
  try {
    // `u`: match code points, as Java does, not UTF-16 halves.
    return new RegExp(`^(?:${source})$`, 'u');
  } catch {
    throw new MappingTemplateError('invalid_syntax', javaPattern, 'not a valid regex');
  }
}

function refuseConstruct(construct: string): MappingTemplateError {
  return new MappingTemplateError('unsupported_construct', construct, 'regex construct not emulated in matches()');
}
