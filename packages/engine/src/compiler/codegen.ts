// Code generation: AST → basic blocks of CPython 3.11 instructions, one compiler unit per scope.
//
// This follows Python/compile.c function by function (compiler_visit_stmt, compiler_call, ...):
// the same instruction sequences, the same block structure and the same source locations, so
// that after the shared back end (cfg.ts) the result equals what CPython 3.11.7 produces.
import type * as A from '../python/ast.js';
import type { ConstValue } from '../python/ast.js';
import { Op } from './opcodes.js';
import {
  CO_FAST_CELL, CO_FAST_FREE, CO_FAST_LOCAL, CO_GENERATOR, CO_NESTED, CO_NEWLOCALS, CO_OPTIMIZED,
  CO_VARARGS, CO_VARKEYWORDS, type CodeObject,
} from './code.js';
import {
  Assembler, Block, type Instr, JUMP, JUMP_NO_INTERRUPT, POP_BLOCK, POP_JUMP_IF_FALSE, POP_JUMP_IF_TRUE,
  SETUP_CLEANUP, SETUP_FINALLY, SETUP_WITH, isJump,
} from './cfg.js';
import { codeEqual, codeSignature, constKey } from './consts.js';
import { type CompileError, type CompileWarning, type ErrorContext, NotSupportedError, errorAt } from './errors.js';
import { LATE_FUTURE } from './future.js';
import { DEF_FREE_CLASS, DEF_IMPORT, Scope, type SymbolBlock, type SymbolTable, mangle } from './symtable.js';

const STACK_USE_GUIDELINE = 30;
const NONE: ConstValue = { kind: 'None' };

type ScopeType = 'module' | 'class' | 'function' | 'lambda' | 'comprehension';

const enum FB { WhileLoop, ForLoop, TryExcept, FinallyTry, FinallyEnd, With, HandlerCleanup, PopValue, ExceptionHandler }

interface FBlock {
  type: FB;
  block: Block | null;
  exit: Block | null;
  /** FinallyTry: the finally body; With: the With statement; HandlerCleanup: the bound name. */
  datum: A.Stmt[] | A.Stmt | string | null;
}

const BINOP: Record<A.Operator, number> = {
  Add: 0, BitAnd: 1, FloorDiv: 2, LShift: 3, MatMult: 4, Mult: 5, Mod: 6, BitOr: 7, Pow: 8, RShift: 9, Sub: 10, Div: 11, BitXor: 12,
};
const INPLACE = 13;
const CMP: Partial<Record<A.CmpOperator, number>> = { Lt: 0, LtE: 1, Eq: 2, NotEq: 3, Gt: 4, GtE: 5 };

class Unit {
  readonly blocks: Block[] = [];
  cur: Block;
  readonly entry: Block;
  needNewBlock = false;
  readonly consts: ConstValue[] = [];
  readonly constIndex = new Map<string, number>();
  readonly names: string[] = [];
  readonly nameIndex = new Map<string, number>();
  readonly varnames: string[];
  readonly varIndex = new Map<string, number>();
  readonly cellvars: string[];
  readonly freevars: string[];
  /** Index of a name among cellvars (then freevars, offset by the number of cells). */
  readonly cellIndex = new Map<string, number>();
  readonly freeIndex = new Map<string, number>();
  argcount = 0;
  posonlyargcount = 0;
  kwonlyargcount = 0;
  lineno: number;
  endLineno: number;
  col = 0;
  endCol = 0;
  readonly fblocks: FBlock[] = [];
  qualname = '';

  constructor(
    readonly ste: SymbolBlock, readonly scopeType: ScopeType, readonly name: string,
    readonly privateName: string | null, public firstlineno: number,
  ) {
    this.varnames = ste.varnames.slice();
    this.varnames.forEach((n, i) => this.varIndex.set(n, i));
    const cells: string[] = [];
    const frees: string[] = [];
    for (const [n, scope] of ste.scopes) {
      if (scope === Scope.Cell) cells.push(n);
      if (scope === Scope.Free || (ste.flagsOf(n) & DEF_FREE_CLASS)) frees.push(n);
    }
    if (ste.needsClassClosure) cells.push('__class__');
    cells.sort(cmpStr);
    frees.sort(cmpStr);
    this.cellvars = cells;
    this.freevars = frees;
    cells.forEach((n, i) => this.cellIndex.set(n, i));
    frees.forEach((n, i) => this.freeIndex.set(n, cells.length + i));
    this.lineno = firstlineno;
    this.endLineno = firstlineno;
    this.entry = this.newBlock();
    this.cur = this.entry;
  }

  newBlock(): Block {
    const b = new Block();
    this.blocks.push(b);
    return b;
  }

  useNext(b: Block): void {
    this.cur.next = b;
    this.cur = b;
    this.needNewBlock = false;
  }

  addConst(c: ConstValue): number {
    if (c.kind === 'code') return this.addCodeConst(c);
    const key = constKey(c);
    let i = this.constIndex.get(key);
    if (i === undefined) {
      i = this.consts.length;
      this.consts.push(c);
      this.constIndex.set(key, i);
    }
    return i;
  }

  private readonly codeConsts = new Map<string, number[]>();

  private addCodeConst(c: ConstValue & { kind: 'code' }): number {
    const sig = codeSignature(c.code);
    let candidates = this.codeConsts.get(sig);
    if (candidates) {
      for (const i of candidates) {
        const have = this.consts[i]!;
        if (have.kind === 'code' && codeEqual(have.code, c.code)) return i;
      }
    } else {
      candidates = [];
      this.codeConsts.set(sig, candidates);
    }
    const i = this.consts.length;
    this.consts.push(c);
    candidates.push(i);
    return i;
  }

  addName(n: string): number {
    let i = this.nameIndex.get(n);
    if (i === undefined) {
      i = this.names.length;
      this.names.push(n);
      this.nameIndex.set(n, i);
    }
    return i;
  }

  addVarname(n: string): number {
    let i = this.varIndex.get(n);
    if (i === undefined) {
      i = this.varnames.length;
      this.varnames.push(n);
      this.varIndex.set(n, i);
    }
    return i;
  }
}

function cmpStr(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function isEndOfBlock(i: Instr): boolean {
  return isJump(i) || i.op === Op.RETURN_VALUE || i.op === Op.RAISE_VARARGS || i.op === Op.RERAISE;
}

function docstring(body: A.Stmt[]): A.Constant | null {
  const first = body[0];
  if (first && first.type === 'Expr' && first.value.type === 'Constant' && first.value.value.kind === 'str') return first.value;
  return null;
}

function findAnn(stmts: A.Stmt[]): boolean {
  for (const s of stmts) {
    switch (s.type) {
      case 'AnnAssign': return true;
      case 'For': case 'AsyncFor': case 'While': case 'If':
        if (findAnn(s.body) || findAnn(s.orelse)) return true;
        break;
      case 'With': case 'AsyncWith':
        if (findAnn(s.body)) return true;
        break;
      case 'Try': case 'TryStar':
        if (findAnn(s.body) || findAnn(s.orelse) || findAnn(s.finalbody)) return true;
        for (const h of s.handlers) if (findAnn(h.body)) return true;
        break;
    }
  }
  return false;
}

export class CodeGenerator {
  private u!: Unit;
  private readonly stack: Unit[] = [];

  private readonly filename: string;
  /** SyntaxWarnings in emission order (CPython prints each as it compiles, duplicates included). */
  readonly warnings: CompileWarning[] = [];

  constructor(private readonly st: SymbolTable, private readonly ctx: ErrorContext, private readonly futureLineno = 0) {
    this.filename = ctx.filename;
  }

  // ---- units ----------------------------------------------------------------------------------

  private enterScope(name: string, scopeType: ScopeType, node: object, lineno: number, privateName: string | null): void {
    const ste = this.st.blocks.get(node);
    if (!ste) throw new Error(`compiler: no symbol table for ${name}`);
    const u = new Unit(ste, scopeType, name, privateName, lineno);
    if (this.u) this.stack.push(this.u);
    this.u = u;
    if (scopeType === 'module') {
      u.lineno = 0;
      u.qualname = name;
    } else {
      this.setQualname();
    }
    this.addop(Op.RESUME, 0);
    if (scopeType === 'module') u.lineno = -1;
  }

  private exitScope(): void {
    this.u = this.stack.pop()!;
  }

  private setQualname(): void {
    const u = this.u;
    const parent = this.stack[this.stack.length - 1];
    let base: string | null = null;
    if (parent && parent.scopeType !== 'module') {
      let forceGlobal = false;
      if (u.scopeType === 'function' || u.scopeType === 'class') {
        const mangled = mangle(parent.privateName, u.name);
        if (parent.ste.scopeOf(mangled) === Scope.GlobalExplicit) forceGlobal = true;
      }
      if (!forceGlobal) {
        if (parent.scopeType === 'function' || parent.scopeType === 'lambda') base = parent.qualname + '.<locals>';
        else base = parent.qualname;
      }
    }
    u.qualname = base !== null ? base + '.' + u.name : u.name;
  }

  private assemble(addNone: boolean): CodeObject {
    const u = this.u;
    if (!u.cur.hasReturn) {
      this.unsetLoc();
      if (addNone) this.loadConst(NONE);
      this.addop(Op.RETURN_VALUE);
    }
    if (!u.firstlineno) {
      const first = u.entry.instrs[0];
      u.firstlineno = first && first.lineno ? first.lineno : 1;
    }
    const ste = u.ste;
    let flags = 0;
    if (ste.type === 'function') {
      flags |= CO_NEWLOCALS | CO_OPTIMIZED;
      if (ste.nested) flags |= CO_NESTED;
      if (ste.generator) flags |= CO_GENERATOR;
      if (ste.varargs) flags |= CO_VARARGS;
      if (ste.varkeywords) flags |= CO_VARKEYWORDS;
    }
    const nlocals = u.varnames.length;
    const cellArgIndex = u.cellvars.map((n) => u.varIndex.get(n) ?? -1);
    const asm = new Assembler({
      blocks: u.blocks, entry: u.entry, consts: u.consts, firstlineno: u.firstlineno,
      isGenerator: ste.generator, nlocals, cellvars: u.cellvars, freevars: u.freevars, cellArgIndex,
    }, () => u.newBlock());
    const out = asm.run();
    const localsplusnames = u.varnames.slice();
    const localspluskinds: number[] = localsplusnames.map(() => CO_FAST_LOCAL);
    u.cellvars.forEach((n, i) => {
      const argIndex = cellArgIndex[i]!;
      if (argIndex >= 0) localspluskinds[argIndex]! |= CO_FAST_CELL;
      else {
        localsplusnames.push(n);
        localspluskinds.push(CO_FAST_CELL);
      }
    });
    for (const n of u.freevars) {
      localsplusnames.push(n);
      localspluskinds.push(CO_FAST_FREE);
    }
    return {
      name: u.name,
      qualname: u.qualname,
      filename: this.filename,
      firstlineno: u.firstlineno,
      argcount: u.argcount + u.posonlyargcount,
      posonlyargcount: u.posonlyargcount,
      kwonlyargcount: u.kwonlyargcount,
      flags,
      stacksize: out.stacksize,
      localsplusnames,
      localspluskinds,
      names: u.names.slice(),
      consts: out.consts,
      ops: out.ops,
      args: out.args,
      positions: out.positions,
      exceptiontable: out.exceptiontable,
    };
  }

  // ---- emitting -------------------------------------------------------------------------------

  private setLoc(n: A.Pos): void {
    const u = this.u;
    u.lineno = n.lineno;
    u.col = n.col_offset;
    u.endLineno = n.end_lineno;
    u.endCol = n.end_col_offset;
  }

  private unsetLoc(): void {
    const u = this.u;
    u.lineno = -1;
    u.col = -1;
    u.endLineno = -1;
    u.endCol = -1;
  }

  private saveLoc(): [number, number, number, number] {
    const u = this.u;
    return [u.lineno, u.endLineno, u.col, u.endCol];
  }

  private restoreLoc(l: [number, number, number, number]): void {
    const u = this.u;
    [u.lineno, u.endLineno, u.col, u.endCol] = l;
  }

  private emit(op: number, arg: number, target: Block | null, lineno: number, endLineno: number, col: number, endCol: number): void {
    const u = this.u;
    if (u.needNewBlock) this.useNext(this.newBlock());
    const b = u.cur;
    const i: Instr = { op, arg, target, lineno, endLineno, col, endCol, except: null };
    b.instrs.push(i);
    if (op === Op.RETURN_VALUE) b.hasReturn = true;
    if (isEndOfBlock(i)) u.needNewBlock = true;
  }

  private addop(op: number, arg = 0): void {
    const u = this.u;
    this.emit(op, arg, null, u.lineno, u.endLineno, u.col, u.endCol);
  }

  private addopNoline(op: number, arg = 0): void {
    this.emit(op, arg, null, -1, 0, 0, 0);
  }

  private jump(op: number, target: Block): void {
    const u = this.u;
    this.emit(op, 0, target, u.lineno, u.endLineno, u.col, u.endCol);
  }

  private jumpNoline(op: number, target: Block): void {
    this.emit(op, 0, target, -1, 0, 0, 0);
  }

  private newBlock(): Block {
    return this.u.newBlock();
  }

  private useNext(b: Block): void {
    this.u.useNext(b);
  }

  private loadConst(c: ConstValue): void {
    this.addop(Op.LOAD_CONST, this.u.addConst(c));
  }

  private addName(op: number, name: string): void {
    this.addop(op, this.u.addName(mangle(this.u.privateName, name)));
  }

  private warn(message: string): void {
    const u = this.u;
    this.warnings.push({ category: 'SyntaxWarning', message, lineno: u.lineno, col_offset: u.col, end_lineno: u.endLineno, end_col_offset: u.endCol });
  }

  private error(msg: string): CompileError {
    const u = this.u;
    return errorAt(msg, { lineno: u.lineno, col_offset: u.col, end_lineno: u.endLineno, end_col_offset: u.endCol }, this.ctx);
  }

  // ---- module, functions, classes -------------------------------------------------------------

  compileModule(mod: A.Module): CodeObject {
    this.enterScope('<module>', 'module', mod, 1, null);
    this.u.lineno = 1;
    this.body(mod.body);
    return this.assemble(true);
  }

  private body(stmts: A.Stmt[]): void {
    if (this.u.scopeType === 'module' && stmts.length) this.setLoc(stmts[0]!);
    if (findAnn(stmts)) this.addop(Op.SETUP_ANNOTATIONS);
    if (!stmts.length) return;
    let i = 0;
    const doc = docstring(stmts);
    if (doc) {
      i = 1;
      this.setLoc(stmts[0]!);
      this.expr(doc);
      this.unsetLoc();
      this.nameop('__doc__', 'Store');
    }
    for (; i < stmts.length; i++) this.stmt(stmts[i]!);
  }

  private makeClosure(co: CodeObject, flags: number): void {
    const nfree = co.localspluskinds.filter((k) => k === CO_FAST_FREE).length;
    if (nfree) {
      const n = co.localsplusnames.length;
      for (let i = n - nfree; i < n; i++) {
        const name = co.localsplusnames[i]!;
        const refType = this.refType(name);
        const u = this.u;
        const arg = refType === Scope.Cell ? u.cellIndex.get(name) : u.freeIndex.get(name);
        if (arg === undefined) throw new Error(`compiler: no closure cell for ${name} in ${u.name}`);
        this.addop(Op.LOAD_CLOSURE, arg);
      }
      flags |= 0x08;
      this.addop(Op.BUILD_TUPLE, nfree);
    }
    this.loadConst({ kind: 'code', code: co });
    this.addop(Op.MAKE_FUNCTION, flags);
  }

  private refType(name: string): Scope {
    if (this.u.scopeType === 'class' && name === '__class__') return Scope.Cell;
    return this.u.ste.scopeOf(name);
  }

  private decorators(decos: A.Expr[]): void {
    for (const d of decos) this.expr(d);
  }

  private applyDecorators(decos: A.Expr[]): void {
    if (!decos.length) return;
    const saved = this.saveLoc();
    for (let i = decos.length - 1; i >= 0; i--) {
      this.setLoc(decos[i]!);
      this.addop(Op.PRECALL, 0);
      this.addop(Op.CALL, 0);
    }
    this.restoreLoc(saved);
  }

  private kwonlyDefaults(args: A.Arguments): boolean {
    const keys: ConstValue[] = [];
    args.kwonlyargs.forEach((a, i) => {
      const d = args.kw_defaults[i];
      if (d) {
        keys.push({ kind: 'str', value: mangle(this.u.privateName, a.arg) });
        this.expr(d);
      }
    });
    if (keys.length) {
      this.loadConst({ kind: 'tuple', items: keys });
      this.addop(Op.BUILD_CONST_KEY_MAP, keys.length);
      return true;
    }
    return false;
  }

  private defaultArguments(args: A.Arguments): number {
    let flags = 0;
    if (args.defaults.length) {
      for (const d of args.defaults) this.expr(d);
      this.addop(Op.BUILD_TUPLE, args.defaults.length);
      flags |= 0x01;
    }
    if (args.kwonlyargs.length && this.kwonlyDefaults(args)) flags |= 0x02;
    return flags;
  }

  private annotations(args: A.Arguments, returns: A.Expr | null): boolean {
    let len = 0;
    const one = (id: string, ann: A.Expr | null): void => {
      if (!ann) return;
      this.loadConst({ kind: 'str', value: mangle(this.u.privateName, id) });
      if (ann.type === 'Starred') {
        this.expr(ann.value);
        this.addop(Op.UNPACK_SEQUENCE, 1);
      } else {
        this.expr(ann);
      }
      len += 2;
    };
    for (const a of args.args) one(a.arg, a.annotation);
    for (const a of args.posonlyargs) one(a.arg, a.annotation);
    if (args.vararg && args.vararg.annotation) one(args.vararg.arg, args.vararg.annotation);
    for (const a of args.kwonlyargs) one(a.arg, a.annotation);
    if (args.kwarg && args.kwarg.annotation) one(args.kwarg.arg, args.kwarg.annotation);
    one('return', returns);
    if (len) {
      this.addop(Op.BUILD_TUPLE, len);
      return true;
    }
    return false;
  }

  private checkDebugArgs(args: A.Arguments): void {
    const all = [...args.posonlyargs, ...args.args, ...args.kwonlyargs];
    if (args.vararg) all.push(args.vararg);
    if (args.kwarg) all.push(args.kwarg);
    for (const a of all) {
      if (a.arg === '__debug__') throw errorAt('cannot assign to __debug__', a, this.ctx);
    }
  }

  private functionDef(s: A.FunctionDef): void {
    this.checkDebugArgs(s.args);
    this.decorators(s.decorator_list);
    const firstlineno = s.decorator_list.length ? s.decorator_list[0]!.lineno : s.lineno;
    let funcflags = this.defaultArguments(s.args);
    if (this.annotations(s.args, s.returns)) funcflags |= 0x04;
    this.enterScope(s.name, 'function', s, firstlineno, this.u.privateName);
    const doc = docstring(s.body);
    this.u.addConst(doc ? doc.value : NONE);
    this.u.argcount = s.args.args.length;
    this.u.posonlyargcount = s.args.posonlyargs.length;
    this.u.kwonlyargcount = s.args.kwonlyargs.length;
    for (let i = doc ? 1 : 0; i < s.body.length; i++) this.stmt(s.body[i]!);
    const co = this.assemble(true);
    this.exitScope();
    this.makeClosure(co, funcflags);
    this.applyDecorators(s.decorator_list);
    this.nameop(s.name, 'Store');
  }

  private classDef(s: A.ClassDef): void {
    this.decorators(s.decorator_list);
    const firstlineno = s.decorator_list.length ? s.decorator_list[0]!.lineno : s.lineno;
    this.enterScope(s.name, 'class', s, firstlineno, s.name);
    this.nameop('__name__', 'Load');
    this.nameop('__module__', 'Store');
    this.loadConst({ kind: 'str', value: this.u.qualname });
    this.nameop('__qualname__', 'Store');
    this.body(s.body);
    this.unsetLoc();
    if (this.u.ste.needsClassClosure) {
      const i = this.u.cellIndex.get('__class__')!;
      this.addop(Op.LOAD_CLOSURE, i);
      this.addop(Op.COPY, 1);
      this.nameop('__classcell__', 'Store');
    } else {
      this.loadConst(NONE);
    }
    this.addop(Op.RETURN_VALUE);
    const co = this.assemble(true);
    this.exitScope();
    this.addop(Op.PUSH_NULL);
    this.addop(Op.LOAD_BUILD_CLASS);
    this.makeClosure(co, 0);
    this.loadConst({ kind: 'str', value: s.name });
    this.callHelper(2, s.bases, s.keywords);
    this.applyDecorators(s.decorator_list);
    this.nameop(s.name, 'Store');
  }

  private lambda(e: A.Lambda): void {
    this.checkDebugArgs(e.args);
    const funcflags = this.defaultArguments(e.args);
    this.enterScope('<lambda>', 'lambda', e, e.lineno, this.u.privateName);
    this.u.addConst(NONE);
    this.u.argcount = e.args.args.length;
    this.u.posonlyargcount = e.args.posonlyargs.length;
    this.u.kwonlyargcount = e.args.kwonlyargs.length;
    this.expr(e.body);
    let co: CodeObject;
    if (this.u.ste.generator) {
      co = this.assemble(false);
    } else {
      this.addop(Op.RETURN_VALUE);
      co = this.assemble(true);
    }
    this.exitScope();
    this.makeClosure(co, funcflags);
  }

  // ---- statements -----------------------------------------------------------------------------

  private stmts(list: A.Stmt[]): void {
    for (const s of list) this.stmt(s);
  }

  private stmt(s: A.Stmt): void {
    this.setLoc(s);
    switch (s.type) {
      case 'FunctionDef': return this.functionDef(s);
      case 'ClassDef': return this.classDef(s);
      case 'Return': return this.return_(s);
      case 'Delete':
        for (const t of s.targets) this.expr(t);
        return;
      case 'Assign':
        this.expr(s.value);
        s.targets.forEach((t, i) => {
          if (i < s.targets.length - 1) this.addop(Op.COPY, 1);
          this.expr(t);
        });
        return;
      case 'AugAssign': return this.augassign(s);
      case 'AnnAssign': return this.annassign(s);
      case 'For': return this.for_(s);
      case 'While': return this.while_(s);
      case 'If': return this.if_(s);
      case 'Raise': {
        let n = 0;
        if (s.exc) {
          this.expr(s.exc);
          n++;
          if (s.cause) {
            this.expr(s.cause);
            n++;
          }
        }
        this.addop(Op.RAISE_VARARGS, n);
        return;
      }
      case 'Try':
        if (s.finalbody.length) return this.tryFinally(s);
        return this.tryExcept(s);
      case 'Assert': return this.assert_(s);
      case 'Import': return this.import_(s);
      case 'ImportFrom': return this.importFrom(s);
      case 'Global':
      case 'Nonlocal':
        return;
      case 'Expr':
        if (s.value.type === 'Constant') {
          this.addop(Op.NOP);
          return;
        }
        this.expr(s.value);
        this.unsetLoc();
        this.addop(Op.POP_TOP);
        return;
      case 'Pass':
        this.addop(Op.NOP);
        return;
      case 'Break': return this.break_();
      case 'Continue': return this.continue_();
      case 'With': return this.with_(s, 0);
      case 'AsyncFunctionDef': throw new NotSupportedError('async def', s.lineno);
      case 'AsyncFor': throw new NotSupportedError('async for', s.lineno);
      case 'AsyncWith': throw new NotSupportedError('async with', s.lineno);
      case 'Match': throw new NotSupportedError('match statement', s.lineno);
      case 'TryStar': throw new NotSupportedError('except*', s.lineno);
    }
  }

  private return_(s: A.Return): void {
    const value = s.value;
    const preserveTos = value !== null && value.type !== 'Constant';
    if (this.u.ste.type !== 'function') throw this.error("'return' outside function");
    if (preserveTos) {
      this.expr(value!);
    } else if (value !== null) {
      this.setLoc(value);
      this.addop(Op.NOP);
    }
    if (value === null || value.lineno !== s.lineno) {
      this.setLoc(s);
      this.addop(Op.NOP);
    }
    this.unwindFblockStack(preserveTos, null);
    if (value === null) this.loadConst(NONE);
    else if (!preserveTos) this.loadConst((value as A.Constant).value);
    this.addop(Op.RETURN_VALUE);
  }

  private break_(): void {
    const saved = this.saveLoc();
    this.addop(Op.NOP);
    const loop = this.unwindFblockStack(false, 'loop');
    if (!loop) {
      this.restoreLoc(saved);
      throw this.error("'break' outside loop");
    }
    this.unwindFblock(loop, false);
    this.jump(JUMP, loop.exit!);
  }

  private continue_(): void {
    const saved = this.saveLoc();
    this.addop(Op.NOP);
    const loop = this.unwindFblockStack(false, 'loop');
    if (!loop) {
      this.restoreLoc(saved);
      throw this.error("'continue' not properly in loop");
    }
    this.jump(JUMP, loop.block!);
  }

  private unwindFblock(info: FBlock, preserveTos: boolean): void {
    switch (info.type) {
      case FB.WhileLoop:
      case FB.ExceptionHandler:
        return;
      case FB.ForLoop:
        if (preserveTos) this.addop(Op.SWAP, 2);
        this.addop(Op.POP_TOP);
        return;
      case FB.TryExcept:
        this.addop(POP_BLOCK);
        return;
      case FB.FinallyTry:
        this.addop(POP_BLOCK);
        if (preserveTos) this.pushFblock(FB.PopValue, null, null, null);
        this.stmts(info.datum as A.Stmt[]);
        if (preserveTos) this.popFblock();
        this.unsetLoc();
        return;
      case FB.FinallyEnd:
        if (preserveTos) this.addop(Op.SWAP, 2);
        this.addop(Op.POP_TOP);
        if (preserveTos) this.addop(Op.SWAP, 2);
        this.addop(POP_BLOCK);
        this.addop(Op.POP_EXCEPT);
        return;
      case FB.With:
        this.setLoc(info.datum as A.Stmt);
        this.addop(POP_BLOCK);
        if (preserveTos) this.addop(Op.SWAP, 2);
        this.callExitWithNones();
        this.addop(Op.POP_TOP);
        this.unsetLoc();
        return;
      case FB.HandlerCleanup: {
        const name = info.datum as string | null;
        if (name) this.addop(POP_BLOCK);
        if (preserveTos) this.addop(Op.SWAP, 2);
        this.addop(POP_BLOCK);
        this.addop(Op.POP_EXCEPT);
        if (name) {
          this.loadConst(NONE);
          this.nameop(name, 'Store');
          this.nameop(name, 'Del');
        }
        return;
      }
      case FB.PopValue:
        if (preserveTos) this.addop(Op.SWAP, 2);
        this.addop(Op.POP_TOP);
        return;
    }
  }

  /** Unwinds the frame-block stack; with 'loop', stops at (and returns) the innermost loop. */
  private unwindFblockStack(preserveTos: boolean, loop: 'loop' | null): FBlock | null {
    const fb = this.u.fblocks;
    if (fb.length === 0) return null;
    const top = fb[fb.length - 1]!;
    if (loop && (top.type === FB.WhileLoop || top.type === FB.ForLoop)) return top;
    fb.pop();
    this.unwindFblock(top, preserveTos);
    const found = this.unwindFblockStack(preserveTos, loop);
    fb.push(top);
    return found;
  }

  private pushFblock(type: FB, block: Block | null, exit: Block | null, datum: FBlock['datum']): void {
    if (this.u.fblocks.length >= 20) throw this.error('too many statically nested blocks');
    this.u.fblocks.push({ type, block, exit, datum });
  }

  private popFblock(): void {
    this.u.fblocks.pop();
  }

  private callExitWithNones(): void {
    this.loadConst(NONE);
    this.loadConst(NONE);
    this.loadConst(NONE);
    this.addop(Op.PRECALL, 2);
    this.addop(Op.CALL, 2);
  }

  private if_(s: A.If): void {
    const end = this.newBlock();
    const next = s.orelse.length ? this.newBlock() : end;
    this.jumpIf(s.test, next, false);
    this.stmts(s.body);
    if (s.orelse.length) {
      this.jumpNoline(JUMP, end);
      this.useNext(next);
      this.stmts(s.orelse);
    }
    this.useNext(end);
  }

  private for_(s: A.For): void {
    const start = this.newBlock();
    const body = this.newBlock();
    const cleanup = this.newBlock();
    const end = this.newBlock();
    this.pushFblock(FB.ForLoop, start, end, null);
    this.expr(s.iter);
    this.addop(Op.GET_ITER);
    this.useNext(start);
    this.jump(Op.FOR_ITER, cleanup);
    this.useNext(body);
    this.expr(s.target);
    this.stmts(s.body);
    this.unsetLoc();
    this.jump(JUMP, start);
    this.useNext(cleanup);
    this.popFblock();
    this.stmts(s.orelse);
    this.useNext(end);
  }

  private while_(s: A.While): void {
    const loop = this.newBlock();
    const body = this.newBlock();
    const anchor = this.newBlock();
    const end = this.newBlock();
    this.useNext(loop);
    this.pushFblock(FB.WhileLoop, loop, end, null);
    this.jumpIf(s.test, anchor, false);
    this.useNext(body);
    this.stmts(s.body);
    this.setLoc(s);
    this.jumpIf(s.test, body, true);
    this.popFblock();
    this.useNext(anchor);
    this.stmts(s.orelse);
    this.useNext(end);
  }

  private tryFinally(s: A.Try): void {
    const body = this.newBlock();
    const end = this.newBlock();
    const exit = this.newBlock();
    const cleanup = this.newBlock();
    this.jump(SETUP_FINALLY, end);
    this.useNext(body);
    this.pushFblock(FB.FinallyTry, body, end, s.finalbody);
    if (s.handlers.length) this.tryExcept(s);
    else this.stmts(s.body);
    this.addopNoline(POP_BLOCK);
    this.popFblock();
    this.stmts(s.finalbody);
    this.jumpNoline(JUMP, exit);
    this.useNext(end);
    this.unsetLoc();
    this.jump(SETUP_CLEANUP, cleanup);
    this.addop(Op.PUSH_EXC_INFO);
    this.pushFblock(FB.FinallyEnd, end, null, null);
    this.stmts(s.finalbody);
    this.popFblock();
    this.addop(Op.RERAISE, 0);
    this.useNext(cleanup);
    this.popExceptAndReraise();
    this.useNext(exit);
  }

  private popExceptAndReraise(): void {
    this.addop(Op.COPY, 3);
    this.addop(Op.POP_EXCEPT);
    this.addop(Op.RERAISE, 1);
  }

  private tryExcept(s: A.Try): void {
    const body = this.newBlock();
    let except = this.newBlock();
    const end = this.newBlock();
    const cleanup = this.newBlock();
    this.jump(SETUP_FINALLY, except);
    this.useNext(body);
    this.pushFblock(FB.TryExcept, body, null, null);
    this.stmts(s.body);
    this.popFblock();
    this.addopNoline(POP_BLOCK);
    if (s.orelse.length) this.stmts(s.orelse);
    this.jumpNoline(JUMP, end);
    const n = s.handlers.length;
    this.useNext(except);
    this.unsetLoc();
    this.jump(SETUP_CLEANUP, cleanup);
    this.addop(Op.PUSH_EXC_INFO);
    this.pushFblock(FB.ExceptionHandler, null, null, null);
    for (let i = 0; i < n; i++) {
      const h = s.handlers[i]!;
      this.setLoc(h);
      if (!h.exc_type && i < n - 1) throw this.error("default 'except:' must be last");
      except = this.newBlock();
      if (h.exc_type) {
        this.expr(h.exc_type);
        this.addop(Op.CHECK_EXC_MATCH);
        this.jump(POP_JUMP_IF_FALSE, except);
      }
      if (h.name) {
        const cleanupEnd = this.newBlock();
        const cleanupBody = this.newBlock();
        this.nameop(h.name, 'Store');
        this.jump(SETUP_CLEANUP, cleanupEnd);
        this.useNext(cleanupBody);
        this.pushFblock(FB.HandlerCleanup, cleanupBody, null, h.name);
        this.stmts(h.body);
        this.popFblock();
        this.unsetLoc();
        this.addop(POP_BLOCK);
        this.addop(POP_BLOCK);
        this.addop(Op.POP_EXCEPT);
        this.loadConst(NONE);
        this.nameop(h.name, 'Store');
        this.nameop(h.name, 'Del');
        this.jump(JUMP, end);
        this.useNext(cleanupEnd);
        this.unsetLoc();
        this.loadConst(NONE);
        this.nameop(h.name, 'Store');
        this.nameop(h.name, 'Del');
        this.addop(Op.RERAISE, 1);
      } else {
        const cleanupBody = this.newBlock();
        this.addop(Op.POP_TOP);
        this.useNext(cleanupBody);
        this.pushFblock(FB.HandlerCleanup, cleanupBody, null, null);
        this.stmts(h.body);
        this.popFblock();
        this.unsetLoc();
        this.addop(POP_BLOCK);
        this.addop(Op.POP_EXCEPT);
        this.jump(JUMP, end);
      }
      this.useNext(except);
    }
    this.unsetLoc();
    this.popFblock();
    this.addop(Op.RERAISE, 0);
    this.useNext(cleanup);
    this.popExceptAndReraise();
    this.useNext(end);
  }

  private with_(s: A.With, pos: number): void {
    const item = s.items[pos]!;
    const block = this.newBlock();
    const final = this.newBlock();
    const exit = this.newBlock();
    const cleanup = this.newBlock();
    this.expr(item.context_expr);
    this.addop(Op.BEFORE_WITH);
    this.jump(SETUP_WITH, final);
    this.useNext(block);
    this.pushFblock(FB.With, block, final, s);
    if (item.optional_vars) this.expr(item.optional_vars);
    else this.addop(Op.POP_TOP);
    pos++;
    if (pos === s.items.length) this.stmts(s.body);
    else this.with_(s, pos);
    this.unsetLoc();
    this.addop(POP_BLOCK);
    this.popFblock();
    this.setLoc(s);
    this.callExitWithNones();
    this.addop(Op.POP_TOP);
    this.jump(JUMP, exit);
    this.useNext(final);
    this.jump(SETUP_CLEANUP, cleanup);
    this.addop(Op.PUSH_EXC_INFO);
    this.addop(Op.WITH_EXCEPT_START);
    this.withExceptFinish(cleanup);
    this.useNext(exit);
  }

  private withExceptFinish(cleanup: Block): void {
    this.unsetLoc();
    const exit = this.newBlock();
    this.jump(POP_JUMP_IF_TRUE, exit);
    this.addop(Op.RERAISE, 2);
    this.useNext(cleanup);
    this.popExceptAndReraise();
    this.useNext(exit);
    this.addop(Op.POP_TOP);
    this.addop(POP_BLOCK);
    this.addop(Op.POP_EXCEPT);
    this.addop(Op.POP_TOP);
    this.addop(Op.POP_TOP);
  }

  private assert_(s: A.Assert): void {
    const t = s.test;
    if ((t.type === 'Tuple' && t.elts.length > 0) || (t.type === 'Constant' && t.value.kind === 'tuple' && t.value.items.length > 0)) {
      this.warn('assertion is always true, perhaps remove parentheses?');
    }
    const end = this.newBlock();
    this.jumpIf(s.test, end, true);
    this.addop(Op.LOAD_ASSERTION_ERROR);
    if (s.msg) {
      this.expr(s.msg);
      this.addop(Op.PRECALL, 0);
      this.addop(Op.CALL, 0);
    }
    this.addop(Op.RAISE_VARARGS, 1);
    this.useNext(end);
  }

  private import_(s: A.Import): void {
    for (const alias of s.names) {
      this.loadConst({ kind: 'int', value: 0n });
      this.loadConst(NONE);
      this.addop(Op.IMPORT_NAME, this.u.addName(alias.name));
      if (alias.asname) {
        const parts = alias.name.split('.');
        if (parts.length > 1) {
          for (let k = 1; k < parts.length; k++) {
            this.addop(Op.IMPORT_FROM, this.u.addName(parts[k]!));
            if (k === parts.length - 1) break;
            this.addop(Op.SWAP, 2);
            this.addop(Op.POP_TOP);
          }
          this.nameop(alias.asname, 'Store');
          this.addop(Op.POP_TOP);
        } else {
          this.nameop(alias.asname, 'Store');
        }
      } else {
        this.nameop(alias.name.split('.')[0]!, 'Store');
      }
    }
  }

  private importFrom(s: A.ImportFrom): void {
    this.loadConst({ kind: 'int', value: BigInt(s.level) });
    if (s.lineno > this.futureLineno && s.module === '__future__') throw this.error(LATE_FUTURE);
    const names: ConstValue[] = s.names.map((a) => ({ kind: 'str', value: a.name }));
    this.loadConst({ kind: 'tuple', items: names });
    this.addop(Op.IMPORT_NAME, this.u.addName(s.module ?? ''));
    for (let i = 0; i < s.names.length; i++) {
      const alias = s.names[i]!;
      if (i === 0 && alias.name === '*') {
        this.addop(Op.IMPORT_STAR);
        return;
      }
      this.addop(Op.IMPORT_FROM, this.u.addName(alias.name));
      this.nameop(alias.asname ?? alias.name, 'Store');
    }
    this.addop(Op.POP_TOP);
  }

  private augassign(s: A.AugAssign): void {
    const e = s.target;
    const saved = this.saveLoc();
    this.setLoc(e);
    switch (e.type) {
      case 'Attribute':
        this.expr(e.value);
        this.addop(Op.COPY, 1);
        this.matchAttrLoc(e);
        this.addName(Op.LOAD_ATTR, e.attr);
        break;
      case 'Subscript':
        this.expr(e.value);
        this.expr(e.slice);
        this.addop(Op.COPY, 2);
        this.addop(Op.COPY, 2);
        this.addop(Op.BINARY_SUBSCR);
        break;
      case 'Name':
        this.nameop(e.id, 'Load');
        break;
      default:
        throw this.error(`'${e.type}' is an illegal expression for augmented assignment`);
    }
    this.restoreLoc(saved);
    this.expr(s.value);
    this.addop(Op.BINARY_OP, BINOP[s.op] + INPLACE);
    this.setLoc(e);
    switch (e.type) {
      case 'Attribute':
        this.matchAttrLoc(e);
        this.addop(Op.SWAP, 2);
        this.addName(Op.STORE_ATTR, e.attr);
        break;
      case 'Subscript':
        this.addop(Op.SWAP, 3);
        this.addop(Op.SWAP, 2);
        this.addop(Op.STORE_SUBSCR);
        break;
      case 'Name':
        this.nameop(e.id, 'Store');
        break;
    }
  }

  private annassign(s: A.AnnAssign): void {
    const t = s.target;
    if (s.value) {
      this.expr(s.value);
      this.expr(t);
    }
    if (t.type === 'Name') {
      if (s.simple && (this.u.scopeType === 'module' || this.u.scopeType === 'class')) {
        this.expr(s.annotation);
        this.addName(Op.LOAD_NAME, '__annotations__');
        this.loadConst({ kind: 'str', value: mangle(this.u.privateName, t.id) });
        this.addop(Op.STORE_SUBSCR);
      }
    } else if (!s.value) {
      // check_ann_expr: evaluate the target's parts for their side effects
      if (t.type === 'Attribute') {
        this.expr(t.value);
        this.addop(Op.POP_TOP);
      } else if (t.type === 'Subscript') {
        this.expr(t.value);
        this.addop(Op.POP_TOP);
        this.checkAnnSubscr(t.slice);
      }
    }
    if (!s.simple && (this.u.scopeType === 'module' || this.u.scopeType === 'class')) {
      this.expr(s.annotation);
      this.addop(Op.POP_TOP);
    }
  }

  private checkAnnSubscr(e: A.Expr): void {
    if (e.type === 'Slice') {
      for (const x of [e.lower, e.upper, e.step]) {
        if (x) {
          this.expr(x);
          this.addop(Op.POP_TOP);
        }
      }
    } else if (e.type === 'Tuple') {
      for (const x of e.elts) this.checkAnnSubscr(x);
    } else {
      this.expr(e);
      this.addop(Op.POP_TOP);
    }
  }

  // ---- names ----------------------------------------------------------------------------------

  private nameop(name: string, ctx: A.ExprContext): void {
    const u = this.u;
    if (ctx === 'Store' && name === '__debug__') throw this.error('cannot assign to __debug__');
    if (ctx === 'Del' && name === '__debug__') throw this.error('cannot delete __debug__');
    const mangled = mangle(u.privateName, name);
    const scope = u.ste.scopeOf(mangled);
    let kind: 'fast' | 'global' | 'deref' | 'name' = 'name';
    let derefIndex = -1;
    switch (scope) {
      case Scope.Free:
        kind = 'deref';
        derefIndex = u.freeIndex.get(mangled)!;
        break;
      case Scope.Cell:
        kind = 'deref';
        derefIndex = u.cellIndex.get(mangled)!;
        break;
      case Scope.Local:
        if (u.ste.type === 'function') kind = 'fast';
        break;
      case Scope.GlobalImplicit:
        if (u.ste.type === 'function') kind = 'global';
        break;
      case Scope.GlobalExplicit:
        kind = 'global';
        break;
    }
    switch (kind) {
      case 'deref': {
        const op = ctx === 'Load' ? (u.ste.type === 'class' ? Op.LOAD_CLASSDEREF : Op.LOAD_DEREF) : ctx === 'Store' ? Op.STORE_DEREF : Op.DELETE_DEREF;
        this.addop(op, derefIndex);
        return;
      }
      case 'fast': {
        const op = ctx === 'Load' ? Op.LOAD_FAST : ctx === 'Store' ? Op.STORE_FAST : Op.DELETE_FAST;
        this.addop(op, u.addVarname(mangled));
        return;
      }
      case 'global': {
        const op = ctx === 'Load' ? Op.LOAD_GLOBAL : ctx === 'Store' ? Op.STORE_GLOBAL : Op.DELETE_GLOBAL;
        const arg = u.addName(mangled);
        this.addop(op, op === Op.LOAD_GLOBAL ? arg << 1 : arg);
        return;
      }
      case 'name': {
        const op = ctx === 'Load' ? Op.LOAD_NAME : ctx === 'Store' ? Op.STORE_NAME : Op.DELETE_NAME;
        this.addop(op, u.addName(mangled));
        return;
      }
    }
  }

  // ---- expressions ----------------------------------------------------------------------------

  private expr(e: A.Expr): void {
    const u = this.u;
    const lineno = u.lineno;
    const endLineno = u.endLineno;
    const col = u.col;
    const endCol = u.endCol;
    this.setLoc(e);
    this.expr1(e);
    // expr1 may have entered and left a nested scope; this.u is the same unit again.
    u.lineno = lineno;
    u.endLineno = endLineno;
    u.col = col;
    u.endCol = endCol;
  }

  private expr1(e: A.Expr): void {
    switch (e.type) {
      case 'NamedExpr':
        this.expr(e.value);
        this.addop(Op.COPY, 1);
        this.expr(e.target);
        return;
      case 'BoolOp': return this.boolop(e);
      case 'BinOp':
        this.expr(e.left);
        this.expr(e.right);
        this.addop(Op.BINARY_OP, BINOP[e.op]);
        return;
      case 'UnaryOp':
        this.expr(e.operand);
        this.addop(e.op === 'Invert' ? Op.UNARY_INVERT : e.op === 'Not' ? Op.UNARY_NOT : e.op === 'UAdd' ? Op.UNARY_POSITIVE : Op.UNARY_NEGATIVE);
        return;
      case 'Lambda': return this.lambda(e);
      case 'IfExp': {
        const end = this.newBlock();
        const next = this.newBlock();
        this.jumpIf(e.test, next, false);
        this.expr(e.body);
        this.jumpNoline(JUMP, end);
        this.useNext(next);
        this.expr(e.orelse);
        this.useNext(end);
        return;
      }
      case 'Dict': return this.dict(e);
      case 'Set': return this.starunpack(e.elts, 0, Op.BUILD_SET, Op.SET_ADD, Op.SET_UPDATE, false);
      case 'GeneratorExp': return this.comprehension(e, 'genexpr', '<genexpr>', e.generators, e.elt, null);
      case 'ListComp': return this.comprehension(e, 'listcomp', '<listcomp>', e.generators, e.elt, null);
      case 'SetComp': return this.comprehension(e, 'setcomp', '<setcomp>', e.generators, e.elt, null);
      case 'DictComp': return this.comprehension(e, 'dictcomp', '<dictcomp>', e.generators, e.key, e.value);
      case 'Yield':
        if (this.u.ste.type !== 'function') throw this.error("'yield' outside function");
        if (e.value) this.expr(e.value);
        else this.loadConst(NONE);
        this.addop(Op.YIELD_VALUE);
        this.addop(Op.RESUME, 1);
        return;
      case 'YieldFrom':
        if (this.u.ste.type !== 'function') throw this.error("'yield' outside function");
        this.expr(e.value);
        this.addop(Op.GET_YIELD_FROM_ITER);
        this.loadConst(NONE);
        this.yieldFrom(false);
        return;
      case 'Await': throw new NotSupportedError('await', e.lineno);
      case 'Compare': return this.compare(e);
      case 'Call': return this.call(e);
      case 'Constant':
        this.loadConst(e.value);
        return;
      case 'JoinedStr': return this.joinedStr(e);
      case 'FormattedValue': return this.formattedValue(e);
      case 'Attribute':
        this.expr(e.value);
        this.matchAttrLoc(e);
        if (e.ctx === 'Load') this.addName(Op.LOAD_ATTR, e.attr);
        else if (e.ctx === 'Store') {
          if (e.attr === '__debug__') throw this.error('cannot assign to __debug__');
          this.addName(Op.STORE_ATTR, e.attr);
        } else this.addName(Op.DELETE_ATTR, e.attr);
        return;
      case 'Subscript':
        if (e.ctx === 'Load') {
          this.checkSubscripter(e.value);
          this.checkIndex(e.value, e.slice);
        }
        this.expr(e.value);
        this.expr(e.slice);
        this.addop(e.ctx === 'Load' ? Op.BINARY_SUBSCR : e.ctx === 'Store' ? Op.STORE_SUBSCR : Op.DELETE_SUBSCR);
        return;
      case 'Starred':
        if (e.ctx === 'Store') throw this.error('starred assignment target must be in a list or tuple');
        throw this.error("can't use starred expression here");
      case 'Slice': {
        let n = 2;
        if (e.lower) this.expr(e.lower);
        else this.loadConst(NONE);
        if (e.upper) this.expr(e.upper);
        else this.loadConst(NONE);
        if (e.step) {
          n++;
          this.expr(e.step);
        }
        this.addop(Op.BUILD_SLICE, n);
        return;
      }
      case 'Name': return this.nameop(e.id, e.ctx);
      case 'List':
        if (e.ctx === 'Store') return this.assignmentHelper(e.elts);
        if (e.ctx === 'Load') return this.starunpack(e.elts, 0, Op.BUILD_LIST, Op.LIST_APPEND, Op.LIST_EXTEND, false);
        for (const x of e.elts) this.expr(x);
        return;
      case 'Tuple':
        if (e.ctx === 'Store') return this.assignmentHelper(e.elts);
        if (e.ctx === 'Load') return this.starunpack(e.elts, 0, Op.BUILD_LIST, Op.LIST_APPEND, Op.LIST_EXTEND, true);
        for (const x of e.elts) this.expr(x);
        return;
    }
  }

  /** update_start_location_to_match_attr */
  private matchAttrLoc(attr: A.Attribute): void {
    const u = this.u;
    if (u.lineno !== attr.end_lineno) {
      u.lineno = attr.end_lineno;
      const len = [...attr.attr].length;
      if (len <= attr.end_col_offset) {
        u.col = /^[\x00-\x7f]*$/.test(attr.attr) ? attr.end_col_offset - len : this.attrStartCol(attr, len);
      } else {
        u.col = -1;
        u.endCol = -1;
      }
      u.endLineno = Math.max(u.lineno, u.endLineno);
      if (u.lineno === u.endLineno) u.endCol = Math.max(u.col, u.endCol);
    }
  }

  /**
   * CPython subtracts the name's length in code points from an end column counted in UTF-8 bytes;
   * our columns count UTF-16 units, so redo that arithmetic on the line's bytes.
   */
  private attrStartCol(attr: A.Attribute, cpLen: number): number {
    const lines = (this.ctx.lines ??= this.ctx.source.split(/\r\n|\r|\n/));
    const line = lines[attr.end_lineno - 1];
    if (line === undefined) return attr.end_col_offset - cpLen;
    const enc = new TextEncoder();
    const endBytes = enc.encode(line.slice(0, attr.end_col_offset)).length;
    const startBytes = endBytes - cpLen;
    const prefix = new TextDecoder().decode(enc.encode(line).slice(0, startBytes));
    return prefix.length;
  }

  private yieldFrom(isAwait: boolean): void {
    const start = this.newBlock();
    const resume = this.newBlock();
    const exit = this.newBlock();
    this.useNext(start);
    this.jump(Op.SEND, exit);
    this.useNext(resume);
    this.addop(Op.YIELD_VALUE);
    this.addop(Op.RESUME, isAwait ? 3 : 2);
    this.jump(JUMP_NO_INTERRUPT, start);
    this.useNext(exit);
  }

  private boolop(e: A.BoolOp): void {
    const jumpi = e.op === 'And' ? Op.JUMP_IF_FALSE_OR_POP : Op.JUMP_IF_TRUE_OR_POP;
    const end = this.newBlock();
    const n = e.values.length - 1;
    for (let i = 0; i < n; i++) {
      this.expr(e.values[i]!);
      this.jump(jumpi, end);
      this.useNext(this.newBlock());
    }
    this.expr(e.values[n]!);
    this.useNext(end);
  }

  private addCompare(op: A.CmpOperator): void {
    switch (op) {
      case 'Is': return this.addop(Op.IS_OP, 0);
      case 'IsNot': return this.addop(Op.IS_OP, 1);
      case 'In': return this.addop(Op.CONTAINS_OP, 0);
      case 'NotIn': return this.addop(Op.CONTAINS_OP, 1);
      default: return this.addop(Op.COMPARE_OP, CMP[op]!);
    }
  }

  /** check_compare: `is` with a literal operand (other than None, True, False, ...). */
  private checkCompare(e: A.Compare): void {
    const isArg = (x: A.Expr): boolean => x.type !== 'Constant' || ['None', 'bool', 'Ellipsis'].includes(x.value.kind);
    let left = isArg(e.left);
    for (let i = 0; i < e.ops.length; i++) {
      const op = e.ops[i]!;
      const right = isArg(e.comparators[i]!);
      if ((op === 'Is' || op === 'IsNot') && (!right || !left)) {
        this.warn(op === 'Is' ? '"is" with a literal. Did you mean "=="?' : '"is not" with a literal. Did you mean "!="?');
        return;
      }
      left = right;
    }
  }

  private compare(e: A.Compare): void {
    this.checkCompare(e);
    this.expr(e.left);
    const n = e.ops.length - 1;
    if (n === 0) {
      this.expr(e.comparators[0]!);
      this.addCompare(e.ops[0]!);
      return;
    }
    const cleanup = this.newBlock();
    for (let i = 0; i < n; i++) {
      this.expr(e.comparators[i]!);
      this.addop(Op.SWAP, 2);
      this.addop(Op.COPY, 2);
      this.addCompare(e.ops[i]!);
      this.jump(Op.JUMP_IF_FALSE_OR_POP, cleanup);
    }
    this.expr(e.comparators[n]!);
    this.addCompare(e.ops[n]!);
    const end = this.newBlock();
    this.jumpNoline(JUMP, end);
    this.useNext(cleanup);
    this.addop(Op.SWAP, 2);
    this.addop(Op.POP_TOP);
    this.useNext(end);
  }

  private jumpIf(e: A.Expr, next: Block, cond: boolean): void {
    switch (e.type) {
      case 'UnaryOp':
        if (e.op === 'Not') return this.jumpIf(e.operand, next, !cond);
        break;
      case 'BoolOp': {
        const s = e.values;
        const n = s.length - 1;
        const cond2 = e.op === 'Or';
        let next2 = next;
        if (cond2 !== cond) next2 = this.newBlock();
        for (let i = 0; i < n; i++) this.jumpIf(s[i]!, next2, cond2);
        this.jumpIf(s[n]!, next, cond);
        if (next2 !== next) this.useNext(next2);
        return;
      }
      case 'IfExp': {
        const end = this.newBlock();
        const next2 = this.newBlock();
        this.jumpIf(e.test, next2, false);
        this.jumpIf(e.body, next, cond);
        this.jumpNoline(JUMP, end);
        this.useNext(next2);
        this.jumpIf(e.orelse, next, cond);
        this.useNext(end);
        return;
      }
      case 'Compare': {
        this.setLoc(e);
        const n = e.ops.length - 1;
        if (n > 0) {
          this.checkCompare(e);
          const cleanup = this.newBlock();
          this.expr(e.left);
          for (let i = 0; i < n; i++) {
            this.expr(e.comparators[i]!);
            this.addop(Op.SWAP, 2);
            this.addop(Op.COPY, 2);
            this.addCompare(e.ops[i]!);
            this.jump(POP_JUMP_IF_FALSE, cleanup);
          }
          this.expr(e.comparators[n]!);
          this.addCompare(e.ops[n]!);
          this.jump(cond ? POP_JUMP_IF_TRUE : POP_JUMP_IF_FALSE, next);
          const end = this.newBlock();
          this.jumpNoline(JUMP, end);
          this.useNext(cleanup);
          this.addop(Op.POP_TOP);
          if (!cond) this.jumpNoline(JUMP, next);
          this.useNext(end);
          return;
        }
        break;
      }
    }
    this.expr(e);
    this.jump(cond ? POP_JUMP_IF_TRUE : POP_JUMP_IF_FALSE, next);
  }

  private starunpack(elts: A.Expr[], pushed: number, build: number, add: number, extend: number, tuple: boolean): void {
    const n = elts.length;
    if (n > 2 && elts.every((x) => x.type === 'Constant')) {
      const items = elts.map((x) => (x as A.Constant).value);
      if (tuple && !pushed) {
        this.loadConst({ kind: 'tuple', items });
      } else {
        const folded: ConstValue = add === Op.SET_ADD ? { kind: 'frozenset', items: dedupeConsts(items) } : { kind: 'tuple', items };
        this.addop(build, pushed);
        this.loadConst(folded);
        this.addop(extend, 1);
        if (tuple) this.addop(Op.LIST_TO_TUPLE);
      }
      return;
    }
    const big = n + pushed > STACK_USE_GUIDELINE;
    const seenStar = elts.some((x) => x.type === 'Starred');
    if (!seenStar && !big) {
      for (const x of elts) this.expr(x);
      this.addop(tuple ? Op.BUILD_TUPLE : build, n + pushed);
      return;
    }
    let built = false;
    if (big) {
      this.addop(build, pushed);
      built = true;
    }
    for (let i = 0; i < n; i++) {
      const elt = elts[i]!;
      if (elt.type === 'Starred') {
        if (!built) {
          this.addop(build, i + pushed);
          built = true;
        }
        this.expr(elt.value);
        this.addop(extend, 1);
      } else {
        this.expr(elt);
        if (built) this.addop(add, 1);
      }
    }
    if (tuple) this.addop(Op.LIST_TO_TUPLE);
  }

  private assignmentHelper(elts: A.Expr[]): void {
    const n = elts.length;
    let seenStar = false;
    for (let i = 0; i < n; i++) {
      const elt = elts[i]!;
      if (elt.type === 'Starred' && !seenStar) {
        if (i >= 1 << 8 || n - i - 1 >= (0x7fffffff >> 8)) throw this.error('too many expressions in star-unpacking assignment');
        this.addop(Op.UNPACK_EX, i + ((n - i - 1) << 8));
        seenStar = true;
      } else if (elt.type === 'Starred') {
        throw this.error('multiple starred expressions in assignment');
      }
    }
    if (!seenStar) this.addop(Op.UNPACK_SEQUENCE, n);
    for (const elt of elts) this.expr(elt.type === 'Starred' ? elt.value : elt);
  }

  private subdict(e: A.Dict, begin: number, end: number): void {
    const n = end - begin;
    const big = n * 2 > STACK_USE_GUIDELINE;
    const keys = e.keys.slice(begin, end);
    if (n > 1 && !big && keys.every((k) => k !== null && k.type === 'Constant')) {
      for (let i = begin; i < end; i++) this.expr(e.values[i]!);
      this.loadConst({ kind: 'tuple', items: keys.map((k) => (k as A.Constant).value) });
      this.addop(Op.BUILD_CONST_KEY_MAP, n);
      return;
    }
    if (big) this.addop(Op.BUILD_MAP, 0);
    for (let i = begin; i < end; i++) {
      this.expr(e.keys[i]!);
      this.expr(e.values[i]!);
      if (big) this.addop(Op.MAP_ADD, 1);
    }
    if (!big) this.addop(Op.BUILD_MAP, n);
  }

  private dict(e: A.Dict): void {
    const n = e.values.length;
    let haveDict = false;
    let elements = 0;
    for (let i = 0; i < n; i++) {
      const unpacking = e.keys[i] === null;
      if (unpacking) {
        if (elements) {
          this.subdict(e, i - elements, i);
          if (haveDict) this.addop(Op.DICT_UPDATE, 1);
          haveDict = true;
          elements = 0;
        }
        if (!haveDict) {
          this.addop(Op.BUILD_MAP, 0);
          haveDict = true;
        }
        this.expr(e.values[i]!);
        this.addop(Op.DICT_UPDATE, 1);
      } else if (elements * 2 > STACK_USE_GUIDELINE) {
        this.subdict(e, i - elements, i + 1);
        if (haveDict) this.addop(Op.DICT_UPDATE, 1);
        haveDict = true;
        elements = 0;
      } else {
        elements++;
      }
    }
    if (elements) {
      this.subdict(e, n - elements, n);
      if (haveDict) this.addop(Op.DICT_UPDATE, 1);
      haveDict = true;
    }
    if (!haveDict) this.addop(Op.BUILD_MAP, 0);
  }

  private validateKeywords(keywords: A.Keyword[]): void {
    for (let i = 0; i < keywords.length; i++) {
      const k = keywords[i]!;
      if (k.arg === null) continue;
      if (k.arg === '__debug__') throw this.error('cannot assign to __debug__');
      for (let j = i + 1; j < keywords.length; j++) {
        const o = keywords[j]!;
        if (o.arg === k.arg) {
          this.setLoc(o);
          throw this.error(`keyword argument repeated: ${k.arg}`);
        }
      }
    }
  }

  private checkCaller(e: A.Expr): void {
    switch (e.type) {
      case 'Constant': case 'Tuple': case 'List': case 'ListComp': case 'Dict': case 'DictComp': case 'Set':
      case 'SetComp': case 'GeneratorExp': case 'JoinedStr': case 'FormattedValue':
        this.warn(`'${inferType(e)}' object is not callable; perhaps you missed a comma?`);
    }
  }

  private checkSubscripter(e: A.Expr): void {
    let warn: boolean;
    if (e.type === 'Constant') {
      const k = e.value.kind;
      warn = k === 'None' || k === 'Ellipsis' || k === 'int' || k === 'bool' || k === 'float' || k === 'complex' || k === 'frozenset';
    } else {
      warn = e.type === 'Set' || e.type === 'SetComp' || e.type === 'GeneratorExp' || e.type === 'Lambda';
    }
    if (warn) this.warn(`'${inferType(e)}' object is not subscriptable; perhaps you missed a comma?`);
  }

  private checkIndex(e: A.Expr, s: A.Expr): void {
    const indexType = inferType(s);
    if (indexType === null || indexType === 'int' || indexType === 'bool') return;
    let warn: boolean;
    if (e.type === 'Constant') {
      const k = e.value.kind;
      warn = k === 'str' || k === 'bytes' || k === 'tuple';
    } else {
      warn = e.type === 'Tuple' || e.type === 'List' || e.type === 'ListComp' || e.type === 'JoinedStr' || e.type === 'FormattedValue';
    }
    if (warn) this.warn(`${inferType(e)} indices must be integers or slices, not ${indexType}; perhaps you missed a comma?`);
  }

  private isImportOriginated(e: A.Expr): boolean {
    if (e.type !== 'Name') return false;
    return (this.st.top.flagsOf(e.id) & DEF_IMPORT) !== 0;
  }

  private call(e: A.Call): void {
    this.validateKeywords(e.keywords);
    if (this.maybeMethodCall(e)) return;
    this.checkCaller(e.func);
    this.setLoc(e.func);
    this.addop(Op.PUSH_NULL);
    this.setLoc(e);
    this.expr(e.func);
    this.callHelper(0, e.args, e.keywords);
  }

  private maybeMethodCall(e: A.Call): boolean {
    const meth = e.func;
    if (meth.type !== 'Attribute' || meth.ctx !== 'Load') return false;
    if (this.isImportOriginated(meth.value)) return false;
    const argsl = e.args.length;
    const kwdsl = e.keywords.length;
    if (argsl + kwdsl + (kwdsl !== 0 ? 1 : 0) >= STACK_USE_GUIDELINE) return false;
    if (e.args.some((a) => a.type === 'Starred')) return false;
    if (e.keywords.some((k) => k.arg === null)) return false;
    this.expr(meth.value);
    this.setLoc(meth);
    this.matchAttrLoc(meth);
    this.addName(Op.LOAD_METHOD, meth.attr);
    for (const a of e.args) this.expr(a);
    if (kwdsl) {
      for (const k of e.keywords) this.expr(k.value);
      this.kwNames(e.keywords);
    }
    this.setLoc(e);
    this.matchAttrLoc(meth);
    this.addop(Op.PRECALL, argsl + kwdsl);
    this.addop(Op.CALL, argsl + kwdsl);
    return true;
  }

  private kwNames(keywords: A.Keyword[]): void {
    const names: ConstValue = { kind: 'tuple', items: keywords.map((k) => ({ kind: 'str', value: k.arg! })) };
    this.addop(Op.KW_NAMES, this.u.addConst(names));
  }

  private subkwargs(keywords: A.Keyword[], begin: number, end: number): void {
    const n = end - begin;
    const big = n * 2 > STACK_USE_GUIDELINE;
    if (n > 1 && !big) {
      for (let i = begin; i < end; i++) this.expr(keywords[i]!.value);
      this.loadConst({ kind: 'tuple', items: keywords.slice(begin, end).map((k) => ({ kind: 'str', value: k.arg! })) });
      this.addop(Op.BUILD_CONST_KEY_MAP, n);
      return;
    }
    if (big) this.addopNoline(Op.BUILD_MAP, 0);
    for (let i = begin; i < end; i++) {
      const k = keywords[i]!;
      this.loadConst({ kind: 'str', value: k.arg! });
      this.expr(k.value);
      if (big) this.addopNoline(Op.MAP_ADD, 1);
    }
    if (!big) this.addop(Op.BUILD_MAP, n);
  }

  private callHelper(n: number, args: A.Expr[], keywords: A.Keyword[]): void {
    this.validateKeywords(keywords);
    const nelts = args.length;
    const nkwelts = keywords.length;
    const exCall = nelts + nkwelts * 2 > STACK_USE_GUIDELINE || args.some((a) => a.type === 'Starred') || keywords.some((k) => k.arg === null);
    if (!exCall) {
      for (const a of args) this.expr(a);
      if (nkwelts) {
        for (const k of keywords) this.expr(k.value);
        this.kwNames(keywords);
      }
      this.addop(Op.PRECALL, n + nelts + nkwelts);
      this.addop(Op.CALL, n + nelts + nkwelts);
      return;
    }
    if (n === 0 && nelts === 1 && args[0]!.type === 'Starred') {
      this.expr((args[0] as A.Starred).value);
    } else {
      this.starunpack(args, n, Op.BUILD_LIST, Op.LIST_APPEND, Op.LIST_EXTEND, true);
    }
    if (nkwelts) {
      let haveDict = false;
      let nseen = 0;
      for (let i = 0; i < nkwelts; i++) {
        const kw = keywords[i]!;
        if (kw.arg === null) {
          if (nseen) {
            this.subkwargs(keywords, i - nseen, i);
            if (haveDict) this.addop(Op.DICT_MERGE, 1);
            haveDict = true;
            nseen = 0;
          }
          if (!haveDict) {
            this.addop(Op.BUILD_MAP, 0);
            haveDict = true;
          }
          this.expr(kw.value);
          this.addop(Op.DICT_MERGE, 1);
        } else {
          nseen++;
        }
      }
      if (nseen) {
        this.subkwargs(keywords, nkwelts - nseen, nkwelts);
        if (haveDict) this.addop(Op.DICT_MERGE, 1);
      }
    }
    this.addop(Op.CALL_FUNCTION_EX, nkwelts > 0 ? 1 : 0);
  }

  private joinedStr(e: A.JoinedStr): void {
    const n = e.values.length;
    if (n > STACK_USE_GUIDELINE) {
      this.loadConst({ kind: 'str', value: '' });
      this.addName(Op.LOAD_METHOD, 'join');
      this.addop(Op.BUILD_LIST, 0);
      for (const v of e.values) {
        this.expr(v);
        this.addop(Op.LIST_APPEND, 1);
      }
      this.addop(Op.PRECALL, 1);
      this.addop(Op.CALL, 1);
      return;
    }
    for (const v of e.values) this.expr(v);
    if (n !== 1) this.addop(Op.BUILD_STRING, n);
  }

  private formattedValue(e: A.FormattedValue): void {
    this.expr(e.value);
    let oparg: number;
    switch (e.conversion) {
      case 115: oparg = 1; break;
      case 114: oparg = 2; break;
      case 97: oparg = 3; break;
      default: oparg = 0;
    }
    if (e.format_spec) {
      this.expr(e.format_spec);
      oparg |= 4;
    }
    this.addop(Op.FORMAT_VALUE, oparg);
  }

  // ---- comprehensions -------------------------------------------------------------------------

  private comprehension(e: A.Expr, kind: 'genexpr' | 'listcomp' | 'setcomp' | 'dictcomp', name: string, gens: A.Comprehension[], elt: A.Expr, val: A.Expr | null): void {
    const outermost = gens[0]!;
    this.enterScope(name, 'comprehension', e, e.lineno, this.u.privateName);
    this.setLoc(e);
    if (kind !== 'genexpr') {
      this.addop(kind === 'listcomp' ? Op.BUILD_LIST : kind === 'setcomp' ? Op.BUILD_SET : Op.BUILD_MAP, 0);
    }
    this.comprehensionGenerator(gens, 0, 0, elt, val, kind);
    if (kind !== 'genexpr') this.addop(Op.RETURN_VALUE);
    const co = this.assemble(true);
    this.exitScope();
    this.makeClosure(co, 0);
    this.expr(outermost.iter);
    this.addop(Op.GET_ITER);
    this.addop(Op.PRECALL, 0);
    this.addop(Op.CALL, 0);
  }

  private comprehensionGenerator(gens: A.Comprehension[], index: number, depth: number, elt: A.Expr, val: A.Expr | null, kind: string): void {
    let start: Block | null = this.newBlock();
    const ifCleanup = this.newBlock();
    const anchor = this.newBlock();
    const gen = gens[index]!;
    if (index === 0) {
      this.u.argcount = 1;
      this.addop(Op.LOAD_FAST, 0);
    } else {
      const it = gen.iter;
      const elts = it.type === 'List' || it.type === 'Tuple' ? it.elts : null;
      if (elts && elts.length === 1 && elts[0]!.type !== 'Starred') {
        this.expr(elts[0]!);
        start = null;
      }
      if (start) {
        this.expr(gen.iter);
        this.addop(Op.GET_ITER);
      }
    }
    if (start) {
      depth++;
      this.useNext(start);
      this.jump(Op.FOR_ITER, anchor);
    }
    this.expr(gen.target);
    for (const cond of gen.ifs) this.jumpIf(cond, ifCleanup, false);
    if (++index < gens.length) this.comprehensionGenerator(gens, index, depth, elt, val, kind);
    if (index >= gens.length) {
      switch (kind) {
        case 'genexpr':
          this.expr(elt);
          this.addop(Op.YIELD_VALUE);
          this.addop(Op.RESUME, 1);
          this.addop(Op.POP_TOP);
          break;
        case 'listcomp':
          this.expr(elt);
          this.addop(Op.LIST_APPEND, depth + 1);
          break;
        case 'setcomp':
          this.expr(elt);
          this.addop(Op.SET_ADD, depth + 1);
          break;
        case 'dictcomp':
          this.expr(elt);
          this.expr(val!);
          this.addop(Op.MAP_ADD, depth + 1);
          break;
      }
    }
    this.useNext(ifCleanup);
    if (start) {
      this.jump(JUMP, start);
      this.useNext(anchor);
    }
  }
}

/** infer_type: the type name of an expression whose type is evident from its form, else null. */
function inferType(e: A.Expr): string | null {
  switch (e.type) {
    case 'Tuple': return 'tuple';
    case 'List': case 'ListComp': return 'list';
    case 'Dict': case 'DictComp': return 'dict';
    case 'Set': case 'SetComp': return 'set';
    case 'GeneratorExp': return 'generator';
    case 'Lambda': return 'function';
    case 'JoinedStr': case 'FormattedValue': return 'str';
    case 'Constant':
      switch (e.value.kind) {
        case 'None': return 'NoneType';
        case 'Ellipsis': return 'ellipsis';
        case 'code': return 'code';
        default: return e.value.kind;
      }
    default: return null;
  }
}

function dedupeConsts(items: ConstValue[]): ConstValue[] {
  const seen = new Set<string>();
  const out: ConstValue[] = [];
  for (const it of items) {
    const k = it.kind === 'bool' ? 'i' + (it.value ? '1' : '0') : it.kind === 'float' && Number.isInteger(it.value) ? 'i' + it.value : constKey(it);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(it);
  }
  return out;
}

