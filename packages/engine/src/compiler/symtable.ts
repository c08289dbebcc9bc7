// The symbol table: which scope each name lives in, as Python/symtable.c decides it.
//
// Pass 1 walks the AST and records, per block (module, class, function, lambda, comprehension),
// how each name is used (DEF_* flags). Pass 2 (analyze) resolves every name to LOCAL, CELL, FREE,
// GLOBAL_EXPLICIT or GLOBAL_IMPLICIT by passing the sets of names bound in enclosing function
// scopes down the tree and the sets of free names back up, exactly as analyze_block does.
import type * as A from '../python/ast.js';
import { type ErrorContext, errorAt, NotSupportedError } from './errors.js';

export const DEF_GLOBAL = 1;
export const DEF_LOCAL = 2;
export const DEF_PARAM = 4;
export const DEF_NONLOCAL = 8;
export const USE = 16;
export const DEF_FREE = 32;
export const DEF_FREE_CLASS = 64;
export const DEF_IMPORT = 128;
export const DEF_ANNOT = 256;
export const DEF_COMP_ITER = 512;
const DEF_BOUND = DEF_LOCAL | DEF_PARAM | DEF_IMPORT;

export const enum Scope { None = 0, Local = 1, GlobalExplicit = 2, GlobalImplicit = 3, Free = 4, Cell = 5 }

export type BlockType = 'function' | 'class' | 'module';

export class SymbolBlock {
  readonly symbols = new Map<string, number>();
  readonly scopes = new Map<string, Scope>();
  readonly varnames: string[] = [];
  readonly children: SymbolBlock[] = [];
  generator = false;
  coroutine = false;
  nested = false;
  varargs = false;
  varkeywords = false;
  free = false;
  childFree = false;
  needsClassClosure = false;
  comprehension = false;
  /** Inside a comprehension's iterable expression (inherited by nested blocks, bpo-37757). */
  compIterExpr = 0;
  /** Where each global/nonlocal name was declared, for error locations. */
  readonly directives = new Map<string, A.Pos>();
  constructor(readonly name: string, readonly type: BlockType, readonly lineno: number) {}

  scopeOf(name: string): Scope {
    return this.scopes.get(name) ?? Scope.None;
  }
  flagsOf(name: string): number {
    return this.symbols.get(name) ?? 0;
  }
}

export function mangle(privateName: string | null, name: string): string {
  if (privateName === null || !name.startsWith('__')) return name;
  if (name.endsWith('__') || name.includes('.')) return name;
  const stripped = privateName.replace(/^_+/, '');
  if (stripped === '') return name;
  return '_' + stripped + name;
}

export interface SymbolTable {
  top: SymbolBlock;
  /** The block of each scope-creating node (Module, FunctionDef, ClassDef, Lambda, comprehensions). */
  blocks: Map<object, SymbolBlock>;
}

export function buildSymbolTable(mod: A.Module, ctx: ErrorContext): SymbolTable {
  const b = new Builder(ctx);
  b.visitModule(mod);
  try {
    analyze(b.top!);
  } catch (err) {
    if (err instanceof NonlocalError) {
      const at = err.block.directives.get(err.varName);
      if (at) throw errorAt(err.message, at, ctx);
    }
    throw err;
  }
  return { top: b.top!, blocks: b.blocks };
}

class Builder {
  top: SymbolBlock | null = null;
  cur!: SymbolBlock;
  readonly stack: SymbolBlock[] = [];
  readonly blocks = new Map<object, SymbolBlock>();
  privateName: string | null = null;
  constructor(readonly ctx: ErrorContext) {}

  enter(name: string, type: BlockType, node: object, lineno: number): void {
    const blk = new SymbolBlock(name, type, lineno);
    if (this.stack.length > 0) {
      const parent = this.cur;
      if (parent.nested || parent.type === 'function') blk.nested = true;
      blk.compIterExpr = parent.compIterExpr;
      parent.children.push(blk);
    } else {
      this.top = blk;
    }
    this.blocks.set(node, blk);
    this.stack.push(blk);
    this.cur = blk;
  }
  exit(): void {
    this.stack.pop();
    this.cur = this.stack[this.stack.length - 1]!;
  }

  addDef(name: string, flag: number, node: A.Pos | null): void {
    const mangled = mangle(this.privateName, name);
    const old = this.cur.symbols.get(mangled) ?? 0;
    if ((flag & DEF_PARAM) && (old & DEF_PARAM)) {
      if (node) throw errorAt(`duplicate argument '${name}' in function definition`, node, this.ctx);
    }
    this.cur.symbols.set(mangled, old | flag);
    if (flag & DEF_PARAM) this.cur.varnames.push(mangled);
    else if (flag & DEF_GLOBAL) {
      // st_global is the module's symbol dict: a global declaration anywhere marks the module name.
      const top = this.top!;
      top.symbols.set(mangled, (top.symbols.get(mangled) ?? 0) | flag);
    }
  }

  visitModule(mod: A.Module): void {
    this.enter('top', 'module', mod, 0);
    for (const s of mod.body) this.stmt(s);
  }

  stmts(list: A.Stmt[]): void {
    for (const s of list) this.stmt(s);
  }

  stmt(s: A.Stmt): void {
    switch (s.type) {
      case 'FunctionDef':
        this.addDef(s.name, DEF_LOCAL, s);
        this.argDefaults(s.args);
        this.annotations(s.args, s.returns);
        for (const d of s.decorator_list) this.expr(d);
        this.enter(s.name, 'function', s, s.lineno);
        this.params(s.args);
        this.stmts(s.body);
        this.exit();
        return;
      case 'AsyncFunctionDef':
        throw new NotSupportedError('async def', s.lineno);
      case 'ClassDef': {
        this.addDef(s.name, DEF_LOCAL, s);
        for (const e of s.bases) this.expr(e);
        for (const k of s.keywords) this.expr(k.value);
        for (const d of s.decorator_list) this.expr(d);
        this.enter(s.name, 'class', s, s.lineno);
        const saved = this.privateName;
        this.privateName = s.name;
        this.stmts(s.body);
        this.privateName = saved;
        this.exit();
        return;
      }
      case 'Return':
        if (s.value) this.expr(s.value);
        return;
      case 'Delete':
        for (const t of s.targets) this.expr(t);
        return;
      case 'Assign':
        for (const t of s.targets) this.expr(t);
        this.expr(s.value);
        return;
      case 'AnnAssign':
        if (s.target.type === 'Name') {
          const cur = this.cur.flagsOf(mangle(this.privateName, s.target.id));
          if ((cur & (DEF_GLOBAL | DEF_NONLOCAL)) && this.cur.type !== 'module' && s.simple) {
            const kind = cur & DEF_GLOBAL ? 'global' : 'nonlocal';
            throw errorAt(`annotated name '${s.target.id}' can't be ${kind}`, s, this.ctx);
          }
          if (s.simple) this.addDef(s.target.id, DEF_ANNOT | DEF_LOCAL, s);
          else if (s.value) this.addDef(s.target.id, DEF_LOCAL, s);
        } else {
          this.expr(s.target);
        }
        this.expr(s.annotation);
        if (s.value) this.expr(s.value);
        return;
      case 'AugAssign':
        this.expr(s.target);
        this.expr(s.value);
        return;
      case 'For':
        this.expr(s.target);
        this.expr(s.iter);
        this.stmts(s.body);
        this.stmts(s.orelse);
        return;
      case 'AsyncFor':
        throw new NotSupportedError('async for', s.lineno);
      case 'While':
        this.expr(s.test);
        this.stmts(s.body);
        this.stmts(s.orelse);
        return;
      case 'If':
        this.expr(s.test);
        this.stmts(s.body);
        this.stmts(s.orelse);
        return;
      case 'Match':
        throw new NotSupportedError('match statement', s.lineno);
      case 'Raise':
        if (s.exc) {
          this.expr(s.exc);
          if (s.cause) this.expr(s.cause);
        }
        return;
      case 'Try':
        this.stmts(s.body);
        this.stmts(s.orelse);
        for (const h of s.handlers) {
          if (h.exc_type) this.expr(h.exc_type);
          if (h.name) this.addDef(h.name, DEF_LOCAL, h);
          this.stmts(h.body);
        }
        this.stmts(s.finalbody);
        return;
      case 'TryStar':
        throw new NotSupportedError('except*', s.lineno);
      case 'Assert':
        this.expr(s.test);
        if (s.msg) this.expr(s.msg);
        return;
      case 'Import':
      case 'ImportFrom':
        for (const a of s.names) {
          const stored = a.asname ?? a.name.split('.')[0]!;
          if (stored === '*') {
            if (this.cur.type !== 'module') throw errorAt('import * only allowed at module level', a, this.ctx);
            continue;
          }
          this.addDef(stored, DEF_IMPORT, s);
        }
        return;
      case 'Global':
      case 'Nonlocal': {
        const isGlobal = s.type === 'Global';
        const word = isGlobal ? 'global' : 'nonlocal';
        if (!isGlobal && this.cur.type === 'module') {
          throw errorAt('nonlocal declaration not allowed at module level', s, this.ctx);
        }
        for (const name of s.names) {
          const cur = this.cur.flagsOf(mangle(this.privateName, name));
          if (cur & (DEF_PARAM | DEF_LOCAL | USE | DEF_ANNOT)) {
            let msg: string;
            if (cur & DEF_PARAM) msg = `name '${name}' is parameter and ${word}`;
            else if (cur & USE) msg = `name '${name}' is used prior to ${word} declaration`;
            else if (cur & DEF_ANNOT) msg = `annotated name '${name}' can't be ${word}`;
            else msg = `name '${name}' is assigned to before ${word} declaration`;
            throw errorAt(msg, s, this.ctx);
          }
          this.addDef(name, isGlobal ? DEF_GLOBAL : DEF_NONLOCAL, s);
          const m = mangle(this.privateName, name);
          if (!this.cur.directives.has(m)) this.cur.directives.set(m, s);
        }
        return;
      }
      case 'Expr':
        this.expr(s.value);
        return;
      case 'Pass':
      case 'Break':
      case 'Continue':
        return;
      case 'With':
        for (const item of s.items) {
          this.expr(item.context_expr);
          if (item.optional_vars) this.expr(item.optional_vars);
        }
        this.stmts(s.body);
        return;
      case 'AsyncWith':
        throw new NotSupportedError('async with', s.lineno);
    }
  }

  argDefaults(args: A.Arguments): void {
    for (const d of args.defaults) this.expr(d);
    for (const d of args.kw_defaults) if (d) this.expr(d);
  }

  annotations(args: A.Arguments, returns: A.Expr | null): void {
    const all = [...args.posonlyargs, ...args.args, ...args.kwonlyargs];
    if (args.vararg) all.push(args.vararg);
    if (args.kwarg) all.push(args.kwarg);
    for (const a of all) if (a.annotation) this.expr(a.annotation);
    if (returns) this.expr(returns);
  }

  params(args: A.Arguments): void {
    for (const a of args.posonlyargs) this.addDef(a.arg, DEF_PARAM, a);
    for (const a of args.args) this.addDef(a.arg, DEF_PARAM, a);
    for (const a of args.kwonlyargs) this.addDef(a.arg, DEF_PARAM, a);
    if (args.vararg) {
      this.addDef(args.vararg.arg, DEF_PARAM, args.vararg);
      this.cur.varargs = true;
    }
    if (args.kwarg) {
      this.addDef(args.kwarg.arg, DEF_PARAM, args.kwarg);
      this.cur.varkeywords = true;
    }
  }

  expr(e: A.Expr): void {
    switch (e.type) {
      case 'NamedExpr':
        this.namedExpr(e);
        return;
      case 'BoolOp':
        for (const v of e.values) this.expr(v);
        return;
      case 'BinOp':
        this.expr(e.left);
        this.expr(e.right);
        return;
      case 'UnaryOp':
        this.expr(e.operand);
        return;
      case 'Lambda':
        this.argDefaults(e.args);
        this.enter('lambda', 'function', e, e.lineno);
        this.params(e.args);
        this.expr(e.body);
        this.exit();
        return;
      case 'IfExp':
        this.expr(e.test);
        this.expr(e.body);
        this.expr(e.orelse);
        return;
      case 'Dict':
        for (const k of e.keys) if (k) this.expr(k);
        for (const v of e.values) this.expr(v);
        return;
      case 'Set':
        for (const v of e.elts) this.expr(v);
        return;
      case 'GeneratorExp':
        this.comprehension(e, 'genexpr', e.generators, e.elt, null);
        return;
      case 'ListComp':
        this.comprehension(e, 'listcomp', e.generators, e.elt, null);
        return;
      case 'SetComp':
        this.comprehension(e, 'setcomp', e.generators, e.elt, null);
        return;
      case 'DictComp':
        this.comprehension(e, 'dictcomp', e.generators, e.key, e.value);
        return;
      case 'Yield':
        if (e.value) this.expr(e.value);
        this.cur.generator = true;
        if (this.cur.comprehension) throw errorAt(`'yield' inside ${comprehensionKind(this.cur.name)}`, e, this.ctx);
        return;
      case 'YieldFrom':
        this.expr(e.value);
        this.cur.generator = true;
        if (this.cur.comprehension) throw errorAt(`'yield' inside ${comprehensionKind(this.cur.name)}`, e, this.ctx);
        return;
      case 'Await':
        throw new NotSupportedError('await', e.lineno);
      case 'Compare':
        this.expr(e.left);
        for (const c of e.comparators) this.expr(c);
        return;
      case 'Call':
        this.expr(e.func);
        for (const a of e.args) this.expr(a);
        for (const k of e.keywords) this.expr(k.value);
        return;
      case 'FormattedValue':
        this.expr(e.value);
        if (e.format_spec) this.expr(e.format_spec);
        return;
      case 'JoinedStr':
        for (const v of e.values) this.expr(v);
        return;
      case 'Constant':
        return;
      case 'Attribute':
        this.expr(e.value);
        return;
      case 'Subscript':
        this.expr(e.value);
        this.expr(e.slice);
        return;
      case 'Starred':
        this.expr(e.value);
        return;
      case 'Slice':
        if (e.lower) this.expr(e.lower);
        if (e.upper) this.expr(e.upper);
        if (e.step) this.expr(e.step);
        return;
      case 'Name':
        this.addDef(e.id, e.ctx === 'Load' ? USE : DEF_LOCAL, e);
        if (e.ctx === 'Load' && this.cur.type === 'function' && e.id === 'super') {
          this.addDef('__class__', USE, e);
        }
        return;
      case 'List':
      case 'Tuple':
        for (const v of e.elts) this.expr(v);
        return;
    }
  }

  namedExpr(e: A.NamedExpr): void {
    if (this.cur.compIterExpr > 0) {
      throw errorAt('assignment expression cannot be used in a comprehension iterable expression', e, this.ctx);
    }
    this.expr(e.value);
    if (this.cur.comprehension) {
      // PEP 572: the target binds in the nearest enclosing non-comprehension scope.
      const target = e.target.id;
      for (let i = this.stack.length - 1; i >= 0; i--) {
        const blk = this.stack[i]!;
        if (blk.comprehension) {
          if ((blk.flagsOf(target) & DEF_COMP_ITER)) {
            throw errorAt(`assignment expression cannot rebind comprehension iteration variable '${target}'`, e.target, this.ctx);
          }
          continue;
        }
        if (blk.type === 'function') {
          const flags = blk.flagsOf(target);
          if (flags & DEF_GLOBAL) this.addDef(target, DEF_GLOBAL, e);
          else this.addDef(target, DEF_NONLOCAL, e);
          if (!this.cur.directives.has(target)) this.cur.directives.set(target, e);
          blk.symbols.set(target, blk.flagsOf(target) | DEF_LOCAL);
          break;
        }
        if (blk.type === 'module') {
          this.addDef(target, DEF_GLOBAL, e);
          if (!this.cur.directives.has(target)) this.cur.directives.set(target, e);
          blk.symbols.set(target, blk.flagsOf(target) | DEF_GLOBAL);
          break;
        }
        throw errorAt('assignment expression within a comprehension cannot be used in a class body', e.target, this.ctx);
      }
    }
    this.expr(e.target);
  }

  comprehension(e: A.Expr, name: string, gens: A.Comprehension[], elt: A.Expr, value: A.Expr | null): void {
    const outer = gens[0]!;
    if (outer.is_async) throw new NotSupportedError('async comprehension', e.lineno);
    this.cur.compIterExpr++;
    this.expr(outer.iter);
    this.cur.compIterExpr--;
    this.enter(name, 'function', e, e.lineno);
    this.cur.comprehension = true;
    if (name === 'genexpr') this.cur.generator = true;
    this.addDef('.0', DEF_PARAM, null);
    this.compTarget(outer.target);
    for (const c of outer.ifs) this.expr(c);
    for (let i = 1; i < gens.length; i++) {
      const g = gens[i]!;
      if (g.is_async) throw new NotSupportedError('async comprehension', e.lineno);
      this.compTarget(g.target);
      this.cur.compIterExpr++;
      this.expr(g.iter);
      this.cur.compIterExpr--;
      for (const c of g.ifs) this.expr(c);
    }
    if (value) this.expr(value);
    this.expr(elt);
    this.exit();
  }

  compTarget(t: A.Expr): void {
    this.expr(t);
    markCompIter(this.cur, t, this.privateName);
  }
}

function markCompIter(blk: SymbolBlock, t: A.Expr, priv: string | null): void {
  if (t.type === 'Name') {
    const n = mangle(priv, t.id);
    blk.symbols.set(n, blk.flagsOf(n) | DEF_COMP_ITER);
  } else if (t.type === 'Tuple' || t.type === 'List') {
    for (const x of t.elts) markCompIter(blk, x, priv);
  } else if (t.type === 'Starred') {
    markCompIter(blk, t.value, priv);
  }
}

function comprehensionKind(name: string): string {
  switch (name) {
    case 'genexpr': return 'generator expression';
    case 'listcomp': return 'list comprehension';
    case 'setcomp': return 'set comprehension';
    default: return 'dict comprehension';
  }
}

// ---- pass 2 -----------------------------------------------------------------------------------

function analyzeName(
  blk: SymbolBlock, name: string, flags: number,
  bound: Set<string> | null, local: Set<string>, free: Set<string>, global: Set<string>,
): void {
  if (flags & DEF_GLOBAL) {
    if (flags & DEF_NONLOCAL) throw new NonlocalError(name, blk, `name '${name}' is nonlocal and global`);
    blk.scopes.set(name, Scope.GlobalExplicit);
    global.add(name);
    bound?.delete(name);
    return;
  }
  if (flags & DEF_NONLOCAL) {
    if (!bound || !bound.has(name)) {
      throw new NonlocalError(name, blk);
    }
    blk.scopes.set(name, Scope.Free);
    blk.free = true;
    free.add(name);
    return;
  }
  if (flags & DEF_BOUND) {
    blk.scopes.set(name, Scope.Local);
    local.add(name);
    global.delete(name);
    return;
  }
  if (bound && bound.has(name)) {
    blk.scopes.set(name, Scope.Free);
    blk.free = true;
    free.add(name);
    return;
  }
  if (global.has(name)) {
    blk.scopes.set(name, Scope.GlobalImplicit);
    return;
  }
  if (blk.nested) blk.free = true;
  blk.scopes.set(name, Scope.GlobalImplicit);
}

/** Raised by analyze for a bad nonlocal; the caller turns it into a SyntaxError at the directive. */
export class NonlocalError extends Error {
  constructor(readonly varName: string, readonly block: SymbolBlock, message = `no binding for nonlocal '${varName}' found`) {
    super(message);
  }
}

function analyze(top: SymbolBlock): void {
  analyzeBlock(top, null, new Set(), new Set());
}

function analyzeBlock(blk: SymbolBlock, bound: Set<string> | null, free: Set<string>, global: Set<string>): void {
  const local = new Set<string>();
  const newglobal = new Set<string>();
  const newfree = new Set<string>();
  const newbound = new Set<string>();
  if (blk.type === 'class') {
    for (const g of global) newglobal.add(g);
    if (bound) for (const b of bound) newbound.add(b);
  }
  for (const [name, flags] of blk.symbols) analyzeName(blk, name, flags, bound, local, free, global);
  if (blk.type !== 'class') {
    if (blk.type === 'function') for (const l of local) newbound.add(l);
    if (bound) for (const b of bound) newbound.add(b);
    for (const g of global) newglobal.add(g);
  } else {
    newbound.add('__class__');
  }
  const allfree = new Set<string>();
  for (const child of blk.children) {
    const childFree = new Set<string>(newfree);
    analyzeBlock(child, new Set(newbound), childFree, new Set(newglobal));
    for (const f of childFree) allfree.add(f);
    if (child.free || child.childFree) blk.childFree = true;
  }
  for (const f of allfree) newfree.add(f);
  if (blk.type === 'function') {
    for (const [name, scope] of blk.scopes) {
      if (scope === Scope.Local && newfree.has(name)) {
        blk.scopes.set(name, Scope.Cell);
        newfree.delete(name);
      }
    }
  } else if (blk.type === 'class') {
    if (newfree.delete('__class__')) blk.needsClassClosure = true;
  }
  // update_symbols: record free variables passed up from children.
  for (const name of newfree) {
    const flags = blk.symbols.get(name);
    if (flags !== undefined) {
      if (blk.type === 'class' && (flags & (DEF_BOUND | DEF_GLOBAL))) {
        blk.symbols.set(name, flags | DEF_FREE_CLASS);
      }
      continue;
    }
    if (bound && !bound.has(name)) continue;
    blk.symbols.set(name, 0);
    blk.scopes.set(name, Scope.Free);
  }
  for (const f of newfree) free.add(f);
}
