// What may stand on the left of `=`, after `del` and after `for`, and the names CPython's error
// messages give to expressions that may not (Parser/pegen.c: _PyPegen_get_invalid_target,
// _PyPegen_get_expr_name).

import type { Expr } from './ast.js';

/** The name CPython's error messages use for an expression (_PyPegen_get_expr_name). */
export function exprName(e: Expr): string {
  switch (e.type) {
    case 'Attribute': return 'attribute';
    case 'Subscript': return 'subscript';
    case 'Starred': return 'starred';
    case 'Name': return 'name';
    case 'List': return 'list';
    case 'Tuple': return 'tuple';
    case 'Lambda': return 'lambda';
    case 'Call': return 'function call';
    case 'BoolOp': case 'BinOp': case 'UnaryOp': return 'expression';
    case 'GeneratorExp': return 'generator expression';
    case 'Yield': case 'YieldFrom': return 'yield expression';
    case 'Await': return 'await expression';
    case 'ListComp': return 'list comprehension';
    case 'SetComp': return 'set comprehension';
    case 'DictComp': return 'dict comprehension';
    case 'Dict': return 'dict literal';
    case 'Set': return 'set display';
    case 'JoinedStr': case 'FormattedValue': return 'f-string expression';
    case 'Constant': {
      const v = e.value;
      if (v.kind === 'None') return 'None';
      if (v.kind === 'bool') return v.value ? 'True' : 'False';
      if (v.kind === 'Ellipsis') return 'ellipsis';
      return 'literal';
    }
    case 'Compare': return 'comparison';
    case 'IfExp': return 'conditional expression';
    case 'NamedExpr': return 'named expression';
    default: return 'expression';
  }
}

/** Which statement the targets belong to: assignment, `del`, or `for`. */
export const enum Targets { Star, Del, For }

/** _PyPegen_get_invalid_target: the first sub-expression that cannot be a target, or null. */
export function invalidTarget(e: Expr, kind: Targets): Expr | null {
  switch (e.type) {
    case 'List': case 'Tuple':
      for (const x of e.elts) { const bad = invalidTarget(x, kind); if (bad) return bad; }
      return null;
    case 'Starred':
      return kind === Targets.Del ? e : invalidTarget(e.value, kind);
    case 'Compare':
      if (kind === Targets.For) return e.ops[0] === 'In' ? invalidTarget(e.left, kind) : null;
      return e;
    case 'Name': case 'Subscript': case 'Attribute':
      return null;
    default:
      return e;
  }
}
