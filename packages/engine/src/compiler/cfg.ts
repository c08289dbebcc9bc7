// The control-flow graph and the assembler: CPython 3.11's compile.c back end.
//
// Code generation emits instructions into basic blocks, using pseudo-instructions for jumps whose
// direction is not yet known (JUMP, POP_JUMP_IF_*) and for exception-handler set-up (SETUP_*,
// POP_BLOCK). `assemble` then runs the same passes in the same order as compile.c's assemble():
// normalize and extend blocks, insert the prefix (MAKE_CELL, COPY_FREE_VARS, RETURN_GENERATOR),
// optimize (constant-condition jumps, tuple folding, jump threading, dead blocks, NOPs), give
// exits line numbers, compute the stack depth, derive the exception table from the SETUP_* blocks,
// and finally turn pseudo-jumps into forward/backward opcodes. Every observable detail of the
// result (instruction order, co_stacksize, the exception table, positions) follows from
// replicating these passes, so they are kept close to the C.
import { Op, JUMP_OPS } from './opcodes.js';
import type { ExceptionTableEntry } from './code.js';
import type { ConstValue } from '../python/ast.js';
import { constKey, constTruth } from './consts.js';

// Pseudo-opcodes (negative, as in compile.c).
export const SETUP_FINALLY = -1;
export const SETUP_CLEANUP = -2;
export const SETUP_WITH = -3;
export const POP_BLOCK = -4;
export const JUMP = -5;
export const JUMP_NO_INTERRUPT = -6;
export const POP_JUMP_IF_FALSE = -7;
export const POP_JUMP_IF_TRUE = -8;
export const POP_JUMP_IF_NONE = -9;
export const POP_JUMP_IF_NOT_NONE = -10;

export interface Instr {
  op: number;
  arg: number;
  target: Block | null;
  lineno: number;
  endLineno: number;
  col: number;
  endCol: number;
  except: Block | null;
}

export class Block {
  instrs: Instr[] = [];
  next: Block | null = null;
  exit = false;
  nofallthrough = false;
  hasReturn = false;
  predecessors = 0;
  startdepth = -2147483648;
  preserveLasti = false;
  visited = false;
  exceptStack: Block[] | null = null;
  offset = 0;
}

export function isBlockPush(i: Instr): boolean {
  return i.op === SETUP_FINALLY || i.op === SETUP_WITH || i.op === SETUP_CLEANUP;
}

const IS_REAL_JUMP = new Uint8Array(256);
for (const op of JUMP_OPS) IS_REAL_JUMP[op] = 1;

export function isJump(i: Instr): boolean {
  const op = i.op;
  return op >= 0 ? IS_REAL_JUMP[op] === 1 : op <= JUMP && op >= POP_JUMP_IF_NOT_NONE;
}

function copyLoc(from: Instr, to: Instr): void {
  to.lineno = from.lineno;
  to.endLineno = from.endLineno;
  to.col = from.col;
  to.endCol = from.endCol;
}

function cloneInstr(i: Instr): Instr {
  return { ...i };
}

const MAX_COPY_SIZE = 4;

export function stackEffect(op: number, arg: number, jump: boolean | null): number {
  switch (op) {
    case Op.NOP: case Op.EXTENDED_ARG: case Op.RESUME: case Op.CACHE: return 0;
    case Op.POP_TOP: return -1;
    case Op.SWAP: return 0;
    case Op.UNARY_POSITIVE: case Op.UNARY_NEGATIVE: case Op.UNARY_NOT: case Op.UNARY_INVERT: return 0;
    case Op.SET_ADD: case Op.LIST_APPEND: return -1;
    case Op.MAP_ADD: return -2;
    case Op.BINARY_SUBSCR: return -1;
    case Op.STORE_SUBSCR: return -3;
    case Op.DELETE_SUBSCR: return -2;
    case Op.GET_ITER: return 0;
    case Op.PRINT_EXPR: return -1;
    case Op.LOAD_BUILD_CLASS: return 1;
    case Op.RETURN_VALUE: return -1;
    case Op.IMPORT_STAR: return -1;
    case Op.SETUP_ANNOTATIONS: return 0;
    case Op.ASYNC_GEN_WRAP: case Op.YIELD_VALUE: return 0;
    case POP_BLOCK: return 0;
    case Op.POP_EXCEPT: return -1;
    case Op.STORE_NAME: return -1;
    case Op.DELETE_NAME: return 0;
    case Op.UNPACK_SEQUENCE: return arg - 1;
    case Op.UNPACK_EX: return (arg & 0xff) + (arg >> 8);
    case Op.FOR_ITER: return jump ? -1 : 1;
    case Op.SEND: return jump ? -1 : 0;
    case Op.STORE_ATTR: return -2;
    case Op.DELETE_ATTR: return -1;
    case Op.STORE_GLOBAL: return -1;
    case Op.DELETE_GLOBAL: return 0;
    case Op.LOAD_CONST: return 1;
    case Op.LOAD_NAME: return 1;
    case Op.BUILD_TUPLE: case Op.BUILD_LIST: case Op.BUILD_SET: case Op.BUILD_STRING: return 1 - arg;
    case Op.BUILD_MAP: return 1 - 2 * arg;
    case Op.BUILD_CONST_KEY_MAP: return -arg;
    case Op.LOAD_ATTR: return 0;
    case Op.COMPARE_OP: case Op.IS_OP: case Op.CONTAINS_OP: return -1;
    case Op.CHECK_EXC_MATCH: case Op.CHECK_EG_MATCH: return 0;
    case Op.IMPORT_NAME: return -1;
    case Op.IMPORT_FROM: return 1;
    case Op.JUMP_FORWARD: case Op.JUMP_BACKWARD: case JUMP: case Op.JUMP_BACKWARD_NO_INTERRUPT: case JUMP_NO_INTERRUPT: return 0;
    case Op.JUMP_IF_TRUE_OR_POP: case Op.JUMP_IF_FALSE_OR_POP: return jump ? 0 : -1;
    case Op.POP_JUMP_BACKWARD_IF_NONE: case Op.POP_JUMP_FORWARD_IF_NONE: case POP_JUMP_IF_NONE:
    case Op.POP_JUMP_BACKWARD_IF_NOT_NONE: case Op.POP_JUMP_FORWARD_IF_NOT_NONE: case POP_JUMP_IF_NOT_NONE:
    case Op.POP_JUMP_FORWARD_IF_FALSE: case Op.POP_JUMP_BACKWARD_IF_FALSE: case POP_JUMP_IF_FALSE:
    case Op.POP_JUMP_FORWARD_IF_TRUE: case Op.POP_JUMP_BACKWARD_IF_TRUE: case POP_JUMP_IF_TRUE:
      return -1;
    case Op.LOAD_GLOBAL: return (arg & 1) + 1;
    case SETUP_FINALLY: return jump ? 1 : 0;
    case SETUP_CLEANUP: return jump ? 2 : 0;
    case SETUP_WITH: return jump ? 1 : 0;
    case Op.PREP_RERAISE_STAR: return -1;
    case Op.RERAISE: return -1;
    case Op.PUSH_EXC_INFO: return 1;
    case Op.WITH_EXCEPT_START: return 1;
    case Op.LOAD_FAST: return 1;
    case Op.STORE_FAST: return -1;
    case Op.DELETE_FAST: return 0;
    case Op.RETURN_GENERATOR: return 0;
    case Op.RAISE_VARARGS: return -arg;
    case Op.PRECALL: return -arg;
    case Op.KW_NAMES: return 0;
    case Op.CALL: return -1;
    case Op.CALL_FUNCTION_EX: return -2 - ((arg & 1) !== 0 ? 1 : 0);
    case Op.MAKE_FUNCTION:
      return -((arg & 1) !== 0 ? 1 : 0) - ((arg & 2) !== 0 ? 1 : 0) - ((arg & 4) !== 0 ? 1 : 0) - ((arg & 8) !== 0 ? 1 : 0);
    case Op.BUILD_SLICE: return arg === 3 ? -2 : -1;
    case Op.MAKE_CELL: case Op.COPY_FREE_VARS: return 0;
    case Op.LOAD_CLOSURE: return 1;
    case Op.LOAD_DEREF: case Op.LOAD_CLASSDEREF: return 1;
    case Op.STORE_DEREF: return -1;
    case Op.DELETE_DEREF: return 0;
    case Op.GET_AWAITABLE: return 0;
    case Op.BEFORE_ASYNC_WITH: case Op.BEFORE_WITH: return 1;
    case Op.GET_AITER: return 0;
    case Op.GET_ANEXT: return 1;
    case Op.GET_YIELD_FROM_ITER: return 0;
    case Op.END_ASYNC_FOR: return -2;
    case Op.FORMAT_VALUE: return (arg & 0x4) === 0x4 ? -1 : 0;
    case Op.LOAD_METHOD: return 1;
    case Op.LOAD_ASSERTION_ERROR: return 1;
    case Op.LIST_TO_TUPLE: return 0;
    case Op.LIST_EXTEND: case Op.SET_UPDATE: case Op.DICT_MERGE: case Op.DICT_UPDATE: return -1;
    case Op.MATCH_CLASS: return -2;
    case Op.GET_LEN: case Op.MATCH_MAPPING: case Op.MATCH_SEQUENCE: case Op.MATCH_KEYS: return 1;
    case Op.COPY: case Op.PUSH_NULL: return 1;
    case Op.BINARY_OP: return -1;
    default: throw new Error(`stack_effect: unknown opcode ${op}`);
  }
}

/** Everything `assemble` needs from the compiler unit. */
export interface AssembleInput {
  /** All blocks in creation order (compile.c's u_blocks list is the reverse). */
  blocks: Block[];
  entry: Block;
  consts: ConstValue[];
  firstlineno: number;
  isGenerator: boolean;
  nlocals: number;
  /** cellvar names (sorted, as dictbytype builds them), then freevars. */
  cellvars: string[];
  freevars: string[];
  /** For each cellvar, the argument slot it shares, or -1. */
  cellArgIndex: number[];
}

export interface Assembled {
  ops: Uint8Array;
  args: Int32Array;
  positions: Int32Array;
  exceptiontable: ExceptionTableEntry[];
  consts: ConstValue[];
  stacksize: number;
  /** Number of cell slots dropped because they share an argument slot. */
  numdropped: number;
}

export class Assembler {
  constructor(private readonly u: AssembleInput, private readonly newBlock: () => Block) {}

  run(): Assembled {
    const u = this.u;
    for (const b of u.blocks) normalizeBasicBlock(b);
    for (let k = u.blocks.length - 1; k >= 0; k--) extendBlock(u.blocks[k]!);
    const entry = u.entry;
    const fixed = this.cellFixedOffsets();
    this.insertPrefix(entry, fixed);
    const numdropped = this.fixCellOffsets(fixed);
    const consts = u.consts.slice();
    this.optimizeCfg(entry, consts);
    constIndexOf = null;
    constIndex = null;
    this.duplicateExitsWithoutLineno();
    trimUnusedConsts(entry, consts);
    propagateLineNumbers(entry);
    guaranteeLinenoForExits(entry, u.firstlineno);
    const maxdepth = this.stackdepth(entry);
    labelExceptionTargets(entry);
    for (let b: Block | null = entry; b; b = b.next) {
      for (const i of b.instrs) if (isBlockPush(i) || i.op === POP_BLOCK) i.op = Op.NOP;
    }
    for (let b: Block | null = entry; b; b = b.next) cleanBasicBlock(b);
    normalizeJumps(entry);
    return { ...emit(entry), consts, stacksize: maxdepth, numdropped };
  }

  private cellFixedOffsets(): number[] {
    const u = this.u;
    const n = u.cellvars.length + u.freevars.length;
    const fixed: number[] = [];
    for (let i = 0; i < n; i++) fixed.push(u.nlocals + i);
    u.cellArgIndex.forEach((argIndex, i) => {
      if (argIndex >= 0) fixed[i] = argIndex;
    });
    return fixed;
  }

  private insertPrefix(entry: Block, fixed: number[]): void {
    const u = this.u;
    const mk = (op: number, arg: number, lineno = -1): Instr => ({
      op, arg, target: null, lineno, endLineno: lineno, col: -1, endCol: -1, except: null,
    });
    if (u.isGenerator) {
      entry.instrs.unshift(mk(Op.RETURN_GENERATOR, 0, u.firstlineno), mk(Op.POP_TOP, 0));
    }
    const ncells = u.cellvars.length;
    if (ncells) {
      const nvars = ncells + u.nlocals;
      const sorted = new Array<number>(nvars).fill(0);
      for (let i = 0; i < ncells; i++) sorted[fixed[i]!] = i + 1;
      const cells: Instr[] = [];
      for (let i = 0; cells.length < ncells; i++) {
        const old = sorted[i]! - 1;
        if (old === -1) continue;
        cells.push(mk(Op.MAKE_CELL, old));
      }
      entry.instrs.unshift(...cells);
    }
    if (u.freevars.length) entry.instrs.unshift(mk(Op.COPY_FREE_VARS, u.freevars.length));
  }

  private fixCellOffsets(fixed: number[]): number {
    const u = this.u;
    let numdropped = 0;
    for (let i = 0; i < fixed.length; i++) {
      if (fixed[i] === i + u.nlocals) fixed[i] -= numdropped;
      else numdropped++;
    }
    for (const b of u.blocks) {
      for (const ins of b.instrs) {
        switch (ins.op) {
          case Op.MAKE_CELL: case Op.LOAD_CLOSURE: case Op.LOAD_DEREF: case Op.STORE_DEREF:
          case Op.DELETE_DEREF: case Op.LOAD_CLASSDEREF:
            ins.arg = fixed[ins.arg]!;
        }
      }
    }
    return numdropped;
  }

  private optimizeCfg(entry: Block, consts: ConstValue[]): void {
    for (let b: Block | null = entry; b; b = b.next) {
      optimizeBasicBlock(b, consts);
      cleanBasicBlock(b);
    }
    for (let k = this.u.blocks.length - 1; k >= 0; k--) extendBlock(this.u.blocks[k]!);
    markReachable(entry);
    for (let b: Block | null = entry; b; b = b.next) {
      if (b.predecessors === 0) {
        b.instrs = [];
        b.nofallthrough = false;
      }
    }
    eliminateEmptyBasicBlocks(entry);
    for (let b: Block | null = entry; b; b = b.next) cleanBasicBlock(b);
    let maybeEmpty = false;
    for (let b: Block | null = entry; b; b = b.next) {
      const last: Instr | undefined = b.instrs[b.instrs.length - 1];
      if (last && (last.op === JUMP || last.op === JUMP_NO_INTERRUPT) && last.target === b.next) {
        b.nofallthrough = false;
        last.op = Op.NOP;
        maybeEmpty = true;
      }
    }
    if (maybeEmpty) eliminateEmptyBasicBlocks(entry);
  }

  private duplicateExitsWithoutLineno(): void {
    const blocks = this.u.blocks;
    // compile.c walks u_blocks (newest first); copies are prepended, so they are not visited.
    const order = blocks.slice().reverse();
    for (const b of order) {
      const last = b.instrs[b.instrs.length - 1];
      if (last && isJump(last)) {
        const target = last.target!;
        if (isExitWithoutLineno(target) && target.predecessors > 1) {
          const copy = this.newBlock();
          copy.instrs = target.instrs.map(cloneInstr);
          copy.exit = target.exit;
          copy.nofallthrough = true;
          copyLoc(last, copy.instrs[0]!);
          last.target = copy;
          target.predecessors--;
          copy.predecessors = 1;
          copy.next = target.next;
          target.next = copy;
        }
      }
    }
    const all = this.u.blocks.slice().reverse();
    for (const b of all) {
      while (b.next && b.next.instrs.length === 0) b.next = b.next.next;
    }
    for (const b of all) {
      if (!b.nofallthrough && b.next && b.instrs.length > 0) {
        if (isExitWithoutLineno(b.next)) copyLoc(b.instrs[b.instrs.length - 1]!, b.next.instrs[0]!);
      }
    }
  }

  private stackdepth(entry: Block): number {
    for (const b of this.u.blocks) b.startdepth = -2147483648;
    const stack: Block[] = [];
    const push = (b: Block, depth: number): void => {
      if (b.startdepth < depth && b.startdepth < 100) {
        b.startdepth = depth;
        stack.push(b);
      }
    };
    let maxdepth = 0;
    push(entry, this.u.isGenerator ? 1 : 0);
    while (stack.length) {
      const b = stack.pop()!;
      let depth = b.startdepth;
      let next = b.next;
      for (const ins of b.instrs) {
        const effect = stackEffect(ins.op, ins.arg, false);
        const newDepth = depth + effect;
        if (newDepth > maxdepth) maxdepth = newDepth;
        if (isJump(ins) || isBlockPush(ins)) {
          const targetDepth = depth + stackEffect(ins.op, ins.arg, true);
          if (targetDepth > maxdepth) maxdepth = targetDepth;
          push(ins.target!, targetDepth);
        }
        depth = newDepth;
        if (ins.op === JUMP_NO_INTERRUPT || ins.op === JUMP || ins.op === Op.RETURN_VALUE ||
            ins.op === Op.RAISE_VARARGS || ins.op === Op.RERAISE) {
          next = null;
          break;
        }
      }
      if (next) push(next, depth);
    }
    return maxdepth;
  }
}

function normalizeBasicBlock(b: Block): void {
  for (let i = 0; i < b.instrs.length; i++) {
    const ins = b.instrs[i]!;
    switch (ins.op) {
      case Op.RETURN_VALUE: case Op.RAISE_VARARGS: case Op.RERAISE:
        b.exit = true;
        b.nofallthrough = true;
        break;
      case JUMP: case JUMP_NO_INTERRUPT:
        b.nofallthrough = true;
        while (ins.target!.instrs.length === 0) ins.target = ins.target!.next;
        break;
      case POP_JUMP_IF_NOT_NONE: case POP_JUMP_IF_NONE: case POP_JUMP_IF_FALSE: case POP_JUMP_IF_TRUE:
      case Op.JUMP_IF_FALSE_OR_POP: case Op.JUMP_IF_TRUE_OR_POP: case Op.FOR_ITER:
        while (ins.target!.instrs.length === 0) ins.target = ins.target!.next;
    }
  }
}

function hasLineno(b: Block): boolean {
  return b.instrs.some((i) => i.lineno > 0);
}

function extendBlock(b: Block): void {
  const last = b.instrs[b.instrs.length - 1];
  if (!last) return;
  if (last.op !== JUMP && last.op !== Op.JUMP_FORWARD && last.op !== Op.JUMP_BACKWARD) return;
  const to = last.target!;
  if (to.exit && to.instrs.length <= MAX_COPY_SIZE) {
    if (hasLineno(to)) return;
    last.op = Op.NOP;
    for (const i of to.instrs) b.instrs.push(cloneInstr(i));
    b.exit = true;
  }
}

/** Removes NOPs where that loses no line-number information (compacts in place). */
function cleanBasicBlock(b: Block): void {
  const ins = b.instrs;
  let dest = 0;
  let prevLineno = -1;
  for (let src = 0; src < ins.length; src++) {
    const cur = ins[src]!;
    const lineno = cur.lineno;
    if (cur.op === Op.NOP) {
      if (lineno < 0) continue;
      if (prevLineno === lineno) continue;
      if (src < ins.length - 1) {
        const nextLineno = ins[src + 1]!.lineno;
        if (nextLineno === lineno) continue;
        if (nextLineno < 0) {
          copyLoc(cur, ins[src + 1]!);
          continue;
        }
      } else {
        let next: Block | null = b.next;
        while (next && next.instrs.length === 0) next = next.next;
        if (next && lineno === next.instrs[0]!.lineno) continue;
      }
    }
    ins[dest++] = cur;
    prevLineno = lineno;
  }
  ins.length = dest;
}

function markReachable(entry: Block): void {
  const stack: Block[] = [entry];
  entry.predecessors = 1;
  while (stack.length) {
    const b = stack.pop()!;
    if (b.next && !b.nofallthrough) {
      if (b.next.predecessors === 0) stack.push(b.next);
      b.next.predecessors++;
    }
    for (const i of b.instrs) {
      if (isJump(i) || isBlockPush(i)) {
        const t = i.target!;
        if (t.predecessors === 0) stack.push(t);
        t.predecessors++;
      }
    }
  }
}

function eliminateEmptyBasicBlocks(entry: Block): void {
  for (let b: Block | null = entry; b; b = b.next) {
    let next: Block | null = b.next;
    if (next) {
      while (next.instrs.length === 0 && next.next) next = next.next;
      b.next = next;
    }
  }
  for (let b: Block | null = entry; b; b = b.next) {
    const last = b.instrs[b.instrs.length - 1];
    if (last && isJump(last)) {
      let t = last.target!;
      while (t.instrs.length === 0) t = t.next!;
      last.target = t;
    }
  }
}

function isExitWithoutLineno(b: Block): boolean {
  if (!b.exit) return false;
  return b.instrs.every((i) => i.lineno < 0);
}

function trimUnusedConsts(entry: Block, consts: ConstValue[]): void {
  let max = 0;
  for (let b: Block | null = entry; b; b = b.next) {
    for (const i of b.instrs) {
      if ((i.op === Op.LOAD_CONST || i.op === Op.KW_NAMES) && i.arg > max) max = i.arg;
    }
  }
  if (max + 1 < consts.length) consts.length = max + 1;
}

function propagateLineNumbers(entry: Block): void {
  for (let b: Block | null = entry; b; b = b.next) {
    if (b.instrs.length === 0) continue;
    // The location of the last instruction that had one, copied onto those that have none.
    let lineno = -1;
    let endLineno = -1;
    let col = -1;
    let endCol = -1;
    for (const i of b.instrs) {
      if (i.lineno < 0) {
        i.lineno = lineno;
        i.endLineno = endLineno;
        i.col = col;
        i.endCol = endCol;
      } else {
        lineno = i.lineno;
        endLineno = i.endLineno;
        col = i.col;
        endCol = i.endCol;
      }
    }
    const inherit = (first: Instr): void => {
      if (first.lineno < 0) {
        first.lineno = lineno;
        first.endLineno = endLineno;
        first.col = col;
        first.endCol = endCol;
      }
    };
    if (!b.nofallthrough && b.next!.predecessors === 1) inherit(b.next!.instrs[0]!);
    const last = b.instrs[b.instrs.length - 1]!;
    if (isJump(last)) {
      const t = last.target!;
      if (t.predecessors === 1) inherit(t.instrs[0]!);
    }
  }
}

function guaranteeLinenoForExits(entry: Block, firstlineno: number): void {
  let lineno = firstlineno;
  for (let b: Block | null = entry; b; b = b.next) {
    const last = b.instrs[b.instrs.length - 1];
    if (!last) continue;
    if (last.lineno < 0) {
      if (last.op === Op.RETURN_VALUE) for (const i of b.instrs) i.lineno = lineno;
    } else {
      lineno = last.lineno;
    }
  }
}

function labelExceptionTargets(entry: Block): void {
  for (let b: Block | null = entry; b; b = b.next) b.visited = false;
  const todo: Block[] = [entry];
  entry.visited = true;
  entry.exceptStack = [];
  while (todo.length) {
    const b = todo.pop()!;
    let stack = b.exceptStack!;
    b.exceptStack = null;
    let handler: Block | null = stack.length ? stack[stack.length - 1]! : null;
    for (const ins of b.instrs) {
      if (isBlockPush(ins)) {
        const t = ins.target!;
        if (!t.visited) {
          t.exceptStack = stack.slice();
          t.visited = true;
          todo.push(t);
        }
        if (ins.op === SETUP_WITH || ins.op === SETUP_CLEANUP) t.preserveLasti = true;
        stack.push(t);
        handler = t;
      } else if (ins.op === POP_BLOCK) {
        stack.pop();
        handler = stack.length ? stack[stack.length - 1]! : null;
      } else if (isJump(ins)) {
        ins.except = handler;
        const t = ins.target!;
        if (!t.visited) {
          if (!b.nofallthrough) {
            t.exceptStack = stack.slice();
          } else {
            t.exceptStack = stack;
            stack = null as unknown as Block[];
          }
          t.visited = true;
          todo.push(t);
        }
      } else {
        ins.except = handler;
      }
    }
    if (!b.nofallthrough && !b.next!.visited) {
      b.next!.exceptStack = stack;
      b.next!.visited = true;
      todo.push(b.next!);
    }
  }
}

function normalizeJumps(entry: Block): void {
  for (let b: Block | null = entry; b; b = b.next) b.visited = false;
  for (let b: Block | null = entry; b; b = b.next) {
    b.visited = true;
    const last = b.instrs[b.instrs.length - 1];
    if (!last || !isJump(last)) continue;
    const fwd = !last.target!.visited;
    switch (last.op) {
      case JUMP: last.op = fwd ? Op.JUMP_FORWARD : Op.JUMP_BACKWARD; break;
      case JUMP_NO_INTERRUPT: last.op = fwd ? Op.JUMP_FORWARD : Op.JUMP_BACKWARD_NO_INTERRUPT; break;
      case POP_JUMP_IF_NOT_NONE: last.op = fwd ? Op.POP_JUMP_FORWARD_IF_NOT_NONE : Op.POP_JUMP_BACKWARD_IF_NOT_NONE; break;
      case POP_JUMP_IF_NONE: last.op = fwd ? Op.POP_JUMP_FORWARD_IF_NONE : Op.POP_JUMP_BACKWARD_IF_NONE; break;
      case POP_JUMP_IF_FALSE: last.op = fwd ? Op.POP_JUMP_FORWARD_IF_FALSE : Op.POP_JUMP_BACKWARD_IF_FALSE; break;
      case POP_JUMP_IF_TRUE: last.op = fwd ? Op.POP_JUMP_FORWARD_IF_TRUE : Op.POP_JUMP_BACKWARD_IF_TRUE; break;
    }
  }
}

function emit(entry: Block): { ops: Uint8Array; args: Int32Array; positions: Int32Array; exceptiontable: ExceptionTableEntry[] } {
  let n = 0;
  for (let b: Block | null = entry; b; b = b.next) {
    b.offset = n;
    n += b.instrs.length;
  }
  const ops = new Uint8Array(n);
  const args = new Int32Array(n);
  const positions = new Int32Array(n * 4);
  const table: ExceptionTableEntry[] = [];
  let k = 0;
  let handler: Block | null = null;
  let start = -1;
  const flush = (end: number): void => {
    if (handler) {
      let depth = handler.startdepth - 1;
      if (handler.preserveLasti) depth -= 1;
      table.push({ start, end, target: handler.offset, depth, lasti: handler.preserveLasti });
    }
  };
  for (let b: Block | null = entry; b; b = b.next) {
    for (const i of b.instrs) {
      if (i.except !== handler) {
        flush(k);
        start = k;
        handler = i.except;
      }
      ops[k] = i.op;
      args[k] = isJump(i) ? i.target!.offset : (i.op >= 90 ? i.arg : 0);
      const p = k * 4;
      if (i.lineno < 0) {
        positions[p] = positions[p + 1] = positions[p + 2] = positions[p + 3] = -1;
      } else {
        const noColumn = i.col < 0 || i.endCol < 0;
        positions[p] = i.lineno;
        positions[p + 1] = noColumn && (i.endLineno === i.lineno || i.endLineno === -1) ? i.lineno : i.endLineno;
        positions[p + 2] = noColumn ? -1 : i.col;
        positions[p + 3] = noColumn ? -1 : i.endCol;
      }
      k++;
    }
  }
  flush(k);
  return { ops, args, positions, exceptiontable: table };
}

// ---- per-block peephole optimisation (optimize_basic_block) -----------------------------------

/** consts' keys, built on first use by a tuple fold (most code objects never need it). */
let constIndex: Map<string, number> | null = null;
let constIndexOf: ConstValue[] | null = null;

function findConst(consts: ConstValue[], c: ConstValue): number {
  if (constIndexOf !== consts) {
    constIndex = new Map();
    consts.forEach((x, i) => {
      const k = constKey(x);
      if (!constIndex!.has(k)) constIndex!.set(k, i);
    });
    constIndexOf = consts;
  }
  const key = constKey(c);
  const have = constIndex!.get(key);
  if (have !== undefined) return have;
  consts.push(c);
  constIndex!.set(key, consts.length - 1);
  return consts.length - 1;
}

function jumpThread(inst: Instr, target: Instr, op: number): boolean {
  if (inst.lineno === target.lineno && inst.target !== target.target) {
    inst.target = target.target;
    inst.op = op;
    return true;
  }
  return false;
}

const NOP_INSTR: Instr = { op: Op.NOP, arg: 0, target: null, lineno: -1, endLineno: -1, col: -1, endCol: -1, except: null };

function optimizeBasicBlock(bb: Block, consts: ConstValue[]): void {
  const ins = bb.instrs;
  for (let i = 0; i < ins.length; i++) {
    const inst = ins[i]!;
    const oparg = inst.arg;
    const nextop = i + 1 < ins.length ? ins[i + 1]!.op : 0;
    let target: Instr;
    if (isJump(inst) || isBlockPush(inst)) {
      while (inst.target!.instrs.length === 0) inst.target = inst.target!.next;
      target = inst.target!.instrs[0]!;
    } else {
      target = NOP_INSTR;
    }
    switch (inst.op) {
      case Op.LOAD_CONST: {
        switch (nextop) {
          case POP_JUMP_IF_FALSE:
          case POP_JUMP_IF_TRUE: {
            const isTrue = constTruth(consts[oparg]!);
            inst.op = Op.NOP;
            const jumpIfTrue = nextop === POP_JUMP_IF_TRUE;
            if (isTrue === jumpIfTrue) {
              ins[i + 1]!.op = JUMP;
              bb.nofallthrough = true;
            } else {
              ins[i + 1]!.op = Op.NOP;
            }
            break;
          }
          case Op.JUMP_IF_FALSE_OR_POP:
          case Op.JUMP_IF_TRUE_OR_POP: {
            const isTrue = constTruth(consts[oparg]!);
            const jumpIfTrue = nextop === Op.JUMP_IF_TRUE_OR_POP;
            if (isTrue === jumpIfTrue) {
              ins[i + 1]!.op = JUMP;
              bb.nofallthrough = true;
            } else {
              inst.op = Op.NOP;
              ins[i + 1]!.op = Op.NOP;
            }
            break;
          }
          case Op.IS_OP: {
            const jumpOp = i + 2 < ins.length ? ins[i + 2]!.op : 0;
            if (consts[oparg]!.kind === 'None' && (jumpOp === POP_JUMP_IF_FALSE || jumpOp === POP_JUMP_IF_TRUE)) {
              const nextarg = ins[i + 1]!.arg;
              inst.op = Op.NOP;
              ins[i + 1]!.op = Op.NOP;
              ins[i + 2]!.op = (nextarg ^ (jumpOp === POP_JUMP_IF_FALSE ? 1 : 0)) ? POP_JUMP_IF_NOT_NONE : POP_JUMP_IF_NONE;
            }
            break;
          }
        }
        break;
      }
      case Op.BUILD_TUPLE:
        if (nextop === Op.UNPACK_SEQUENCE && oparg === ins[i + 1]!.arg) {
          if (oparg === 1) {
            inst.op = Op.NOP;
            ins[i + 1]!.op = Op.NOP;
            continue;
          }
          if (oparg === 2 || oparg === 3) {
            inst.op = Op.NOP;
            ins[i + 1]!.op = Op.SWAP;
            continue;
          }
        }
        if (i >= oparg) foldTupleOnConstants(ins, i - oparg, oparg, consts);
        break;
      case Op.JUMP_IF_FALSE_OR_POP:
        switch (target.op) {
          case POP_JUMP_IF_FALSE: i -= jumpThread(inst, target, POP_JUMP_IF_FALSE) ? 1 : 0; break;
          case JUMP: case Op.JUMP_IF_FALSE_OR_POP: i -= jumpThread(inst, target, Op.JUMP_IF_FALSE_OR_POP) ? 1 : 0; break;
          case Op.JUMP_IF_TRUE_OR_POP: case POP_JUMP_IF_TRUE:
            if (inst.lineno === target.lineno) {
              inst.op = POP_JUMP_IF_FALSE;
              inst.target = inst.target!.next;
              i--;
            }
            break;
        }
        break;
      case Op.JUMP_IF_TRUE_OR_POP:
        switch (target.op) {
          case POP_JUMP_IF_TRUE: i -= jumpThread(inst, target, POP_JUMP_IF_TRUE) ? 1 : 0; break;
          case JUMP: case Op.JUMP_IF_TRUE_OR_POP: i -= jumpThread(inst, target, Op.JUMP_IF_TRUE_OR_POP) ? 1 : 0; break;
          case Op.JUMP_IF_FALSE_OR_POP: case POP_JUMP_IF_FALSE:
            if (inst.lineno === target.lineno) {
              inst.op = POP_JUMP_IF_TRUE;
              inst.target = inst.target!.next;
              i--;
            }
            break;
        }
        break;
      case POP_JUMP_IF_NOT_NONE:
      case POP_JUMP_IF_NONE:
      case POP_JUMP_IF_FALSE:
      case POP_JUMP_IF_TRUE:
      case JUMP:
        if (target.op === JUMP) i -= jumpThread(inst, target, inst.op) ? 1 : 0;
        break;
      case Op.SWAP:
        if (oparg === 1) {
          inst.op = Op.NOP;
          break;
        }
        i = swaptimize(bb, i);
        applyStaticSwaps(bb, i);
        break;
      case Op.PUSH_NULL:
        if (nextop === Op.LOAD_GLOBAL) {
          inst.op = Op.NOP;
          inst.arg = 0;
          ins[i + 1]!.arg |= 1;
        }
        break;
    }
  }
}

function foldTupleOnConstants(ins: Instr[], start: number, n: number, consts: ConstValue[]): void {
  for (let i = 0; i < n; i++) if (ins[start + i]!.op !== Op.LOAD_CONST) return;
  const items: ConstValue[] = [];
  for (let i = 0; i < n; i++) items.push(consts[ins[start + i]!.arg]!);
  const index = findConst(consts, { kind: 'tuple', items });
  for (let i = 0; i < n; i++) ins[start + i]!.op = Op.NOP;
  ins[start + n]!.op = Op.LOAD_CONST;
  ins[start + n]!.arg = index;
}

function swaptimize(block: Block, ix: number): number {
  const ins = block.instrs;
  let depth = ins[ix]!.arg;
  let len = 0;
  let more = false;
  const limit = ins.length - ix;
  while (++len < limit) {
    const op = ins[ix + len]!.op;
    if (op === Op.SWAP) {
      depth = Math.max(depth, ins[ix + len]!.arg);
      more = true;
    } else if (op !== Op.NOP) {
      break;
    }
  }
  if (!more) return ix;
  const stack: number[] = [];
  for (let i = 0; i < depth; i++) stack.push(i);
  for (let i = 0; i < len; i++) {
    const x = ins[ix + i]!;
    if (x.op === Op.SWAP) {
      const top = stack[0]!;
      stack[0] = stack[x.arg - 1]!;
      stack[x.arg - 1] = top;
    }
  }
  let current = len - 1;
  const VISITED = -1;
  for (let i = 0; i < depth; i++) {
    if (stack[i] === VISITED || stack[i] === i) continue;
    let j = i;
    for (;;) {
      if (j) {
        const x = ins[ix + current--]!;
        x.op = Op.SWAP;
        x.arg = j + 1;
      }
      if (stack[j] === VISITED) break;
      const nextJ = stack[j]!;
      stack[j] = VISITED;
      j = nextJ;
    }
  }
  while (current >= 0) ins[ix + current--]!.op = Op.NOP;
  return ix + len - 1;
}

function swappable(op: number): boolean {
  return op === Op.STORE_FAST || op === Op.POP_TOP;
}

function nextSwappable(block: Block, i: number, lineno: number): number {
  const ins = block.instrs;
  while (++i < ins.length) {
    const x = ins[i]!;
    if (lineno >= 0 && x.lineno !== lineno) return -1;
    if (x.op === Op.NOP) continue;
    if (swappable(x.op)) return i;
    return -1;
  }
  return -1;
}

function applyStaticSwaps(block: Block, i: number): void {
  const ins = block.instrs;
  for (; i >= 0; i--) {
    const swap = ins[i]!;
    if (swap.op !== Op.SWAP) {
      if (swap.op === Op.NOP || swappable(swap.op)) continue;
      return;
    }
    const j = nextSwappable(block, i, -1);
    if (j < 0) return;
    let k = j;
    const lineno = ins[j]!.lineno;
    for (let count = swap.arg - 1; count > 0; count--) {
      k = nextSwappable(block, k, lineno);
      if (k < 0) return;
    }
    swap.op = Op.NOP;
    const tmp = ins[j]!;
    ins[j] = ins[k]!;
    ins[k] = tmp;
  }
}
