// The compiler: Python AST → CPython 3.11 code objects.
//
//   compileModule(parse(source), { filename, source }) → CodeObject
//
// Pipeline: future.ts (future.c's checks) → fold.ts (ast_opt.c's constant folding) →
// symtable.ts (symtable.c's scopes) → codegen.ts (compile.c's code generation into basic blocks)
// → cfg.ts (compile.c's assembler: peephole optimisation, line numbers, stack depth, exception
// table). The result equals what CPython 3.11.7 compiles, instruction for instruction (checked
// against python3 on the conformance corpus, a snippet corpus and CPython's own Lib/ and
// Lib/test/), with these known differences:
//   * str constants are JS strings, so a lone surrogate pair ('\ud801\udca0') cannot be told
//     apart from the astral character it spells ('\U000104a0'): CPython keeps two constants,
//     refscope one.
//   * frozenset constants list their items in source (insertion) order, deduplicated; CPython's
//     co_consts holds the built set, whose iteration order follows the hashes. Building the set
//     by inserting the items in this order gives CPython's set.
//   * folded float and complex `**` use JS Math (pow, hypot, atan2, ...), which can differ from
//     the C library in the last bit for non-integer exponents.
// Errors: a compile-time error is the parser's PySyntaxError with CPython's message and location;
// a construct outside refscope's subset (async def/for/with, await, match, except*, async
// comprehensions, `from __future__ import annotations`) is a NotSupportedError.
import type { Module } from '../python/ast.js';
import type { CodeObject } from './code.js';
import type { CompileWarning } from './errors.js';
import { CodeGenerator } from './codegen.js';
import { foldModule } from './fold.js';
import { futureParse } from './future.js';
import { buildSymbolTable } from './symtable.js';

export { CompileError, NotSupportedError } from './errors.js';
export type { CompileWarning } from './errors.js';
export { dis } from './dis.js';
export type { CodeObject, ExceptionTableEntry } from './code.js';

export interface CompileOptions {
  filename: string;
  source: string;
  /** Receives the SyntaxWarnings CPython's compiler would print, in order (see CompileWarning). */
  warnings?: CompileWarning[];
}

export function compileModule(mod: Module, opts: CompileOptions): CodeObject {
  const ctx = { filename: opts.filename, source: opts.source };
  const futureLineno = futureParse(mod, ctx);
  const folded = foldModule(mod);
  const st = buildSymbolTable(folded, ctx);
  const gen = new CodeGenerator(st, ctx, futureLineno);
  const code = gen.compileModule(folded);
  if (opts.warnings) opts.warnings.push(...gen.warnings);
  return code;
}
