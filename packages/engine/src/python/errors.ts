// SyntaxError as CPython 3.11 raises it for source it cannot parse, and the text `python3 FILE.py`
// prints for one (Python/pythonrun.c: print_exception_file_and_line and print_error_text).

export type SyntaxErrorType = 'SyntaxError' | 'IndentationError' | 'TabError';

/**
 * A Python SyntaxError (or its subclasses IndentationError and TabError) with the attributes
 * CPython's exception carries. `offset` and `end_offset` are 1-based columns counted in code
 * points, as CPython reports them; `end_offset` may be -1 or 0 where CPython leaves it so.
 * `text` is the offending source line (with its newline for errors the parser raises, without it
 * for errors the tokenizer raises, as in CPython), or null when there is none.
 */
export class PySyntaxError extends Error {
  readonly pyType: SyntaxErrorType;
  readonly msg: string;
  readonly filename: string;
  readonly lineno: number;
  readonly offset: number;
  readonly end_lineno: number;
  readonly end_offset: number;
  readonly text: string | null;

  constructor(
    pyType: SyntaxErrorType, msg: string, filename: string,
    lineno: number, offset: number, end_lineno: number, end_offset: number, text: string | null,
  ) {
    super(`${pyType}: ${msg} (${filename}, line ${lineno})`);
    this.name = 'PySyntaxError';
    this.pyType = pyType;
    this.msg = msg;
    this.filename = filename;
    this.lineno = lineno;
    this.offset = offset;
    this.end_lineno = end_lineno;
    this.end_offset = end_offset;
    this.text = text;
  }
}

/**
 * What `python3 FILE.py` writes on stderr for a SyntaxError raised while compiling FILE.py
 * (there is no traceback header: the error happens before anything runs).
 */
export function formatSyntaxError(err: PySyntaxError, displayPath: string): string {
  let out = `  File "${displayPath}", line ${err.lineno}\n`;
  if (err.text !== null) {
    const text = err.text;
    // Subclasses keep no end position when printed (parse_syntax_error).
    let endOffset = err.pyType === 'SyntaxError' ? err.end_offset : -1;
    const endLineno = err.pyType === 'SyntaxError' ? err.end_lineno : err.lineno;
    const size = utf8Length(text);
    if (endLineno > err.lineno) endOffset = size;
    if (endOffset > size + 1) endOffset = size + 1;
    out += errorText(err.offset, endOffset, text);
  }
  return out + `${err.pyType}: ${err.msg}\n`;
}

/**
 * print_error_text: the source line without its indentation, then the caret line. CPython works
 * on the line's UTF-8 bytes here, so the arithmetic does too.
 */
function errorText(offset: number, endOffset: number, source: string): string {
  const carets = endOffset > 0 && endOffset > offset ? endOffset - offset : 1;
  const b = ENCODER.encode(source);
  let start = 0;
  let off = offset - 1;
  while (start < b.length && (b[start] === 32 || b[start] === 9 || b[start] === 12)) { start++; off--; }
  let len = b.length - start;
  if (len > 0 && b[start + len - 1] === 10) len--;
  if (off > len) off = len;
  for (;;) {
    const nl = b.indexOf(10, start);
    if (nl < 0 || nl - start >= off) break;
    const skip = nl - start + 1;
    start += skip;
    len -= skip;
    off -= skip;
  }
  let out = '    ' + DECODER.decode(b.subarray(start));
  if (b[start + len] !== 10) out += '\n';
  if (off < 0) return out;
  return out + '    ' + ' '.repeat(off) + '^'.repeat(carets) + '\n';
}

const ENCODER = new TextEncoder();
const DECODER = new TextDecoder();

function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00) { n += 4; i++; }
    else n += 3;
  }
  return n;
}
