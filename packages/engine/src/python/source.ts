// The source text as the tokenizer sees it: newlines normalised to "\n", a final newline added
// when missing (CPython's tokenizer does the same), and a table of line starts so errors can
// quote their line and convert UTF-16 columns to the columns CPython reports.
//
// Which columns those are depends on how CPython got the source. Errors the tokenizer raises
// itself count characters. Errors raised through the parser are converted from UTF-8 bytes to
// characters only when the tokenizer knows the encoding: always for a string given to compile(),
// but for a file run as `python3 FILE.py` only when it has a coding cookie. Without one the
// parser's error columns stay in bytes, and the caret lands where the byte count says.

import { PySyntaxError, type SyntaxErrorType } from './errors.js';

export class Source {
  readonly text: string;
  readonly filename: string;
  /** Whether parser errors report UTF-8 byte columns (a file without a coding cookie). */
  readonly byteColumns: boolean;
  private lineStarts: number[] | null = null;

  constructor(text: string, filename: string, mode: 'file' | 'string' = 'file') {
    if (text.indexOf('\r') >= 0) text = text.replace(/\r\n?/g, '\n');
    if (text.length > 0 && text.charCodeAt(text.length - 1) !== 10) text += '\n';
    this.text = text;
    this.filename = filename;
    this.byteColumns = mode === 'file' && !CODING_COOKIE.test(text.split('\n', 2).join('\n'));
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

  /** The column a parser error reports for a UTF-16 column: bytes or code points (see above). */
  errCol(lineno: number, col: number): number {
    if (!this.byteColumns) return this.cpCol(lineno, col);
    const s = this.starts();
    if (lineno < 1 || lineno > s.length) return col;
    const start = s[lineno - 1];
    let n = 0;
    for (let i = start, end = start + col; i < end && i < this.text.length; i++) {
      const c = this.text.charCodeAt(i);
      n += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c < 0xdc00 ? 2 : c >= 0xdc00 && c < 0xe000 ? 2 : 3;
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
    const offset = this.errCol(lineno, col) + 1;
    const endOffset = endCol < 0 ? endCol + 1 : this.errCol(endLineno, endCol) + 1;
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

/** PEP 263: a coding declaration in a comment on the first or second line. */
const CODING_COOKIE = /^[ \t\f]*#.*?coding[:=][ \t]*[-\w.]+/m;
