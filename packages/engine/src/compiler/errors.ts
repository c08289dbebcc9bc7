// Errors the compiler raises.
//
// Compile-time errors (a `return` outside a function, a `nonlocal` without a binding, ...) are the
// parser's PySyntaxError, with CPython's message and location, so the engine reports them exactly
// as it reports a parse error. NotSupportedError marks a construct outside refscope's subset; the
// engine prints it as `NotImplementedError: <construct> is not supported by refscope (line N)`.
import { PySyntaxError } from '../python/errors.js';

export { PySyntaxError as CompileError };

export class NotSupportedError extends Error {
  readonly construct: string;
  readonly lineno: number;
  constructor(construct: string, lineno: number) {
    super(`${construct} is not supported by refscope (line ${lineno})`);
    this.name = 'NotSupportedError';
    this.construct = construct;
    this.lineno = lineno;
  }
}

/**
 * A compile-time warning. CPython's compiler warns (SyntaxWarning) about `is` with a literal, an
 * always-true assert on a tuple, and calls/subscripts that cannot work ("perhaps you missed a
 * comma?"); `python3 FILE.py` prints each on stderr as
 * `FILE:LINENO: SyntaxWarning: MESSAGE` followed by the stripped source line, in emission order.
 */
export interface CompileWarning {
  category: 'SyntaxWarning';
  message: string;
  lineno: number;
  col_offset: number;
  end_lineno: number;
  end_col_offset: number;
}

/** A node position, enough to locate an error. */
export interface Located {
  lineno: number;
  col_offset: number;
  end_lineno: number;
  end_col_offset: number;
}

/** Where errors are reported: the file name and its text (for `text` and code-point columns). */
export interface ErrorContext {
  filename: string;
  source: string;
  lines?: string[];
}

/** Converts a 0-based UTF-16 column to CPython's 1-based code-point offset. */
function offsetOf(line: string | undefined, col: number): number {
  if (col < 0) return col;
  if (line === undefined) return col + 1;
  let n = 0;
  for (let i = 0; i < col && i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff && i > 0) {
      const p = line.charCodeAt(i - 1);
      if (p >= 0xd800 && p <= 0xdbff) continue;
    }
    n++;
  }
  return n + 1;
}

export function errorAt(msg: string, node: Located, ctx: ErrorContext): PySyntaxError {
  const lines = (ctx.lines ??= ctx.source.split(/\r\n|\r|\n/));
  const line = lines[node.lineno - 1];
  const endLine = lines[node.end_lineno - 1];
  const text = line === undefined ? null : line + '\n';
  return new PySyntaxError(
    'SyntaxError', msg, ctx.filename,
    node.lineno, offsetOf(line, node.col_offset), node.end_lineno, offsetOf(endLine, node.end_col_offset), text,
  );
}
