// The code object: what the compiler produces and the interpreter runs.
//
// It is CPython 3.11's code object in decoded form (what `dis.get_instructions` shows), so the
// oracle for the compiler is `python3 -m dis`, and the interpreter can be tested on code that
// CPython itself compiled (tools/pycode.py dumps it in this shape). Differences from CPython:
//   * no CACHE entries and no EXTENDED_ARG: instruction i is ops[i] with argument args[i];
//   * every jump argument (JUMP_OPS) is the absolute index of the target instruction, whatever
//     the direction CPython encodes;
//   * the exception table is decoded: instruction indices, `end` exclusive;
//   * positions are decoded: four numbers per instruction (-1 where CPython has None).
import type { ConstValue } from '../python/ast.js';

/** Kinds of a "fast" local slot (CPython's co_localspluskinds bits). */
export const CO_FAST_LOCAL = 0x20;
export const CO_FAST_CELL = 0x40;
export const CO_FAST_FREE = 0x80;

/** co_flags bits used by 3.11. */
export const CO_OPTIMIZED = 0x1;
export const CO_NEWLOCALS = 0x2;
export const CO_VARARGS = 0x4;
export const CO_VARKEYWORDS = 0x8;
export const CO_NESTED = 0x10;
export const CO_GENERATOR = 0x20;
export const CO_NOFREE = 0x40; // not used by 3.11 any more, kept for completeness
export const CO_COROUTINE = 0x80;

export interface ExceptionTableEntry {
  /** First instruction covered. */
  start: number;
  /** One past the last instruction covered. */
  end: number;
  /** Handler instruction. */
  target: number;
  /** Value-stack depth to unwind to before pushing the exception. */
  depth: number;
  /** Whether the offset of the raising instruction is pushed first (CPython's "lasti"). */
  lasti: boolean;
}

export interface CodeObject {
  name: string; // co_name
  qualname: string; // co_qualname
  filename: string; // co_filename
  firstlineno: number; // co_firstlineno
  argcount: number; // co_argcount (includes positional-only)
  posonlyargcount: number;
  kwonlyargcount: number;
  flags: number; // co_flags
  stacksize: number; // co_stacksize, computed as CPython does (it sizes generator frames)
  /** co_localsplusnames: the arguments and other locals, then cells that are not arguments, then free variables. */
  localsplusnames: string[];
  /** co_localspluskinds: CO_FAST_LOCAL / CO_FAST_CELL / CO_FAST_FREE bits per slot (an argument that is also a cell has LOCAL|CELL). */
  localspluskinds: number[];
  names: string[]; // co_names
  consts: ConstValue[]; // co_consts
  /** Opcode of each instruction (Op). */
  ops: Uint8Array;
  /** Argument of each instruction (0 where the opcode takes none). */
  args: Int32Array;
  /** Four numbers per instruction: lineno, end_lineno, col_offset, end_col_offset (-1 = None). */
  positions: Int32Array;
  exceptiontable: ExceptionTableEntry[];
}

/** co_nlocals: slots that are plain locals or arguments (kinds with CO_FAST_LOCAL). */
export function nlocals(code: CodeObject): number {
  let n = 0;
  for (const k of code.localspluskinds) if (k & CO_FAST_LOCAL) n++;
  return n;
}
