// The interpreter loop: CPython 3.11's ceval over decoded CodeObjects, as a resumable stepper.
//
// Python-to-Python calls push a Frame on an explicit chain (no JS recursion), so `run()` can
// stop after any instruction and continue later. Python code called from native code (__del__,
// __eq__ inside a dict lookup, sorted(key=...), generators resumed by a native iterator) runs in
// a nested loop that is not pausable.
import { objectCall } from '../runtime/tpcall.js';
import { EventKind, Holder } from '../events/kinds.js';
import { Op } from '../compiler/opcodes.js';
import { CO_FAST_CELL, CO_FAST_FREE, CO_GENERATOR, CO_VARARGS, CO_VARKEYWORDS, CO_NEWLOCALS, CO_OPTIMIZED } from '../compiler/code.js';
import type { CodeObject } from '../compiler/code.js';
import {
  PyObject, PyType, PyInt, PyStr, PyTuple, PyList, PyDict, PySet, PyCell, PyCode, PyFunction, PyBuiltin, PyMethod,
  PyBaseException, PyNone, PyInstance, PyMethodDescr, PyNativeObject, PyModule, PySuper, PyFrameObj, PyTraceback,
} from '../runtime/object.js';
import { PyThrow, type Runtime } from '../runtime/runtime.js';
import { err, newException } from '../runtime/errors.js';
import { dictGet, dictSet, dictReplace, dictDel, dictItems, dictPresize } from '../runtime/dict.js';
import { setUpdate } from '../runtime/sets.js';
import {
  call, callBound, getattr, getattrOpt, setattr, lookup, truthy, richCompare, iter, next, contains, hashKey, isSubtype,
  typeName, repr, str, toArray, descrGet, callType,
} from '../runtime/ops.js';
import { binaryOp, unaryOp } from '../runtime/arith.js';
import { ascii } from '../runtime/str.js';
import { Frame, FramePool } from './frame.js';
import { nameErrorScopes, dictKeys } from './traceback.js';
import { Generator, GEN_CREATED, GEN_RUNNING, GEN_SUSPENDED, GEN_CLOSED } from './generator.js';

export type StopCheck = (vm: VM, event: 'line' | 'step') => boolean;

/** Thrown out of run() when the step budget is exhausted. */
export class BudgetExceeded {
  constructor(readonly line: number) {}
}

const NO_OBJECTS: readonly PyObject[] = [];

/** Why a run of the loop ended. */
const enum Exit {
  Return = 0,
  /** A generator yielded, or the outer loop paused (at a line, or on request). */
  Yield = 1,
  /** The outer loop used up its slice of steps at the current frame's `lasti`; that instruction runs next time. */
  Budget = 2,
}

export class VM {
  /** The innermost frame of the resumable (outer) loop. */
  current: Frame | null = null;
  /** The exception being handled (sys.exc_info()), a new reference or null. */
  excInfo: PyObject | null = null;
  /** Exception states of the callers of running generators (the exc_info chain below excInfo). */
  readonly excStack: (PyObject | null)[] = [];

  /** _PyErr_GetTopmostException: the innermost exception being handled, or null. */
  topmostExc(): PyObject | null {
    if (this.excInfo !== null && this.excInfo !== this.rt.None) return this.excInfo;
    for (let i = this.excStack.length - 1; i >= 0; i--) {
      const e = this.excStack[i];
      if (e !== null && e !== undefined && e !== this.rt.None) return e;
    }
    return null;
  }
  steps = 0;
  /** The step limit of the current outer slice (run() sets it). */
  maxSteps = 2e9;
  /** The program's step budget; nested loops stop only at this. */
  hardMax = 2e9;
  /** Set when run() should pause at the next instruction boundary. */
  stopRequested = false;
  /** Called at each new line / step; returns true to pause (outer loop only). */
  onLine: ((line: number) => boolean) | null = null;
  depth = 0;
  result: PyObject | null = null;
  /** The exception that ended the program, if any. */
  uncaught: PyThrow | null = null;

  /** Arrays of returned frames, reused by the next calls. */
  readonly framePool = new FramePool();

  constructor(readonly rt: Runtime) {}

  // -------------------------------------------------------------------------------------------
  // Frames

  newFrame(code: PyCode, func: PyFunction | null, globals: PyDict, builtins: PyDict, locals: PyDict | null): Frame {
    const rt = this.rt;
    return new Frame(rt.nextFrame++, code.code, code, func, globals, builtins, locals, this.framePool);
  }

  enterFrame(f: Frame): void {
    this.rt.log.push(EventKind.FrameEnter, f.id, this.codeNameId(f), f.code.firstlineno);
  }

  /** The string-table index of f's code name, looked up once per code object. */
  private codeNameId(f: Frame): number {
    const pc = f.pycode;
    let id = pc.codeNameId;
    if (id < 0) id = pc.codeNameId = this.rt.str(f.code.name);
    return id;
  }

  /** PyTraceBack_Here: a traceback object for frame `f` in front of the exception's traceback. */
  tracebackHere(exc: PyBaseException, f: Frame): void {
    const rt = this.rt;
    const fo = this.frameObjectOf(f);
    const line = f.code.positions[f.lasti * 4]!;
    const old = exc.tbObj as PyTraceback | null;
    const tb = new PyTraceback(old, fo, f.lasti, line);
    rt.alloc(tb, rt.t.traceback!, 64, true);
    if (old !== null) rt.take2(old, Holder.Field, exc.id, rt.str('__traceback__'), Holder.Field, tb.id);
    rt.incref(fo, Holder.Field, tb.id, rt.str('tb_frame'));
    rt.track(tb);
    exc.tbObj = tb;
    rt.give(tb, Holder.Field, exc.id, rt.str('__traceback__'));
  }

  /** _PyFrame_GetFrameObject: frame `f`'s frame object, made (and tracked) on first use; borrowed. */
  frameObjectOf(f: Frame): PyFrameObj {
    const rt = this.rt;
    let fo = f.frameObj;
    if (fo === null) {
      const code = f.code;
      fo = new PyFrameObj(code, 0);
      fo.globals = f.globals;
      rt.alloc(fo, rt.t.frame!, 48 + 72 + 8 * (code.localsplusnames.length + code.stacksize) + 16, true);
      rt.track(fo);
      f.frameObj = fo;
    }
    return fo;
  }

  /** _PyFrame_Clear: locals and stack in order, then the function. */
  clearFrame(f: Frame): void {
    const rt = this.rt;
    const names = f.code.localsplusnames;
    const fo = f.frameObj;
    if (fo !== null) {
      f.frameObj = null;
      if (fo.rc > 1) {
        // take_ownership: the frame object keeps the frame's data alive.
        const owned: (PyObject | null)[] = [];
        for (let i = 0; i < f.fast.length; i++) {
          const v = f.fast[i] ?? null;
          f.fast[i] = null;
          owned.push(v);
          if (v !== null) rt.take2(v, Holder.Local, f.id, f.pycode.nameIds[i]!, Holder.Field, fo.id);
        }
        while (f.sp > 0) {
          const v = f.stack[--f.sp] ?? null;
          f.stack[f.sp] = null;
          owned.push(v);
          if (v !== null) rt.take2(v, Holder.Stack, f.id, f.sp, Holder.Field, fo.id);
        }
        fo.owned = owned;
        fo.ownedNames = names.slice();
        fo.lineno = f.line();
        if (f.func !== null) {
          fo.func = f.func;
          rt.take2(f.func, Holder.Temp, -1, -1, Holder.Field, fo.id);
        }
        // take_ownership links f_back to the caller's frame object, making that one if needed.
        if (f.back !== null) {
          const back = this.frameObjectOf(f.back);
          rt.incref(back, Holder.Field, fo.id, rt.str('f_back'));
          fo.back = back;
        }
        if (f.locals !== null && f.func !== null && f.locals !== f.globals) {
          const l = f.locals;
          f.locals = null;
          rt.decref(l, Holder.Field, -1, -1);
        }
        rt.log.push(EventKind.FrameExit, f.id);
        rt.tempDecref(fo);
        return;
      }
      rt.tempDecref(fo);
    }
    for (let i = 0; i < f.fast.length; i++) {
      const v = f.fast[i];
      if (v !== null && v !== undefined) {
        f.fast[i] = null;
        rt.decref(v, Holder.Local, f.id, f.pycode.nameIds[i]!);
      }
    }
    while (f.sp > 0) {
      const v = f.stack[--f.sp];
      f.stack[f.sp] = null;
      if (v !== null && v !== undefined) rt.decref(v, Holder.Stack, f.id, f.sp);
    }
    rt.log.push(EventKind.FrameExit, f.id);
    if (f.locals !== null && f.func !== null && f.locals !== f.globals) {
      const l = f.locals;
      f.locals = null;
      rt.decref(l, Holder.Field, -1, -1);
    }
    if (f.func !== null) rt.decref(f.func, Holder.Temp, -1, -1);
  }

  /** Binds call arguments into a new frame for `func` (args are owned references, moved in). */
  bindArgs(func: PyFunction, args: PyObject[], kwnames: string[] | null): Frame {
    const rt = this.rt;
    const code = func.code.code;
    const f = this.newFrame(func.code, func, func.globals, rt.builtinsDict, (code.flags & CO_NEWLOCALS) === 0 && (code.flags & CO_OPTIMIZED) === 0 ? null : null);
    const nkw = kwnames?.length ?? 0;
    const npos = args.length - nkw;
    const argc = code.argcount;
    const kwonly = code.kwonlyargcount;
    const names = code.localsplusnames;
    const fast = f.fast;
    const fname = func.qualname.value;
    let varargsIdx = -1;
    let kwargsIdx = -1;
    let n = argc + kwonly;
    if (code.flags & CO_VARARGS) varargsIdx = n++;
    if (code.flags & CO_VARKEYWORDS) kwargsIdx = n++;
    let kwdict: PyDict | null = null;
    if (kwargsIdx >= 0) {
      kwdict = rt.newDict();
      fast[kwargsIdx] = kwdict;
    }
    const taken = Math.min(npos, argc);
    for (let i = 0; i < taken; i++) fast[i] = args[i]!;
    if (varargsIdx >= 0) {
      const extra = args.slice(taken, npos);
      fast[varargsIdx] = rt.tuple(extra);
    } else if (npos > argc) {
      const given = npos;
      const dflt = func.defaults?.items.length ?? 0;
      const takes = dflt > 0 ? `from ${argc - dflt} to ${argc}` : `${argc}`;
      const kwGiven = nkw > 0 ? ` positional argument${given === 1 ? '' : 's'} (and ${nkw} keyword-only argument${nkw === 1 ? '' : 's'})` : '';
      for (let i = taken; i < npos; i++) rt.tempDecref(args[i]!);
      for (let i = npos; i < args.length; i++) rt.tempDecref(args[i]!);
      for (let i = 0; i < fast.length; i++) if (fast[i]) { rt.tempDecref(fast[i]!); fast[i] = null; }
      if (kwGiven) throw err(rt, 'TypeError', `${fname}() takes ${takes} positional argument${argc === 1 && dflt === 0 ? '' : 's'} but ${given}${kwGiven} were given`);
      throw err(rt, 'TypeError', `${fname}() takes ${takes} positional argument${argc === 1 && dflt === 0 ? '' : 's'} but ${given} ${given === 1 ? 'was' : 'were'} given`);
    }
    for (let k = 0; k < nkw; k++) {
      const key = kwnames![k]!;
      const v = args[npos + k]!;
      let idx = -1;
      for (let i = code.posonlyargcount; i < argc + kwonly; i++) if (names[i] === key) { idx = i; break; }
      if (idx < 0) {
        if (kwdict !== null) {
          const ks = rt.intern(key);
          dictSet(rt, kwdict, ks, key, v);
          rt.tempDecref(ks);
          rt.tempDecref(v);
          continue;
        }
        for (let j = k; j < nkw; j++) rt.tempDecref(args[npos + j]!);
        for (let i = 0; i < fast.length; i++) if (fast[i]) { rt.tempDecref(fast[i]!); fast[i] = null; }
        throw err(rt, 'TypeError', `${fname}() got an unexpected keyword argument '${key}'`);
      }
      if (fast[idx] !== null) {
        for (let j = k; j < nkw; j++) rt.tempDecref(args[npos + j]!);
        for (let i = 0; i < fast.length; i++) if (fast[i]) { rt.tempDecref(fast[i]!); fast[i] = null; }
        throw err(rt, 'TypeError', `${fname}() got multiple values for argument '${key}'`);
      }
      fast[idx] = v;
    }
    // Defaults. (Nothing here allocates unless an argument is missing.)
    const defaults = func.defaults !== null ? func.defaults.items : NO_OBJECTS;
    const firstDefault = argc - defaults.length;
    let missing: string[] | null = null;
    for (let i = 0; i < argc; i++) {
      if (fast[i] !== null) continue;
      if (i >= firstDefault) fast[i] = rt.tempIncref(defaults[i - firstDefault]!);
      else (missing ??= []).push(names[i]!);
    }
    if (missing !== null) {
      this.releaseArgs(args, fast);
      const list = missing.length === 1 ? `'${missing[0]}'` : missing.slice(0, -1).map((m) => `'${m}'`).join(', ') + ` and '${missing[missing.length - 1]}'`;
      throw err(rt, 'TypeError', `${fname}() missing ${missing.length} required positional argument${missing.length === 1 ? '' : 's'}: ${list}`);
    }
    let kwMissing: string[] | null = null;
    for (let i = argc; i < argc + kwonly; i++) {
      if (fast[i] !== null) continue;
      const d = func.kwdefaults !== null ? dictGet(func.kwdefaults, names[i]!) : null;
      if (d !== null) fast[i] = rt.tempIncref(d);
      else (kwMissing ??= []).push(names[i]!);
    }
    if (kwMissing !== null) {
      this.releaseArgs(args, fast);
      const list = kwMissing.length === 1 ? `'${kwMissing[0]}'` : kwMissing.slice(0, -1).map((m) => `'${m}'`).join(', ') + ` and '${kwMissing[kwMissing.length - 1]}'`;
      throw err(rt, 'TypeError', `${fname}() missing ${kwMissing.length} required keyword-only argument${kwMissing.length === 1 ? '' : 's'}: ${list}`);
    }
    // The moved references now belong to locals: record their holders.
    for (let i = 0; i < fast.length; i++) {
      const v = fast[i];
      if (v) rt.give(v, Holder.Local, f.id, f.pycode.nameIds[i]!);
    }
    // The frame holds the function.
    rt.incref(func, Holder.Temp, -1, -1);
    return f;
  }

  /** bindArgs failed: drops the arguments and whatever was bound. */
  private releaseArgs(args: PyObject[], fast: (PyObject | null)[]): void {
    const rt = this.rt;
    for (const a of args) if (a !== null) rt.tempDecref(a);
    for (let i = 0; i < fast.length; i++) {
      const v = fast[i];
      if (v) {
        fast[i] = null;
        rt.tempDecref(v);
      }
    }
  }

  /** Calls a Python function from native code: runs a nested loop. Args are borrowed. */
  callPython(func: PyFunction, args: PyObject[], kwnames: string[] | null, self: PyObject | null): PyObject {
    const rt = this.rt;
    const all = self !== null ? [self, ...args] : args.slice();
    for (const a of all) rt.tempIncref(a);
    const f = this.bindArgs(func, all, kwnames);
    if (func.code.code.flags & CO_GENERATOR) return this.makeGenerator(f);
    return this.runNested(f);
  }

  makeGenerator(f: Frame): PyObject {
    const rt = this.rt;
    const code = f.code;
    // Run the prologue (MAKE_CELL, COPY_FREE_VARS) and skip to after RETURN_GENERATOR; the
    // first send pushes None which POP_TOP discards.
    let pc = 0;
    while (pc < code.ops.length && code.ops[pc] !== Op.RETURN_GENERATOR) {
      const op = code.ops[pc]!;
      if (op === Op.MAKE_CELL || op === Op.COPY_FREE_VARS) this.generatorPrologue(f, op, code.args[pc]!);
      pc++;
    }
    f.pc = pc + 1;
    const g = new Generator(f);
    rt.alloc(g, rt.t.generator!, 0, true);
    rt.log.push(EventKind.Resize, g.id, rt.sizeOf(g));
    f.gen = g;
    g.name = f.func!.name.value;
    g.qualname = f.func!.qualname.value;
    rt.track(g);
    return g;
  }

  /** MAKE_CELL: local `arg` becomes a cell holding its value (the cell takes the local's reference). */
  private makeCell(f: Frame, arg: number): void {
    const rt = this.rt;
    const v = f.fast[arg] ?? null;
    const cell = rt.alloc(new PyCell(v), rt.t.cell!, 40, true);
    if (v !== null) rt.take2(v, Holder.Local, f.id, f.pycode.nameIds[arg]!, Holder.Cell, cell.id);
    rt.track(cell);
    f.fast[arg] = cell;
    rt.give(cell, Holder.Local, f.id, f.pycode.nameIds[arg]!);
  }

  /** MAKE_CELL / COPY_FREE_VARS before a generator's RETURN_GENERATOR, as the loop does them. */
  private generatorPrologue(f: Frame, op: number, arg: number): void {
    if (op === Op.MAKE_CELL) this.makeCell(f, arg);
    else this.copyFreeVars(f, arg);
  }

  /** COPY_FREE_VARS: the function's closure cells become the frame's last `arg` locals. */
  private copyFreeVars(f: Frame, arg: number): void {
    const rt = this.rt;
    const closure = f.func!.closure!.items;
    const n = f.code.localsplusnames.length;
    for (let i = 0; i < arg; i++) {
      const c = closure[i]!;
      f.fast[n - arg + i] = c;
      rt.incref(c, Holder.Local, f.id, f.pycode.nameIds[n - arg + i]!);
    }
  }

  /** Runs `f` (already bound) to completion in a nested loop; returns its result (new ref). */
  runNested(f: Frame): PyObject {
    f.entry = true;
    f.back = this.current;
    f.chainDepth = 0;
    this.enterFrame(f);
    const saved = this.current;
    this.current = f;
    this.depth++;
    // The recursion limit counts Python frames and the C calls between them (1000 in all).
    if (this.depth + this.frameDepth(f) > 1000) {
      this.depth--;
      this.current = saved;
      this.clearFrame(f);
      throw err(this.rt, 'RecursionError', 'maximum recursion depth exceeded');
    }
    try {
      try {
        this.loop(f, true);
      } catch (e) {
        // The host's own stack ran out first: report it as Python would.
        if (e instanceof RangeError && /call stack/.test(e.message)) throw err(this.rt, 'RecursionError', 'maximum recursion depth exceeded');
        throw e;
      }
      const r = this.result!;
      this.result = null;
      return r;
    } finally {
      this.depth--;
      this.current = saved;
    }
  }

  /** Resumes a generator frame with `value` (owned); returns [exit, value]. */
  resumeGen(g: Generator, value: PyObject | null, thrown: PyThrow | null): [Exit, PyObject] {
    const f = g.frame!;
    f.entry = true;
    f.back = this.current;
    f.chainDepth = 0;
    const saved = this.current;
    this.current = f;
    g.state = GEN_RUNNING;
    // The generator's exception state goes on top of the caller's (gi_exc_state).
    this.excStack.push(this.excInfo);
    this.excInfo = g.excState;
    g.excState = null;
    this.rt.log.push(EventKind.FrameEnter, f.id, this.codeNameId(f), f.code.firstlineno);
    this.depth++;
    try {
      if (thrown !== null) {
        const r = this.loop(f, true, thrown);
        return [r, this.takeResult()];
      }
      f.stack[f.sp++] = value ?? this.rt.none();
      const r = this.loop(f, true);
      return [r, this.takeResult()];
    } finally {
      this.depth--;
      this.current = saved;
      if (g.state === GEN_RUNNING) g.state = GEN_SUSPENDED;
      const own = this.excInfo;
      this.excInfo = this.excStack.pop() ?? null;
      if (g.frame !== null) g.excState = own;
      else if (own !== null) this.rt.tempDecref(own);
    }
  }

  private takeResult(): PyObject {
    const r = this.result!;
    this.result = null;
    return r;
  }

  // -------------------------------------------------------------------------------------------
  // The loop

  /**
   * Runs from `this.current` until the entry frame returns (nested) or the program ends, or a
   * pause is requested (outer loop only: returns Exit.Yield with result null).
   */
  loop(entry: Frame, nested: boolean, pending: PyThrow | null = null): Exit {
    const rt = this.rt;
    let f = this.current!;
    let code = f.code;
    let ops = code.ops;
    let args = code.args;
    let positions = code.positions;
    let thrown: PyThrow | null = pending;
    if (thrown !== null) thrown.fresh = true;
    // Fixed for this loop: the engine sets maxSteps before it runs a slice.
    const stepLimit = nested ? this.hardMax : this.maxSteps;
    for (;;) {
      if (thrown === null) {
        try {
          for (;;) {
            if (!nested && this.stopRequested) {
              this.stopRequested = false;
              return Exit.Yield;
            }
            const pc = f.pc++;
            f.lasti = pc;
            const line = positions[pc * 4]!;
            if (line !== f.lastLine && line > 0) {
              f.lastLine = line;
              rt.log.push(EventKind.Line, line, f.id);
              if (!nested && this.onLine !== null && this.onLine(line)) {
                // Pause before executing this instruction. lastLine stays `line`: resuming
                // neither emits this Line event again nor stops on it again.
                f.pc = pc;
                return Exit.Yield;
              }
            }
            if (++this.steps > stepLimit) {
              // The end of a slice is a bare return, not a throw nor a store: either would be a
              // site the JIT has no feedback for when it first optimizes this loop, so the end
              // of the first slice would deoptimize it and pay for its largest compile twice.
              // The caller finds the line from f.lasti. A nested loop (a call from native
              // code) throws: the run is over.
              if (nested) throw new BudgetExceeded(line);
              return Exit.Budget;
            }
            const op = ops[pc]!;
            const arg = args[pc]!;
            switch (op) {
              case Op.NOP:
              case Op.RESUME:
              case Op.PRECALL:
              case Op.CACHE:
              case Op.EXTENDED_ARG:
                break;
              case Op.POP_TOP: {
                const v = f.stack[--f.sp]!;
                f.stack[f.sp] = null;
                rt.decref(v, Holder.Stack, f.id, f.sp);
                break;
              }
              case Op.PUSH_NULL:
                f.stack[f.sp++] = null;
                break;
              case Op.LOAD_CONST: {
                const v = f.pycode.consts[arg]!;
                rt.incref(v, Holder.Stack, f.id, f.sp);
                f.stack[f.sp++] = v;
                break;
              }
              case Op.LOAD_FAST: {
                const v = f.fast[arg];
                if (v === null || v === undefined) throw this.unboundLocal(f, arg);
                rt.incref(v, Holder.Stack, f.id, f.sp);
                f.stack[f.sp++] = v;
                break;
              }
              case Op.STORE_FAST: {
                const v = f.stack[--f.sp]!;
                f.stack[f.sp] = null;
                const old = f.fast[arg];
                const slot = f.pycode.nameIds[arg]!;
                rt.give2(v, Holder.Local, f.id, slot);
                f.fast[arg] = v;
                if (old) rt.decref(old, Holder.Local, f.id, slot);
                break;
              }
              case Op.LOAD_GLOBAL: {
                const name = code.names[arg >> 1]!;
                if (arg & 1) f.stack[f.sp++] = null;
                const pycode = f.pycode;
                let v = pycode.lookupName(pc, f.globals, name);
                if (v === null) v = pycode.lookupName(pc, f.builtins, name);
                if (v === null) throw this.nameError(name, f);
                rt.incref(v, Holder.Stack, f.id, f.sp);
                f.stack[f.sp++] = v;
                break;
              }
              case Op.LOAD_NAME: {
                const name = code.names[arg]!;
                const pycode = f.pycode;
                let v = f.locals !== null ? pycode.lookupName(pc, f.locals, name) : null;
                // A module body's locals are its globals: a miss there is a miss in both.
                if (v === null && f.locals !== f.globals) v = pycode.lookupName(pc, f.globals, name);
                if (v === null) v = pycode.lookupName(pc, f.builtins, name);
                if (v === null) throw this.nameError(name, f);
                rt.incref(v, Holder.Stack, f.id, f.sp);
                f.stack[f.sp++] = v;
                break;
              }
              case Op.STORE_NAME: {
                const v = this.pop(f);
                const k = f.pycode.names[arg]!;
                const d = f.locals ?? f.globals;
                const e = f.pycode.cachedEntry(pc, d);
                if (e !== null) dictReplace(rt, d, e, k, v);
                else {
                  dictSet(rt, d, k, k.value, v);
                  // Remember the entry for the next store (and a load at this pc, none).
                  f.pycode.lookupName(pc, d, k.value);
                }
                rt.tempDecref(v);
                break;
              }
              case Op.LOAD_ATTR: {
                const o = f.stack[f.sp - 1]!;
                const v = getattr(rt, o, code.names[arg]!);
                f.stack[f.sp - 1] = v;
                rt.decref(o, Holder.Stack, f.id, f.sp - 1);
                break;
              }
              case Op.LOAD_METHOD: {
                const o = f.stack[f.sp - 1]!;
                const name = code.names[arg]!;
                const m = o instanceof PyType || o instanceof PySuper || o instanceof PyModule || !o.type.genericGetattr ? null : lookup(o.type, name);
                if (m !== null && (m instanceof PyFunction || m instanceof PyMethodDescr) && !this.instanceHas(o, name)) {
                  // meth, self: self keeps the stack's reference.
                  rt.incref(m, Holder.Stack, f.id, f.sp - 1);
                  f.stack[f.sp - 1] = m;
                  f.stack[f.sp++] = o;
                } else {
                  const v = getattr(rt, o, name);
                  f.stack[f.sp - 1] = null;
                  f.stack[f.sp++] = v;
                  rt.decref(o, Holder.Stack, f.id, f.sp - 2);
                }
                break;
              }
              case Op.STORE_ATTR: {
                const o = this.pop(f);
                const v = this.pop(f);
                try {
                  setattr(rt, o, code.names[arg]!, v);
                } finally {
                  rt.tempDecref(v);
                  rt.tempDecref(o);
                }
                break;
              }
              case Op.BINARY_SUBSCR: {
                const k = this.pop(f);
                const o = this.pop(f);
                try {
                  this.push(f, rt.getItem(o, k));
                } finally {
                  rt.tempDecref(o);
                  rt.tempDecref(k);
                }
                break;
              }
              case Op.STORE_SUBSCR: {
                const k = this.pop(f);
                const o = this.pop(f);
                const v = this.pop(f);
                try {
                  rt.setItem(o, k, v);
                } finally {
                  rt.tempDecref(v);
                  rt.tempDecref(o);
                  rt.tempDecref(k);
                }
                break;
              }
              case Op.BINARY_OP: {
                const b = this.pop(f);
                const a = this.pop(f);
                try {
                  this.push(f, binaryOp(rt, a, b, arg >= 13 ? arg - 13 : arg, arg >= 13));
                } finally {
                  rt.tempDecref(a);
                  rt.tempDecref(b);
                }
                break;
              }
              case Op.COMPARE_OP: {
                const b = this.pop(f);
                const a = this.pop(f);
                try {
                  this.push(f, richCompare(rt, a, b, arg));
                } finally {
                  rt.tempDecref(a);
                  rt.tempDecref(b);
                }
                break;
              }
              case Op.IS_OP: {
                const b = this.pop(f);
                const a = this.pop(f);
                const r = (a === b) !== (arg === 1);
                rt.tempDecref(a);
                rt.tempDecref(b);
                this.push(f, rt.bool(r));
                break;
              }
              case Op.CONTAINS_OP: {
                const b = this.pop(f);
                const a = this.pop(f);
                try {
                  const r = contains(rt, b, a) !== (arg === 1);
                  this.push(f, rt.bool(r));
                } finally {
                  rt.tempDecref(a);
                  rt.tempDecref(b);
                }
                break;
              }
              case Op.JUMP_FORWARD:
              case Op.JUMP_BACKWARD:
              case Op.JUMP_BACKWARD_NO_INTERRUPT:
                f.pc = arg;
                if (op !== Op.JUMP_FORWARD) f.lastLine = -1;
                break;
              case Op.POP_JUMP_FORWARD_IF_FALSE:
              case Op.POP_JUMP_BACKWARD_IF_FALSE:
              case Op.POP_JUMP_FORWARD_IF_TRUE:
              case Op.POP_JUMP_BACKWARD_IF_TRUE: {
                const v = this.pop(f);
                let t: boolean;
                try {
                  t = truthy(rt, v);
                } finally {
                  rt.tempDecref(v);
                }
                const want = op === Op.POP_JUMP_FORWARD_IF_TRUE || op === Op.POP_JUMP_BACKWARD_IF_TRUE;
                if (t === want) {
                  f.pc = arg;
                  if (op === Op.POP_JUMP_BACKWARD_IF_FALSE || op === Op.POP_JUMP_BACKWARD_IF_TRUE) f.lastLine = -1;
                }
                break;
              }
              case Op.POP_JUMP_FORWARD_IF_NONE:
              case Op.POP_JUMP_BACKWARD_IF_NONE:
              case Op.POP_JUMP_FORWARD_IF_NOT_NONE:
              case Op.POP_JUMP_BACKWARD_IF_NOT_NONE: {
                const v = this.pop(f);
                const isNone = v === rt.None;
                rt.tempDecref(v);
                const want = op === Op.POP_JUMP_FORWARD_IF_NONE || op === Op.POP_JUMP_BACKWARD_IF_NONE;
                if (isNone === want) {
                  f.pc = arg;
                  if (op === Op.POP_JUMP_BACKWARD_IF_NONE || op === Op.POP_JUMP_BACKWARD_IF_NOT_NONE) f.lastLine = -1;
                }
                break;
              }
              case Op.JUMP_IF_FALSE_OR_POP:
              case Op.JUMP_IF_TRUE_OR_POP: {
                const v = f.stack[f.sp - 1]!;
                const t = truthy(rt, v);
                if (t === (op === Op.JUMP_IF_TRUE_OR_POP)) f.pc = arg;
                else {
                  f.sp--;
                  f.stack[f.sp] = null;
                  rt.decref(v, Holder.Stack, f.id, f.sp);
                }
                break;
              }
              case Op.GET_ITER: {
                const o = this.pop(f);
                try {
                  this.push(f, iter(rt, o));
                } finally {
                  rt.tempDecref(o);
                }
                break;
              }
              case Op.FOR_ITER: {
                const it = f.stack[f.sp - 1]!;
                const v = next(rt, it);
                if (v !== null) this.push(f, v);
                else {
                  f.sp--;
                  f.stack[f.sp] = null;
                  rt.decref(it, Holder.Stack, f.id, f.sp);
                  f.pc = arg;
                }
                break;
              }
              case Op.BUILD_TUPLE: {
                const items = this.popN(f, arg);
                this.push(f, rt.tuple(items));
                break;
              }
              case Op.BUILD_LIST: {
                const items = this.popN(f, arg);
                this.push(f, rt.newList(items));
                break;
              }
              case Op.LIST_APPEND: {
                const v = this.pop(f);
                rt.listAppend(f.stack[f.sp - arg] as PyList, v);
                rt.tempDecref(v);
                break;
              }
              case Op.UNPACK_SEQUENCE: {
                const seq = this.pop(f);
                let items: PyObject[];
                try {
                  if ((seq instanceof PyTuple || seq instanceof PyList) && seq.items.length === arg) {
                    items = seq.items.slice();
                    for (const x of items) rt.tempIncref(x);
                  } else {
                    items = this.unpackIter(seq, arg, -1);
                  }
                } finally {
                  rt.tempDecref(seq);
                }
                for (let i = items.length - 1; i >= 0; i--) this.push(f, items[i]!);
                break;
              }
              case Op.SWAP: {
                const i = f.sp - 1;
                const j = f.sp - arg;
                const t = f.stack[i]!;
                f.stack[i] = f.stack[j]!;
                f.stack[j] = t;
                break;
              }
              case Op.COPY: {
                const v = f.stack[f.sp - arg]!;
                rt.incref(v, Holder.Stack, f.id, f.sp);
                f.stack[f.sp++] = v;
                break;
              }
              case Op.KW_NAMES: {
                const t = f.pycode.consts[arg] as PyTuple;
                f.kwnames = t.items.map((x) => (x as PyStr).value);
                break;
              }
              case Op.CALL: {
                const kwnames = f.kwnames;
                f.kwnames = null;
                const base = f.sp - arg - 2;
                let callable = f.stack[base];
                let selfOrCallable = f.stack[base + 1]!;
                let isMeth = callable !== null;
                if (!isMeth && selfOrCallable instanceof PyMethod) {
                  const m = selfOrCallable;
                  rt.incref(m.func, Holder.Stack, f.id, base);
                  rt.incref(m.self, Holder.Stack, f.id, base + 1);
                  f.stack[base] = m.func;
                  f.stack[base + 1] = m.self;
                  rt.decref(m, Holder.Stack, f.id, base + 1);
                  callable = m.func;
                  selfOrCallable = m.self;
                  isMeth = true;
                }
                const fn = isMeth ? callable! : selfOrCallable;
                const nargs = arg + (isMeth ? 1 : 0);
                const argv: PyObject[] = new Array(nargs);
                for (let i = 0; i < nargs; i++) argv[i] = f.stack[f.sp - nargs + i]!;
                let initFn: PyFunction | null = null;
                if (fn instanceof PyType && fn.heap && fn.kind === 'object' && fn.type === rt.typeType) {
                  const nw = lookup(fn, '__new__');
                  const ini = lookup(fn, '__init__');
                  if (nw === rt.objectNew && ini instanceof PyFunction && !(ini.code.code.flags & CO_GENERATOR)) initFn = ini;
                }
                if (initFn !== null && kwnames === null) {
                  // type_call inlined: the argument tuple, object.__new__, then __init__ as a frame of
                  // this loop; the callable and arguments stay on this stack until it returns.
                  const cls = fn as PyType;
                  const argsT = nargs > 0 ? rt.tuple(argv, false) : null;
                  const obj = rt.newInstance(cls);
                  const initArgv: PyObject[] = new Array(nargs + 1);
                  initArgv[0] = rt.tempIncref(obj);
                  for (let i = 0; i < nargs; i++) initArgv[i + 1] = rt.tempIncref(argv[i]!);
                  let nf: Frame;
                  try {
                    nf = this.bindArgs(initFn, initArgv, null);
                  } catch (e) {
                    rt.tempDecref(obj);
                    if (argsT !== null) rt.tempDecref(argsT);
                    throw e;
                  }
                  if (this.depth + this.frameDepth(f) + 2 > 1000) {
                    this.clearFrame(nf);
                    rt.tempDecref(obj);
                    if (argsT !== null) rt.tempDecref(argsT);
                    throw err(rt, 'RecursionError', 'maximum recursion depth exceeded');
                  }
                  nf.initSelf = obj;
                  nf.initArgs = argsT;
                  nf.initBase = base;
                  nf.back = f;
                  this.enterFrame(nf);
                  this.current = nf;
                  f = nf;
                  code = f.code;
                  ops = code.ops;
                  args = code.args;
                  positions = code.positions;
                  break;
                }
                if (fn instanceof PyFunction) {
                  // Move the arguments into the new frame.
                  for (let i = 0; i < nargs; i++) f.stack[f.sp - nargs + i] = null;
                  f.sp -= nargs;
                  // Remove the function (and NULL) from the stack; the new frame owns the function.
                  f.stack[base] = null;
                  f.stack[base + 1] = null;
                  f.sp = base;
                  let nf: Frame;
                  try {
                    nf = this.bindArgs(fn, argv, kwnames);
                  } finally {
                    rt.decref(fn, Holder.Stack, f.id, base);
                  }
                  if (fn.code.code.flags & CO_GENERATOR) {
                    this.push(f, this.makeGenerator(nf));
                    break;
                  }
                  if (this.depth + this.frameDepth(f) >= 1000) {
                    this.clearFrame(nf);
                    throw err(rt, 'RecursionError', 'maximum recursion depth exceeded');
                  }
                  nf.back = f;
                  this.enterFrame(nf);
                  this.current = nf;
                  f = nf;
                  code = f.code;
                  ops = code.ops;
                  args = code.args;
                  positions = code.positions;
                  break;
                }
                let res: PyObject;
                try {
                  res = this.callNative(fn, argv, kwnames);
                } finally {
                  for (let i = 0; i < nargs; i++) {
                    const a = f.stack[f.sp - nargs + i]!;
                    f.stack[f.sp - nargs + i] = null;
                    rt.decref(a, Holder.Stack, f.id, f.sp - nargs + i);
                  }
                  f.sp -= nargs;
                  rt.decref(fn, Holder.Stack, f.id, base);
                  f.stack[base] = null;
                  f.stack[base + 1] = null;
                  f.sp = base;
                }
                this.push(f, res);
                break;
              }
              case Op.RETURN_VALUE: {
                let v = this.pop(f);
                const initSelf = f.initSelf;
                if (initSelf !== null) {
                  if (v !== rt.None) {
                    const tn = typeName(v);
                    rt.tempDecref(v);
                    throw err(rt, 'TypeError', `__init__() should return None, not '${tn}'`);
                  }
                  f.initSelf = null;
                  rt.tempDecref(v);
                  v = initSelf;
                  const back = f.back!;
                  const argsT = f.initArgs;
                  const base = f.initBase;
                  f.initArgs = null;
                  this.clearFrame(f);
                  if (f.sp === 0) this.framePool.release(f);
                  f = back;
                  this.current = f;
                  code = f.code;
                  ops = code.ops;
                  args = code.args;
                  positions = code.positions;
                  if (argsT !== null) rt.tempDecref(argsT);
                  // CALL's cleanup: the arguments, then the class.
                  for (let i = base + 2; i < f.sp; i++) {
                    const a = f.stack[i]!;
                    f.stack[i] = null;
                    rt.decref(a, Holder.Stack, f.id, i);
                  }
                  const cls = f.stack[base + 1] ?? f.stack[base];
                  f.stack[base] = null;
                  f.stack[base + 1] = null;
                  f.sp = base;
                  if (cls) rt.decref(cls, Holder.Stack, f.id, base);
                  this.push(f, v);
                  break;
                }
                const back = f.back;
                const wasEntry = f.entry;
                const gen = f.gen as Generator | null;
                if (gen !== null) {
                  gen.state = GEN_CLOSED;
                  gen.frame = null;
                  this.clearFrame(f);
                  gen.frameGone(rt);
                } else {
                  this.clearFrame(f);
                  // Cleared, and no one holds a returned function frame: its arrays are reused.
                  if (f.frameObj === null && f.sp === 0) this.framePool.release(f);
                }
                if (wasEntry || back === null) {
                  this.current = back;
                  this.result = v;
                  if (gen !== null) gen.returned = true;
                  return Exit.Return;
                }
                f = back;
                this.current = f;
                code = f.code;
                ops = code.ops;
                args = code.args;
                positions = code.positions;
                this.push(f, v);
                break;
              }
              case Op.RETURN_GENERATOR:
                // Generators are created at call time (makeGenerator); never reached.
                break;
              case Op.YIELD_VALUE: {
                const v = this.pop(f);
                const gen = f.gen as Generator;
                gen.state = GEN_SUSPENDED;
                this.current = f.back;
                rt.log.push(EventKind.FrameExit, f.id);
                this.result = v;
                return Exit.Yield;
              }
              case Op.LOAD_CLOSURE: {
                const c = f.fast[arg]!;
                rt.incref(c, Holder.Stack, f.id, f.sp);
                f.stack[f.sp++] = c;
                break;
              }
              case Op.LOAD_DEREF:
              case Op.LOAD_CLASSDEREF: {
                if (op === Op.LOAD_CLASSDEREF && f.locals !== null) {
                  const v0 = dictGet(f.locals, code.localsplusnames[arg]!);
                  if (v0 !== null) {
                    this.push(f, rt.tempIncref(v0));
                    break;
                  }
                }
                const c = f.fast[arg] as PyCell;
                if (c.ref === null) throw this.unboundDeref(f, arg);
                rt.incref(c.ref, Holder.Stack, f.id, f.sp);
                f.stack[f.sp++] = c.ref;
                break;
              }
              case Op.STORE_DEREF: {
                const v = this.pop(f);
                const c = f.fast[arg] as PyCell;
                const old = c.ref;
                rt.give(v, Holder.Cell, c.id, -1);
                c.ref = v;
                if (old !== null) rt.decref(old, Holder.Cell, c.id, -1);
                break;
              }
              default:
                // The rarer instructions: a method of their own keeps this loop small enough to compile fast.
                this.coldOp(f, op, arg, line);
                break;
            }
          }
        } catch (e) {
          if (!(e instanceof PyThrow)) throw e;
          thrown = e;
        }
      }
      // ---- exception unwinding ----
      const t: PyThrow = thrown;
      thrown = null;
      const exc = t.exc;
      if (t.fresh) {
        t.fresh = false;
        const top = this.topmostExc();
        if (top !== null && top !== exc && exc.context === null) {
          // _PyErr_SetObject: the exception being handled becomes the context (avoiding cycles).
          let o: PyBaseException | null = top as PyBaseException;
          let cyc = false;
          while (o !== null) {
            if (o === exc) { cyc = true; break; }
            o = o.context as PyBaseException | null;
          }
          if (!cyc) rt.setExcLink(exc, 'context', top);
        }
      }
      if (!t.reraise) {
        exc.traceback.push({ code: f.code, lasti: f.lasti });
        this.tracebackHere(exc, f);
      }
      t.reraise = false;
      const handler = findHandler(f.code, f.pc - 1);
      if (handler !== null) {
        while (f.sp > handler.depth) {
          const v = f.stack[--f.sp];
          f.stack[f.sp] = null;
          if (v) rt.decref(v, Holder.Stack, f.id, f.sp);
        }
        if (handler.lasti) this.push(f, rt.int(f.lasti));
        this.push(f, exc);
        f.pc = handler.target;
        f.lastLine = -1;
        continue;
      }
      // No handler: the frame is done; the exception goes to the caller.
      if (f.initSelf !== null) {
        const o = f.initSelf;
        const argsT = f.initArgs;
        f.initSelf = null;
        f.initArgs = null;
        rt.tempDecref(o);
        if (argsT !== null) rt.tempDecref(argsT);
      }
      const back = f.back;
      const wasEntry = f.entry;
      const gen = f.gen as Generator | null;
      if (gen !== null) {
        gen.state = GEN_CLOSED;
        gen.frame = null;
      }
      this.clearFrame(f);
      if (gen !== null) gen.frameGone(rt);
      if (wasEntry || back === null) {
        this.current = back;
        if (gen !== null && isSubtype(exc.type, rt.t.StopIteration!)) {
          // PEP 479: StopIteration raised inside a generator becomes RuntimeError.
          const re = err(rt, 'RuntimeError', 'generator raised StopIteration');
          rt.setExcLink(re.exc, 'cause', exc);
          rt.setExcLink(re.exc, 'context', exc);
          re.exc.suppressContext = true;
          rt.tempDecref(exc);
          re.fresh = false;
          throw re;
        }
        throw t;
      }
      f = back;
      this.current = f;
      code = f.code;
      ops = code.ops;
      args = code.args;
      positions = code.positions;
      thrown = t;
      void entry;
    }
  }

  /**
   * The instructions that are rarer, or do enough work that one more call does not show: run
   * from the loop's default case. None of them switches frames; an exception they raise
   * unwinds in the loop as any other does.
   */
  private coldOp(f: Frame, op: number, arg: number, line: number): void {
    const rt = this.rt;
    switch (op) {
      case Op.DELETE_FAST: {
        const old = f.fast[arg];
        if (!old) throw this.unboundLocal(f, arg);
        f.fast[arg] = null;
        rt.decref(old, Holder.Local, f.id, f.pycode.nameIds[arg]!);
        break;
      }
      case Op.STORE_GLOBAL: {
        const v = this.pop(f);
        const k = f.pycode.names[arg]!;
        dictSet(rt, f.globals, k, k.value, v);
        rt.tempDecref(v);
        break;
      }
      case Op.DELETE_GLOBAL: {
        const name = f.code.names[arg]!;
        if (!dictDel(rt, f.globals, name)) throw this.nameError(name, f);
        break;
      }
      case Op.DELETE_NAME: {
        const name = f.code.names[arg]!;
        const d = f.locals ?? f.globals;
        if (!dictDel(rt, d, name)) throw this.nameError(name, f);
        break;
      }
      case Op.DELETE_ATTR: {
        const o = this.pop(f);
        try {
          setattr(rt, o, f.code.names[arg]!, null);
        } finally {
          rt.tempDecref(o);
        }
        break;
      }
      case Op.DELETE_SUBSCR: {
        const k = this.pop(f);
        const o = this.pop(f);
        try {
          rt.delItem(o, k);
        } finally {
          rt.tempDecref(o);
          rt.tempDecref(k);
        }
        break;
      }
      case Op.UNARY_NEGATIVE:
      case Op.UNARY_POSITIVE:
      case Op.UNARY_INVERT: {
        const a = this.pop(f);
        try {
          this.push(f, unaryOp(rt, a, op === Op.UNARY_NEGATIVE ? 'neg' : op === Op.UNARY_POSITIVE ? 'pos' : 'invert'));
        } finally {
          rt.tempDecref(a);
        }
        break;
      }
      case Op.UNARY_NOT: {
        const a = this.pop(f);
        try {
          this.push(f, rt.bool(!truthy(rt, a)));
        } finally {
          rt.tempDecref(a);
        }
        break;
      }
      case Op.BUILD_SET: {
        const items = this.popN(f, arg);
        const s = rt.newSetFrom([], false) as PySet;
        try {
          for (const x of items) rt.setAdd(s, x);
        } finally {
          for (const x of items) rt.tempDecref(x);
        }
        this.push(f, s);
        break;
      }
      case Op.BUILD_MAP: {
        const items = this.popN(f, arg * 2);
        const d = rt.newDict();
        let uni = true;
        for (let i = 0; i < arg; i++) if (!(items[2 * i] instanceof PyStr)) uni = false;
        dictPresize(rt, d, arg, uni);
        try {
          for (let i = 0; i < arg; i++) dictSet(rt, d, items[2 * i]!, hashKey(rt, items[2 * i]!), items[2 * i + 1]!);
        } finally {
          for (const x of items) rt.tempDecref(x);
        }
        this.push(f, d);
        break;
      }
      case Op.BUILD_CONST_KEY_MAP: {
        const keys = this.pop(f) as PyTuple;
        const vals = this.popN(f, arg);
        const d = rt.newDict();
        dictPresize(rt, d, arg, keys.items.every((k) => k instanceof PyStr));
        for (let i = 0; i < arg; i++) dictSet(rt, d, keys.items[i]!, hashKey(rt, keys.items[i]!), vals[i]!);
        for (const x of vals) rt.tempDecref(x);
        rt.tempDecref(keys);
        this.push(f, d);
        break;
      }
      case Op.BUILD_STRING: {
        const items = this.popN(f, arg);
        let s = '';
        for (const x of items) s += (x as PyStr).value;
        for (const x of items) rt.tempDecref(x);
        this.push(f, rt.newStr(s));
        break;
      }
      case Op.BUILD_SLICE: {
        const items = this.popN(f, arg);
        const s = rt.newSlice(items[0]!, items[1]!, items[2] ?? rt.None);
        for (const x of items) rt.tempDecref(x);
        this.push(f, s);
        break;
      }
      case Op.SET_ADD: {
        const v = this.pop(f);
        try {
          rt.setAdd(f.stack[f.sp - arg] as PySet, v);
        } finally {
          rt.tempDecref(v);
        }
        break;
      }
      case Op.MAP_ADD: {
        const v = this.pop(f);
        const k = this.pop(f);
        try {
          dictSet(rt, f.stack[f.sp - arg] as PyDict, k, hashKey(rt, k), v);
        } finally {
          rt.tempDecref(k);
          rt.tempDecref(v);
        }
        break;
      }
      case Op.LIST_EXTEND: {
        const v = this.pop(f);
        try {
          const l = f.stack[f.sp - arg] as PyList;
          try {
            rt.listExtend(l, v);
          } catch (e) {
            if (e instanceof PyThrow && isSubtype(e.exc.type, rt.t.TypeError!) && rt.exceptionStr(e.exc).endsWith('is not iterable')) {
              rt.tempDecref(e.exc);
              throw err(rt, 'TypeError', `Value after * must be an iterable, not ${typeName(v)}`);
            }
            throw e;
          }
        } finally {
          rt.tempDecref(v);
        }
        break;
      }
      case Op.SET_UPDATE: {
        const v = this.pop(f);
        try {
          setUpdate(rt, f.stack[f.sp - arg] as PySet, v);
        } finally {
          rt.tempDecref(v);
        }
        break;
      }
      case Op.DICT_UPDATE:
      case Op.DICT_MERGE: {
        const v = this.pop(f);
        try {
          const d = f.stack[f.sp - arg] as PyDict;
          if (op === Op.DICT_MERGE && v instanceof PyDict) {
            for (const [k] of dictItems(v)) {
              if (dictGet(d, hashKey(rt, k)) !== null) {
                const fn = f.stack[f.sp - arg - 2];
                throw err(rt, 'TypeError', `${fn instanceof PyFunction ? fn.qualname.value : '?'}() got multiple values for keyword argument '${(k as PyStr).value}'`);
              }
            }
          }
          if (!(v instanceof PyDict) && lookup(v.type, 'keys') === null) {
            throw err(rt, 'TypeError', `'${typeName(v)}' object is not a mapping`);
          }
          rt.dictUpdate(d, v);
        } finally {
          rt.tempDecref(v);
        }
        break;
      }
      case Op.LIST_TO_TUPLE: {
        const l = this.pop(f) as PyList;
        const items = l.items.slice();
        for (const x of items) rt.tempIncref(x);
        rt.tempDecref(l);
        this.push(f, rt.tuple(items));
        break;
      }
      case Op.UNPACK_EX: {
        const before = arg & 0xff;
        const after = arg >> 8;
        const seq = this.pop(f);
        let items: PyObject[];
        try {
          items = this.unpackIter(seq, before, after);
        } finally {
          rt.tempDecref(seq);
        }
        const mid = rt.newList(items.slice(before, items.length - after));
        const out = [...items.slice(0, before), mid, ...items.slice(items.length - after)];
        for (let i = out.length - 1; i >= 0; i--) this.push(f, out[i]!);
        break;
      }
      case Op.CALL_FUNCTION_EX: {
        const kw = arg & 1 ? this.pop(f) : null;
        let cargs = this.pop(f);
        const fn = this.pop(f);
        const nul = f.stack[--f.sp];
        f.stack[f.sp] = null;
        void nul;
        try {
          // Anything but an exact tuple becomes one (PySequence_Tuple).
          if (!(cargs instanceof PyTuple && cargs.type === rt.t.tuple)) {
            const t = rt.tuple(toArray(rt, cargs));
            rt.tempDecref(cargs);
            cargs = t;
          }
          const kwd = kw instanceof PyDict ? kw : null;
          this.push(f, objectCall(rt, fn, cargs as PyTuple, kwd, (argv, names) => this.callAny(fn, argv, names)));
        } finally {
          rt.tempDecref(fn);
          rt.tempDecref(cargs);
          if (kw !== null) rt.tempDecref(kw);
        }
        break;
      }
      case Op.MAKE_FUNCTION: {
        const codeObj = this.pop(f) as PyCode;
        const fn = new PyFunction(codeObj, f.globals, rt.intern(codeObj.code.name), rt.intern(codeObj.code.qualname));
        rt.alloc(fn, rt.t.function!, 152, true);
        rt.give(codeObj, Holder.Field, fn.id, rt.str('__code__'));
        rt.incref(f.globals, Holder.Field, fn.id, rt.str('__globals__'));
        rt.give(fn.name, Holder.Field, fn.id, rt.str('__name__'));
        rt.give(fn.qualname, Holder.Field, fn.id, rt.str('__qualname__'));
        if (arg & 8) {
          fn.closure = this.pop(f) as PyTuple;
          rt.give(fn.closure, Holder.Field, fn.id, rt.str('__closure__'));
        }
        if (arg & 4) {
          fn.annotations = this.pop(f);
          rt.give(fn.annotations, Holder.Field, fn.id, rt.str('__annotations__'));
        }
        if (arg & 2) {
          fn.kwdefaults = this.pop(f) as PyDict;
          rt.give(fn.kwdefaults, Holder.Field, fn.id, rt.str('__kwdefaults__'));
        }
        if (arg & 1) {
          fn.defaults = this.pop(f) as PyTuple;
          rt.give(fn.defaults, Holder.Field, fn.id, rt.str('__defaults__'));
        }
        const c0 = codeObj.consts[0];
        if (c0 instanceof PyStr && codeObj.code.consts[0]?.kind === 'str' && this.hasDocstring(codeObj.code)) {
          fn.doc = c0;
          rt.incref(c0, Holder.Field, fn.id, rt.str('__doc__'));
        }
        rt.track(fn);
        this.push(f, fn);
        break;
      }
      case Op.GET_YIELD_FROM_ITER: {
        const o = f.stack[f.sp - 1]!;
        if (!rt.isGenerator(o)) {
          const it = iter(rt, o);
          f.stack[f.sp - 1] = it;
          rt.decref(o, Holder.Stack, f.id, f.sp - 1);
        }
        break;
      }
      case Op.SEND: {
        const v = this.pop(f);
        const recv = f.stack[f.sp - 1]!;
        let r: PyObject | null;
        let done = false;
        try {
          if (rt.isGenerator(recv)) {
            const [exit, val] = (recv as Generator).send(this, v);
            r = val;
            done = exit === Exit.Return;
          } else if (v === rt.None) {
            r = next(rt, recv);
            if (r === null) {
              done = true;
              r = rt.none();
            }
          } else {
            r = callBound(rt, getattr(rt, recv, 'send'), recv, [v]);
          }
        } finally {
          rt.tempDecref(v);
        }
        if (done) {
          f.sp--;
          f.stack[f.sp] = null;
          rt.decref(recv, Holder.Stack, f.id, f.sp);
          this.push(f, r!);
          f.pc = arg;
        } else this.push(f, r!);
        break;
      }
      case Op.GET_LEN: {
        const o = f.stack[f.sp - 1]!;
        this.push(f, rt.int(rt.lenOf(o)));
        break;
      }
      case Op.MAKE_CELL:
        this.makeCell(f, arg);
        break;
      case Op.COPY_FREE_VARS:
        this.copyFreeVars(f, arg);
        break;
      case Op.DELETE_DEREF: {
        const c = f.fast[arg] as PyCell;
        const old = c.ref;
        if (old === null) throw this.unboundDeref(f, arg);
        c.ref = null;
        rt.decref(old, Holder.Cell, c.id, -1);
        break;
      }
      case Op.LOAD_BUILD_CLASS: {
        const b = dictGet(f.builtins, '__build_class__')!;
        this.push(f, rt.tempIncref(b));
        break;
      }
      case Op.LOAD_ASSERTION_ERROR:
        this.push(f, rt.tempIncref(rt.t.AssertionError!));
        break;
      case Op.RAISE_VARARGS: {
        if (arg === 0) {
          const top = this.topmostExc();
          if (top === null) throw err(rt, 'RuntimeError', 'No active exception to reraise');
          const e = rt.tempIncref(top) as PyBaseException;
          const t = new PyThrow(e);
          t.fresh = false;
          t.reraise = true;
          throw t;
        }
        const cause = arg === 2 ? this.pop(f) : null;
        const exc = this.pop(f);
        throw this.makeRaise(exc, cause);
      }
      case Op.PUSH_EXC_INFO: {
        const v = this.pop(f);
        const prev = this.excInfo ?? rt.none();
        this.push(f, prev);
        this.excInfo = rt.tempIncref(v);
        this.push(f, v);
        break;
      }
      case Op.POP_EXCEPT: {
        const v = this.pop(f);
        const old = this.excInfo;
        this.excInfo = v === rt.None ? (rt.tempDecref(v), null) : v;
        if (old !== null) rt.tempDecref(old);
        break;
      }
      case Op.CHECK_EXC_MATCH: {
        const t = this.pop(f);
        const e = f.stack[f.sp - 1]!;
        try {
          this.push(f, rt.bool(this.excMatches(e, t)));
        } finally {
          rt.tempDecref(t);
        }
        break;
      }
      case Op.RERAISE: {
        const e = this.pop(f) as PyBaseException;
        if (arg) {
          const lasti = f.stack[f.sp - arg] as PyInt;
          f.lasti = Number(lasti.value);
        }
        const t = new PyThrow(e);
        t.fresh = false;
        t.reraise = true;
        throw t;
      }
      case Op.PREP_RERAISE_STAR:
        throw err(rt, 'NotImplementedError', `except* is not supported by refscope (line ${line})`);
      case Op.BEFORE_WITH: {
        const mgr = this.pop(f);
        try {
          const enter = lookup(mgr.type, '__enter__');
          const exit = lookup(mgr.type, '__exit__');
          if (enter === null) throw err(rt, 'AttributeError', `'${typeName(mgr)}' object does not support the context manager protocol`);
          if (exit === null) throw err(rt, 'AttributeError', `'${typeName(mgr)}' object does not support the context manager protocol (missed __exit__ method)`);
          this.push(f, descrGet(rt, exit, mgr, mgr.type));
          this.push(f, callBound(rt, enter, mgr, []));
        } finally {
          rt.tempDecref(mgr);
        }
        break;
      }
      case Op.WITH_EXCEPT_START: {
        const val = f.stack[f.sp - 1]! as PyBaseException;
        const exit = f.stack[f.sp - 4]!;
        const tb = val.tbObj ?? rt.None;
        this.push(f, call(rt, exit, [val.type, val, tb]));
        break;
      }
      case Op.PRINT_EXPR: {
        const v = this.pop(f);
        if (v !== rt.None) rt.writeStdout(repr(rt, v) + '\n');
        rt.tempDecref(v);
        break;
      }
      case Op.FORMAT_VALUE: {
        const spec = (arg & 4) === 4 ? this.pop(f) : null;
        let v = this.pop(f);
        try {
          const conv = arg & 3;
          if (conv !== 0) {
            const s = conv === 1 ? str(rt, v) : conv === 2 ? repr(rt, v) : ascii(repr(rt, v));
            const nv = rt.newStr(s);
            rt.tempDecref(v);
            v = nv;
          }
          const sp = spec === null ? '' : (spec as PyStr).value;
          if (v instanceof PyStr && v.type === rt.t.str && sp === '') this.push(f, rt.tempIncref(v));
          else this.push(f, rt.newStr(rt.format(v, sp)));
        } finally {
          rt.tempDecref(v);
          if (spec !== null) rt.tempDecref(spec);
        }
        break;
      }
      case Op.IMPORT_NAME: {
        const fromlist = this.pop(f);
        const level = this.pop(f);
        // Without a from-list the statement binds the top package of a dotted name.
        const top = fromlist === rt.None || (fromlist instanceof PyTuple && fromlist.items.length === 0);
        rt.tempDecref(fromlist);
        rt.tempDecref(level);
        this.push(f, rt.importModule(f.code.names[arg]!, top));
        break;
      }
      case Op.IMPORT_FROM: {
        const mod = f.stack[f.sp - 1]!;
        const name = f.code.names[arg]!;
        const v = getattrOpt(rt, mod, name);
        if (v === null) {
          const mn = mod instanceof PyModule ? mod.name : '?';
          throw err(rt, 'ImportError', `cannot import name '${name}' from '${mn}' (unknown location)`);
        }
        this.push(f, v);
        break;
      }
      case Op.IMPORT_STAR: {
        const mod = this.pop(f) as PyModule;
        for (const [k, v] of [...dictItems(mod.dict)]) {
          if ((k as PyStr).value.startsWith('_')) continue;
          dictSet(rt, f.locals ?? f.globals, k, (k as PyStr).value, v);
        }
        rt.tempDecref(mod);
        break;
      }
      case Op.SETUP_ANNOTATIONS: {
        const d = f.locals ?? f.globals;
        if (dictGet(d, '__annotations__') === null) {
          const a = rt.newDict();
          const k = rt.intern('__annotations__');
          dictSet(rt, d, k, '__annotations__', a);
          rt.tempDecref(k);
          rt.tempDecref(a);
        }
        break;
      }
      case Op.MATCH_CLASS:
      case Op.MATCH_MAPPING:
      case Op.MATCH_SEQUENCE:
      case Op.MATCH_KEYS:
        throw err(rt, 'NotImplementedError', `match statements are not supported by refscope (line ${line})`);
      default:
        throw err(rt, 'NotImplementedError', `opcode ${op} is not supported by refscope (line ${line})`);
    }
  }

  /**
   * The recursion depth `f` and its callers account for. A class call inlined with its __init__
   * costs what type_call's C recursion does: two. Each frame caches its own sum (its callers do
   * not change while it runs; a generator's frame is relinked, and its cache reset, on resume),
   * so a call costs O(1) instead of a walk of the whole chain.
   */
  private frameDepth(f: Frame | null): number {
    let n = 0;
    let g = f;
    while (g !== null && g.chainDepth === 0) {
      n += g.initSelf !== null ? 2 : 1;
      g = g.back;
    }
    const base = g !== null ? g.chainDepth : 0;
    // Fill the caches of the frames walked, innermost first.
    let sum = n + base;
    for (g = f; g !== null && g.chainDepth === 0; g = g.back) {
      g.chainDepth = sum;
      sum -= g.initSelf !== null ? 2 : 1;
    }
    return n + base;
  }

  private hasDocstring(code: CodeObject): boolean {
    // CPython 3.11 puts the docstring, or None, first in a function's co_consts (lambdas too), so a
    // str there is the docstring (PyFunction_NewWithQualName takes func_doc from co_consts[0]).
    return code.consts.length > 0;
  }

  private instanceHas(o: PyObject, name: string): boolean {
    if (o instanceof PyInstance) {
      if (o.values !== null) return o.values.has(name);
      if (o.dict !== null) return dictGet(o.dict, name) !== null;
    }
    return false;
  }

  push(f: Frame, o: PyObject): void {
    f.stack[f.sp++] = o;
  }

  /** Pops the top of stack; the caller owns the reference. */
  pop(f: Frame): PyObject {
    const v = f.stack[--f.sp]!;
    f.stack[f.sp] = null;
    return v;
  }

  popN(f: Frame, n: number): PyObject[] {
    const out = f.stack.slice(f.sp - n, f.sp) as PyObject[];
    for (let i = f.sp - n; i < f.sp; i++) f.stack[i] = null;
    f.sp -= n;
    return out;
  }

  callNative(fn: PyObject, argv: PyObject[], kwnames: string[] | null): PyObject {
    return call(this.rt, fn, argv, kwnames);
  }

  callAny(fn: PyObject, argv: PyObject[], kwnames: string[] | null): PyObject {
    return call(this.rt, fn, argv, kwnames);
  }

  private unpackIter(seq: PyObject, before: number, after: number): PyObject[] {
    const rt = this.rt;
    if (!(seq instanceof PyList || seq instanceof PyTuple) && lookup(seq.type, '__iter__') === null && rt.builtinIter === undefined) {
      throw err(rt, 'TypeError', `cannot unpack non-iterable ${typeName(seq)} object`);
    }
    let items: PyObject[];
    try {
      items = toArray(rt, seq);
    } catch (e) {
      if (e instanceof PyThrow && isSubtype(e.exc.type, rt.t.TypeError!) && /is not iterable/.test(rt.exceptionStr(e.exc))) {
        rt.tempDecref(e.exc);
        throw err(rt, 'TypeError', `cannot unpack non-iterable ${typeName(seq)} object`);
      }
      throw e;
    }
    if (after < 0) {
      if (items.length !== before) {
        for (const x of items) rt.tempDecref(x);
        if (items.length > before) throw err(rt, 'ValueError', `too many values to unpack (expected ${before})`);
        throw err(rt, 'ValueError', `not enough values to unpack (expected ${before}, got ${items.length})`);
      }
      return items;
    }
    if (items.length < before + after) {
      for (const x of items) rt.tempDecref(x);
      throw err(rt, 'ValueError', `not enough values to unpack (expected at least ${before + after}, got ${items.length})`);
    }
    return items;
  }

  private excMatches(e: PyObject, t: PyObject): boolean {
    const rt = this.rt;
    if (t instanceof PyTuple) return t.items.some((x) => this.excMatches(e, x));
    if (!(t instanceof PyType) || !isSubtype(t, rt.t.BaseException!)) {
      throw err(rt, 'TypeError', 'catching classes that do not inherit from BaseException is not allowed');
    }
    return isSubtype(e.type, t);
  }

  /** RAISE_VARARGS: builds the exception to raise from `exc` (a type or instance) and an optional cause. */
  makeRaise(exc: PyObject, cause: PyObject | null): PyThrow {
    const rt = this.rt;
    let inst: PyBaseException;
    if (exc instanceof PyType) {
      if (!isSubtype(exc, rt.t.BaseException!)) {
        rt.tempDecref(exc);
        if (cause) rt.tempDecref(cause);
        return err(rt, 'TypeError', 'exceptions must derive from BaseException');
      }
      const r = callType(rt, exc, [], null);
      rt.tempDecref(exc);
      inst = r as PyBaseException;
    } else if (exc instanceof PyBaseException) {
      inst = exc;
    } else {
      rt.tempDecref(exc);
      if (cause) rt.tempDecref(cause);
      return err(rt, 'TypeError', 'exceptions must derive from BaseException');
    }
    if (cause !== null) {
      let c: PyObject | null = cause;
      if (cause instanceof PyType) {
        c = callType(rt, cause, [], null);
        rt.tempDecref(cause);
      } else if (cause === rt.None) {
        c = null;
        rt.tempDecref(cause);
      } else if (!(cause instanceof PyBaseException)) {
        rt.tempDecref(cause);
        rt.tempDecref(inst);
        return err(rt, 'TypeError', 'exception causes must derive from BaseException');
      }
      rt.setExcLink(inst, 'cause', c);
      if (c !== null && c !== cause) rt.tempDecref(c);
      else if (c !== null) rt.tempDecref(c);
      inst.suppressContext = true;
    }
    return new PyThrow(inst);
  }

  nameError(name: string, f: Frame): PyThrow {
    const rt = this.rt;
    const t = err(rt, 'NameError', `name '${name}' is not defined`);
    rt.setExcExtra(t.exc, 'name', rt.newStr(name));
    const scopes: string[][] = [];
    // offer_suggestions_for_name_error: the code's varnames (none in a module or class body,
    // whatever its locals dict holds), then the globals, then the builtins.
    scopes.push(f.code.localsplusnames.filter((_, i) => f.code.localspluskinds[i]! & 0x20));
    scopes.push(dictKeys(f.globals));
    scopes.push(dictKeys(f.builtins));
    nameErrorScopes.set(t.exc, scopes);
    return t;
  }

  unboundLocal(f: Frame, i: number): PyThrow {
    const name = f.code.localsplusnames[i]!;
    return err(this.rt, 'UnboundLocalError', `cannot access local variable '${name}' where it is not associated with a value`);
  }

  unboundDeref(f: Frame, i: number): PyThrow {
    const name = f.code.localsplusnames[i]!;
    if (f.code.localspluskinds[i]! & CO_FAST_FREE) {
      return err(this.rt, 'NameError', `cannot access free variable '${name}' where it is not associated with a value in enclosing scope`);
    }
    void CO_FAST_CELL;
    return err(this.rt, 'UnboundLocalError', `cannot access local variable '${name}' where it is not associated with a value`);
  }
}

function findHandler(code: CodeObject, lasti: number): { target: number; depth: number; lasti: boolean } | null {
  for (const e of code.exceptiontable) if (lasti >= e.start && lasti < e.end) return e;
  return null;
}

export { Exit, PyNone, PyBuiltin, PyNativeObject, newException, GEN_CREATED };
