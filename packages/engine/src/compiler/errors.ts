// Errors the compiler raises.
//
// CompileError mirrors the fields of Python's SyntaxError (and of the parser's PySyntaxError), so
// the engine can print it as CPython does: msg, lineno, offset (1-based column), end_lineno,
// end_offset, text. NotSupportedError marks a construct outside refscope's subset; the engine
// prints it as `NotImplementedError: <construct> is not supported by refscope (line N)`.

export class CompileError extends Error {
  readonly msg: string;
  readonly lineno: number;
  readonly offset: number;
  readonly end_lineno: number;
  readonly end_offset: number;
  readonly text: string | null;
  constructor(msg: string, lineno: number, offset: number, end_lineno: number, end_offset: number, text: string | null) {
    super(`${msg} (line ${lineno})`);
    this.name = 'SyntaxError';
    this.msg = msg;
    this.lineno = lineno;
    this.offset = offset;
    this.end_lineno = end_lineno;
    this.end_offset = end_offset;
    this.text = text;
  }
}

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

/** A node position, enough to locate an error. */
export interface Located {
  lineno: number;
  col_offset: number;
  end_lineno: number;
  end_col_offset: number;
}

export function errorAt(msg: string, node: Located, source: string): CompileError {
  const lines = source.split('\n');
  const line = lines[node.lineno - 1];
  const text = line === undefined ? null : line + '\n';
  return new CompileError(msg, node.lineno, node.col_offset + 1, node.end_lineno, node.end_col_offset + 1, text);
}
