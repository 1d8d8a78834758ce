// The character-level half of the VTL parser: position, tokens, string literals, identifiers and errors.
import { MappingTemplateError } from './errors';

// A Velocity identifier: a letter, then letters, digits, `-` or `_` (Velocity 1.7 User Guide, "Variables").
const IDENTIFIER = /[A-Za-z][A-Za-z0-9_-]*/y;

export class VtlCursor {
  protected at = 0;
  constructor(protected readonly text: string) {}

  /**
   * A string literal. Velocity interpolates `$`/`#` inside double quotes; literals using that (or a backslash)
   * are refused rather than taken verbatim.
   */
  protected parseString(): string {
    const start = this.at;
    const quote = this.peek();
    const end = quote === '"' || quote === "'" ? this.text.indexOf(quote, start + 1) : -1;
    if (end === -1) throw this.buildError('unsupported_construct', start, 'expected a string literal');
    const value = this.text.slice(start + 1, end);
    if (/[\\]/.test(value) || (quote === '"' && /[$#]/.test(value))) {
      throw this.buildError('unsupported_construct', start, 'string literal with interpolation or escapes');
    }
    this.at = end + 1;
    return value;
  }

  protected readIdentifier(start: number): string {
    IDENTIFIER.lastIndex = this.at;
    const match = IDENTIFIER.exec(this.text);
    if (!match) throw this.buildError('unsupported_construct', start, 'VTL reference not emulated');
    this.at += match[0].length;
    return match[0];
  }

  protected expect(token: string, start: number): void {
    if (!this.eatToken(token))
      throw this.buildError('unsupported_construct', start, `VTL construct not emulated (expected ${token})`);
  }

  protected eatToken(token: string): boolean {
    this.skipSpace();
    return this.eat(token);
  }

  protected eat(token: string): boolean {
    if (!this.text.startsWith(token, this.at)) return false;
    this.at += token.length;
    return true;
  }

  /** `#end` as a whole directive: `#endx` would be another (unknown) directive. */
  protected startsDirective(name: string): boolean {
    return this.text.startsWith(name, this.at) && !/[A-Za-z0-9_]/.test(this.text.charAt(this.at + name.length));
  }

  protected skipSpace(): void {
    while (/\s/.test(this.peek())) this.at += 1;
  }

  protected peek(): string {
    return this.text.charAt(this.at);
  }

  protected buildError(
    code: 'unsupported_construct' | 'invalid_syntax',
    from: number,
    detail: string,
  ): MappingTemplateError {
    const line = this.text.slice(Math.max(0, from)).split('\n')[0] ?? '';
    return new MappingTemplateError(code, line.length > 60 ? `${line.slice(0, 60)}…` : line, detail);
  }
}
