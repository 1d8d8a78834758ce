// Parses the VTL subset serverless writes for CORS preflights into a tiny AST; everything else is refused.
/*
 * The subset (osls api-gateway/lib/cors.js `generateCorsResponseTemplate`):
 *   #set($x = $input.params("Name"))     #set($x = $y)     #set($x = "literal")
 *   #set($context.responseOverride.header.Name = $x)
 *   #if(condition) … #end                condition: a == b, a || b, a && b, $x.matches("java regex")
 *   whitespace and plain text between directives
 * Velocity identifiers may contain `-` (Velocity 1.7 User Guide, References → Variables), which is how
 * `header.Access-Control-Allow-Origin` is one name.
 */
import { MappingTemplateError } from './errors';
import { compileFullMatch } from './java-regex';
import type { VtlCondition, VtlNode, VtlTarget, VtlValue } from './vtl-ast';
import { VtlCursor } from './vtl-cursor';

/** A `$a.b.c` or `$a.b("arg")` reference as written. */
interface Reference {
  readonly text: string;
  readonly path: readonly string[];
  readonly arg?: string;
}

// Names API Gateway binds in a template ($input, $context, $util, $stageVariables): never plain variables.
const RESERVED = new Set(['input', 'context', 'util', 'stageVariables']);

export function parseVtl(template: string): readonly VtlNode[] {
  return new VtlParser(template).parseBlock(false);
}

class VtlParser extends VtlCursor {
  parseBlock(insideIf: boolean): VtlNode[] {
    const nodes: VtlNode[] = [];
    for (;;) {
      if (this.at >= this.text.length) {
        if (insideIf) throw this.buildError('invalid_syntax', this.text.length - 1, '#if without #end');
        return nodes;
      }
      const start = this.at;
      if (this.startsDirective('#end')) {
        if (!insideIf) throw this.buildError('invalid_syntax', start, '#end without #if');
        this.at += '#end'.length;
        return nodes;
      }
      if (this.eat('#set(')) nodes.push(this.parseSet());
      else if (this.eat('#if(')) nodes.push(this.parseIf());
      else if ('#$\\'.includes(this.peek()))
        throw this.buildError('unsupported_construct', start, 'VTL construct not emulated');
      else nodes.push(this.parseText());
    }
  }

  private parseText(): VtlNode {
    const start = this.at;
    while (this.at < this.text.length && !'#$\\'.includes(this.peek())) this.at += 1;
    return { kind: 'text', text: this.text.slice(start, this.at) };
  }

  private parseSet(): VtlNode {
    const start = this.at;
    this.skipSpace();
    const target = this.resolveTarget(this.parseReference());
    this.expect('=', start);
    const value = this.parseValue();
    this.expect(')', start);
    return { kind: 'set', target, value };
  }

  private parseIf(): VtlNode {
    const start = this.at;
    const condition = this.parseOr();
    this.expect(')', start);
    return { kind: 'if', condition, body: this.parseBlock(true) };
  }

  // Java's precedence, which Velocity follows: && binds tighter than ||.
  private parseOr(): VtlCondition {
    let left = this.parseAnd();
    while (this.eatToken('||')) left = { kind: 'or', left, right: this.parseAnd() };
    return left;
  }

  private parseAnd(): VtlCondition {
    let left = this.parseComparison();
    while (this.eatToken('&&')) left = { kind: 'and', left, right: this.parseComparison() };
    return left;
  }

  private parseComparison(): VtlCondition {
    this.skipSpace();
    const start = this.at;
    if (this.peek() === '$') {
      const ref = this.parseReference();
      if (ref.path.length === 2 && ref.path[1] === 'matches' && ref.arg !== undefined) {
        const subject = this.resolveValue({ text: ref.text, path: ref.path.slice(0, 1) });
        return { kind: 'matches', subject, pattern: compileFullMatch(ref.arg) };
      }
      this.expect('==', start);
      return { kind: 'equals', left: this.resolveValue(ref), right: this.parseValue() };
    }
    const left = this.parseValue();
    this.expect('==', start);
    return { kind: 'equals', left, right: this.parseValue() };
  }

  private parseValue(): VtlValue {
    this.skipSpace();
    if (this.peek() === '$') return this.resolveValue(this.parseReference());
    return { kind: 'string', value: this.parseString() };
  }

  private parseReference(): Reference {
    const start = this.at;
    if (!this.eat('$')) throw this.buildError('unsupported_construct', start, 'expected a $reference');
    const path = [this.readIdentifier(start)];
    let arg: string | undefined;
    while (arg === undefined && this.peek() === '.') {
      this.at += 1;
      path.push(this.readIdentifier(start));
      if (this.eat('(')) {
        this.skipSpace();
        arg = this.parseString();
        this.expect(')', start);
      }
    }
    const ref = { text: this.text.slice(start, this.at), path };
    return arg === undefined ? ref : { ...ref, arg };
  }

  private resolveValue(ref: Reference): VtlValue {
    const [head = '', method] = ref.path;
    if (head === 'input' && method === 'params' && ref.path.length === 2 && ref.arg !== undefined) {
      return { kind: 'inputParam', name: ref.arg };
    }
    if (ref.path.length === 1 && ref.arg === undefined && !RESERVED.has(head)) return { kind: 'variable', name: head };
    throw new MappingTemplateError('unsupported_construct', ref.text, 'VTL reference not emulated');
  }

  private resolveTarget(ref: Reference): VtlTarget {
    const [head = '', override, header, name] = ref.path;
    if (ref.arg === undefined && ref.path.length === 4 && head === 'context' && override === 'responseOverride') {
      if (header === 'header' && name !== undefined) return { kind: 'responseHeader', header: name };
    }
    if (ref.path.length === 1 && ref.arg === undefined && !RESERVED.has(head)) return { kind: 'variable', name: head };
    throw new MappingTemplateError('unsupported_construct', ref.text, 'VTL #set target not emulated');
  }
}
