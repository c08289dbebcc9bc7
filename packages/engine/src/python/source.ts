// The source text as the tokenizer sees it: newlines normalised to "\n", a final newline added
// when missing (CPython's tokenizer does the same), and a table of line starts so errors can
// quote their line and convert UTF-16 columns to the code-point columns CPython reports.

import { PySyntaxError, type SyntaxErrorType } from './errors.js';

export class Source {
  readonly text: string;
  readonly filename: string;
  private lineStarts: number[] | null = null;

  constructor(text: string, filename: string) {
    if (text.indexOf('\r') >= 0) text = text.replace(/\r\n?/g, '\n');
    if (text.length > 0 && text.charCodeAt(text.length - 1) !== 10) text += '\n';
    this.text = text;
    this.filename = filename;
  }

  private starts(): number[] {
    if (this.lineStarts === null) {
      const s = [0];
      const t = this.text;
      for (let i = t.indexOf('\n'); i >= 0; i = t.indexOf('\n', i + 1)) s.push(i + 1);
      this.lineStarts = s;
    }
    return this.lineStarts;
  }

  /** Line `lineno` (1-based), with its newline when `withNewline`; '' past the end. */
  line(lineno: number, withNewline = true): string {
    const s = this.starts();
    if (lineno < 1 || lineno > s.length) return '';
    const start = s[lineno - 1];
    let end = lineno < s.length ? s[lineno] : this.text.length;
    if (!withNewline && end > start && this.text.charCodeAt(end - 1) === 10) end--;
    return this.text.slice(start, end);
  }

  /** The code-point column for a UTF-16 column on line `lineno`. */
  cpCol(lineno: number, col: number): number {
    const s = this.starts();
    if (lineno < 1 || lineno > s.length) return col;
    const start = s[lineno - 1];
    let n = col;
    for (let i = start, end = start + col; i < end && i < this.text.length; i++) {
      const c = this.text.charCodeAt(i);
      if (c >= 0xd800 && c < 0xdc00) n--;
    }
    return n;
  }

  /**
   * An error at 0-based UTF-16 columns; `offset`/`endOffset` are CPython's 1-based values
   * computed from them by the caller (so -1 and 0 pass through unchanged).
   */
  error(
    type: SyntaxErrorType, msg: string, lineno: number, col: number,
    endLineno: number, endCol: number, withNewline = true,
  ): PySyntaxError {
    const offset = this.cpCol(lineno, col) + 1;
    const endOffset = endCol < 0 ? endCol + 1 : this.cpCol(endLineno, endCol) + 1;
    return new PySyntaxError(type, msg, this.filename, lineno, offset, endLineno, endOffset,
      lineno <= this.starts().length ? this.line(lineno, withNewline) : null);
  }

  /** An error whose 1-based offsets are given as CPython computes them (no conversion). */
  rawError(
    type: SyntaxErrorType, msg: string, lineno: number, offset: number,
    endLineno: number, endOffset: number, withNewline = true,
  ): PySyntaxError {
    return new PySyntaxError(type, msg, this.filename, lineno, offset, endLineno, endOffset,
      this.line(lineno, withNewline));
  }
}
