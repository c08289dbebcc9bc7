// `from __future__ import ...`: Python/future.c. Every feature but two is mandatory in 3.11 and
// compiles to an ordinary import; `annotations` (string annotations) and `barry_as_FLUFL` change
// compilation and are outside refscope's subset. Future imports must open the module (after the
// docstring); the line of the last valid one bounds where codegen accepts them.
import type * as A from '../python/ast.js';
import { PySyntaxError } from '../python/errors.js';
import { type ErrorContext, NotSupportedError } from './errors.js';

const MANDATORY = new Set([
  'nested_scopes', 'generators', 'division', 'absolute_import', 'with_statement', 'print_function',
  'unicode_literals', 'generator_stop',
]);

export const LATE_FUTURE = 'from __future__ imports must occur at the beginning of the file';

function locError(msg: string, s: A.Stmt, offset: number, ctx: ErrorContext): PySyntaxError {
  const line = ctx.source.split(/\r\n|\r|\n/)[s.lineno - 1];
  return new PySyntaxError('SyntaxError', msg, ctx.filename, s.lineno, offset, s.lineno, -1, line === undefined ? null : line + '\n');
}

function isDocstring(s: A.Stmt | undefined): boolean {
  return !!s && s.type === 'Expr' && s.value.type === 'Constant' && s.value.value.kind === 'str';
}

/** Checks the module's leading future imports; returns ff_lineno (0 when there are none). */
export function futureParse(mod: A.Module, ctx: ErrorContext): number {
  const body = mod.body;
  let ffLineno = 0;
  let done = false;
  let prevLine = 0;
  for (let i = isDocstring(body[0]) ? 1 : 0; i < body.length; i++) {
    const s = body[i]!;
    if (done && s.lineno > prevLine) return ffLineno;
    prevLine = s.lineno;
    if (s.type === 'ImportFrom' && s.module === '__future__') {
      if (done) throw locError(LATE_FUTURE, s, s.col_offset, ctx);
      for (const alias of s.names) {
        const feature = alias.name;
        if (MANDATORY.has(feature)) continue;
        if (feature === 'annotations' || feature === 'barry_as_FLUFL') {
          throw new NotSupportedError(`from __future__ import ${feature}`, s.lineno);
        }
        if (feature === 'braces') throw locError('not a chance', s, s.col_offset + 1, ctx);
        throw locError(`future feature ${feature} is not defined`, s, s.col_offset + 1, ctx);
      }
      ffLineno = s.lineno;
    } else {
      done = true;
    }
  }
  return ffLineno;
}
