// The compiler: Python AST → CPython 3.11 code objects.
//
//   compileModule(parse(source), { filename, source }) → CodeObject
//
// Pipeline: fold.ts (ast_opt.c's constant folding) → symtable.ts (symtable.c's scopes) →
// codegen.ts (compile.c's code generation into basic blocks) → cfg.ts (compile.c's assembler:
// peephole optimisation, line numbers, stack depth, exception table).
import type { Module } from '../python/ast.js';
import type { CodeObject } from './code.js';
import { CodeGenerator } from './codegen.js';
import { foldModule } from './fold.js';
import { futureParse } from './future.js';
import { buildSymbolTable } from './symtable.js';

export { CompileError, NotSupportedError } from './errors.js';
export { dis } from './dis.js';
export type { CodeObject, ExceptionTableEntry } from './code.js';

export interface CompileOptions {
  filename: string;
  source: string;
}

export function compileModule(mod: Module, opts: CompileOptions): CodeObject {
  const ctx = { filename: opts.filename, source: opts.source };
  const futureLineno = futureParse(mod, ctx);
  const folded = foldModule(mod);
  const st = buildSymbolTable(folded, ctx);
  return new CodeGenerator(st, ctx, futureLineno).compileModule(folded);
}
