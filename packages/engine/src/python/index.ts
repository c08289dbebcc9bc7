// The Python front end: source text to CPython 3.11's AST, or CPython's SyntaxError.
export { parse } from './parser.js';
export { exprName } from './targets.js';
export { PySyntaxError, formatSyntaxError } from './errors.js';
export type { SyntaxErrorType } from './errors.js';
export * from './ast.js';
