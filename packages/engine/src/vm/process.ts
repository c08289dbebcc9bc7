// One simulated CPython process: the runtime, the builtins, sys and gc, the __main__ module,
// and the interpreter, wired together. The Engine (engine.ts) drives it.
import { EventKind, Holder } from '../events/kinds.js';
import type { EventLog } from '../events/log.js';
import type { CodeObject } from '../compiler/code.js';
import type { ConstValue } from '../python/ast.js';
import { parse, PySyntaxError } from '../python/index.js';
import { compileModule, type CompileWarning } from '../compiler/index.js';
import { NotSupportedError } from '../compiler/errors.js';
import {
  PyObject, PyType, PyInt, PyFloat, PyStr, PyBytes, PyTuple, PyList, PyDict, PyCode, PyFunction, PyBuiltin, PyModule,
  PyInstance, PyBaseException, PyCell, PyComplex, PyBool, PySuper, PyWeakref, PyMethodDescr, type NativeFn,
} from '../runtime/object.js';
import { Runtime, PyThrow } from '../runtime/runtime.js';
import { installTypes } from '../runtime/types.js';
import { callConvention } from '../runtime/tpcall.js';
import { installObjects } from '../runtime/objects.js';
import { makeBuiltins } from '../runtime/builtins.js';
import { err, newException } from '../runtime/errors.js';
import { dictGet, dictSet, dictDel, dictItems } from '../runtime/dict.js';
import { call, getattrOpt, isSubtype, len, repr, setattr, str, typeName, lookup, toArray } from '../runtime/ops.js';
import { VM } from './interp.js';
import { Frame } from './frame.js';
import { installGenerators, genClose } from './generator.js';
import { installGc } from './gcmodule.js';
import { installWeakref } from '../runtime/weakref.js';
import { installModules } from '../runtime/modules/index.js';
import { formatException, excLine, dictKeys, type SourceFiles } from './traceback.js';

const IDENT = /^[A-Za-z0-9_]*$/;

export class Process {
  readonly rt: Runtime;
  readonly vm: VM;
  readonly builtins: PyModule;
  readonly modules = new Map<string, PyModule>();
  /** sys.modules, the dict an import looks in first (a program may put a module there itself). */
  private sysModules: PyDict | null = null;

  /** A module made (or found) under `name`: kept here and in sys.modules, as CPython's import does. */
  private registerModule(name: string, mod: PyModule): void {
    this.modules.set(name, mod);
    const d = this.sysModules;
    if (d === null) return;
    const rt = this.rt;
    const ks = rt.intern(name);
    dictSet(rt, d, ks, name, mod);
    rt.tempDecref(ks);
  }
  main!: PyModule;
  mainCode: PyCode | null = null;
  readonly sources = new Map<string, string[]>();
  stdoutText = '';
  stderrText = '';
  onStdout: ((s: string) => void) | null = null;
  onStderr: ((s: string) => void) | null = null;

  constructor(log: EventLog, readonly displayPath: string) {
    const rt = (this.rt = new Runtime(log));
    installTypes(rt);
    installObjects(rt);
    installGc(this);
    const vm = (this.vm = new VM(rt));
    rt.callPython = (f, args, kw, self) => vm.callPython(f, args, kw, self);
    rt.newMethodDescr = (t, name, fn) => rt.immortal(new PyMethodDescr(name, t, callConvention(rt, t.name, name, fn)), rt.t.method_descriptor!);
    installGenerators(rt, vm);
    rt.lenOf = (o) => len(rt, o);
    rt.writeStdout = (s) => this.writeStdout(s);
    rt.toArrayOf = (o) => toArray(rt, o);
    rt.listReplaceSlice = (l, lo, hi, items) => {
      rt.listDelSlice(l, lo, hi);
      for (let i = 0; i < items.length; i++) {
        rt.listInsertAt(l, lo + i, items[i]!);
        rt.tempDecref(items[i]!);
      }
    };
    rt.listInsertAt = (l, i, v) => {
      const ins = lookup(rt.t.list!, 'insert')! as unknown as { fn: NativeFn };
      const k = rt.int(i);
      rt.tempDecref(ins.fn([k, v], null, l));
      rt.tempDecref(k);
    };
    const guard = new Set<PyObject>();
    // Py_ReprEnter's first use in a process makes the thread state's dict and, in it, the
    // 'Py_Repr' list of reprs in progress, both kept for the life of the process: gen0's count
    // goes up by 2 at the first repr of a non-empty list or tuple, of any dict, or of a
    // non-empty set (an empty list, tuple or set returns before Py_ReprEnter).
    let reprState: PyDict | null = null;
    rt.reprEnter = () => {
      if (reprState !== null) return;
      reprState = rt.newDict();
      rt.give(reprState, Holder.Root, -1, rt.str('threadstate dict'));
      const list = rt.newList([]);
      const key = rt.intern('Py_Repr');
      dictSet(rt, reprState, key, 'Py_Repr', list);
      rt.tempDecref(key);
      rt.tempDecref(list);
    };
    rt.reprGuard = (o, rec, f) => {
      if (o instanceof PyDict || len(rt, o) > 0) rt.reprEnter();
      if (guard.has(o)) return rec;
      guard.add(o);
      try {
        return f();
      } finally {
        guard.delete(o);
      }
    };
    rt.nativeRepr = (o) => {
      if (rt.isGenerator(o)) return `<generator object ${(o as unknown as { qualname: string }).qualname} at 0x${rt.idOf(o).toString(16)}>`;
      return null;
    };
    rt.materializeDict = (o) => {
      if (o.dict !== null) return o.dict;
      const d = rt.newDict();
      d.split = true;
      d.owner = o;
      const vals = o.values ?? new Map<string, PyObject>();
      o.values = null;
      o.dict = d;
      rt.give(d, Holder.Field, o.id, rt.str('__dict__'));
      for (const [k, v] of vals) {
        const ks = rt.intern(k);
        dictSet(rt, d, ks, k, v);
        rt.tempDecref(ks);
        rt.decref(v, Holder.Attr, o.id, rt.str(k));
      }
      rt.log.push(EventKind.Resize, d.id, rt.sizeOf(d));
      if (!rt.isTracked(d)) rt.track(d);
      return d;
    };
    rt.mappingProxy = (t) => {
      const d = rt.newDict();
      for (const [k, v] of t.dict) {
        const ks = rt.intern(k);
        dictSet(rt, d, ks, k, v);
        rt.tempDecref(ks);
      }
      return d;
    };
    rt.getattrOf = (o, name) => {
      const v = getattrOpt(rt, o, name);
      if (v === null) throw err(rt, 'AttributeError', `'${typeName(o)}' object has no attribute '${name}'`);
      return v;
    };
    rt.writeUnraisable = (t, obj, context) => this.unraisable(t, obj, context);
    rt.hooks = {
      // The refcount-death path (PyObject_CallFinalizerFromDealloc): it records the Finalize.
      finalize: (o) => this.callDel(o, true),
      weakrefCallback: (cb, ref) => {
        try {
          rt.tempDecref(call(rt, cb, [ref]));
        } catch (e) {
          if (!(e instanceof PyThrow)) throw e;
          this.unraisable(e, cb, 'Exception ignored in: ');
        }
      },
    };

    this.builtins = makeBuiltins(rt, {
      stdout: (t, writes) => this.writeStdout(t, writes),
      currentGlobals: () => this.currentFrame()?.globals ?? this.main.dict,
      currentLocalsFor: () => {
        const f = this.currentFrame();
        if (f === null) return null;
        if (f.locals !== null) return f.locals;
        if (f.func === null) return null;
        return this.fastLocals(f);
      },
      zeroArgSuper: () => this.zeroArgSuper(),
      exec: (src, g, l) => this.exec(src, g, l),
      buildClass: (func, name, bases, kw) => this.buildClass(func, name, bases, kw),
    });
    rt.builtinsDict = this.builtins.dict;
    rt.importModule = (name, top = false) => this.importDotted(name, top);
    this.modules.set('builtins', this.builtins);
    this.installSys();
    installWeakref(rt, this);
    this.runAtexit = installModules(this).atexit;
  }

  /** Runs the atexit callbacks (weakref.finalize's among them): the first step of shutdown. */
  runAtexit: () => void = () => {};

  // -------------------------------------------------------------------------------------------
  // Output

  /**
   * Program output to sys.stdout. A write() of CPython's unbuffered (write-through) TextIOWrapper
   * allocates no GC object (textio.c: the ASCII text itself, or its encoded bytes, goes to the
   * raw FileIO), so `writes` (how many write() calls CPython makes) costs nothing here.
   */
  writeStdout(s: string, _writes = 1): void {
    if (s.length === 0) return;
    this.stdoutText += s;
    this.rt.log.push(EventKind.Stdout, this.rt.str(s));
    this.onStdout?.(s);
  }

  writeStderr(s: string): void {
    if (s.length === 0) return;
    this.stderrText += s;
    this.rt.log.push(EventKind.Stderr, this.rt.str(s));
    this.onStderr?.(s);
  }

  files(): SourceFiles {
    return {
      lines: (fn) => this.sources.get(fn) ?? null,
      display: (fn) => (fn === this.mainFilename ? this.displayPath : fn),
    };
  }

  mainFilename = '';

  /** PyErr_WriteUnraisable: "Exception ignored in: <obj>" and the traceback. */
  unraisable(t: PyThrow, obj: PyObject | null, context = 'Exception ignored in: '): void {
    const rt = this.rt;
    let head = '';
    if (obj !== null) {
      let r: string;
      try {
        r = repr(rt, obj);
      } catch {
        r = `<object repr() failed>`;
      }
      head = `${context}${r}\n`;
    }
    const body = formatException(rt, t.exc, this.files());
    this.writeStderr(head + body);
    rt.tempDecref(t.exc);
  }

  /**
   * tp_finalize: a generator's close or the class's `__del__`. `record` says whether to emit the
   * Finalize event: true on the refcount-death path; false when the collector runs it, as the
   * collector has emitted Finalize itself (gc/host.ts `finalize`).
   */
  callDel(o: PyObject, record: boolean): void {
    const rt = this.rt;
    if (rt.isGenerator(o)) {
      // _PyGen_Finalize: close the suspended generator; errors are unraisable. It is the
      // generator's tp_finalize, recorded like a __del__ (the collector records its own).
      if (record) rt.log.push(EventKind.Finalize, o.id);
      try {
        genClose(rt, this.vm, o as never);
      } catch (e) {
        if (!(e instanceof PyThrow)) throw e;
        this.unraisable(e, o);
      }
      return;
    }
    const f = lookup(o.type, '__del__');
    if (f === null) return;
    if (record) rt.log.push(EventKind.Finalize, o.id);
    try {
      const r = rt.callPython(f as PyFunction, [], null, o);
      rt.tempDecref(r);
    } catch (e) {
      if (!(e instanceof PyThrow)) throw e;
      const fn = f as PyFunction;
      this.writeStderr(`Exception ignored in: <function ${fn.qualname.value} at 0x${rt.idOf(fn).toString(16)}>\n`);
      this.writeStderr(formatException(rt, e.exc, this.files()));
      rt.tempDecref(e.exc);
    }
  }

  /** Full collections at shutdown; the automatic trigger lives in the collector's onGcAlloc. */
  collector: { collect(gen: number): number; collectNoFail(): number } | null = null;

  currentFrame(): Frame | null {
    return this.vm.current;
  }

  fastLocals(f: Frame): PyDict {
    const rt = this.rt;
    const d = rt.newDict();
    const names = f.code.localsplusnames;
    for (let i = 0; i < names.length; i++) {
      let v = f.fast[i];
      if (v instanceof PyCell && (f.code.localspluskinds[i]! & 0xc0)) v = v.ref;
      if (v !== null && v !== undefined) {
        const k = rt.intern(names[i]!);
        dictSet(rt, d, k, names[i]!, v);
        rt.tempDecref(k);
      }
    }
    return d;
  }

  zeroArgSuper(): [PyType, PyObject] {
    const rt = this.rt;
    const f = this.vm.current;
    // A module or class body (no function), or a function without positional parameters.
    if (f === null || f.func === null || f.code.argcount === 0) throw err(rt, 'RuntimeError', 'super(): no arguments');
    const code = f.code;
    const idx = code.localsplusnames.indexOf('__class__');
    if (idx < 0 || !(code.localspluskinds[idx]! & 0x80)) throw err(rt, 'RuntimeError', 'super(): __class__ cell not found');
    const cell = f.fast[idx] as PyCell;
    if (cell.ref === null) throw err(rt, 'RuntimeError', 'super(): empty __class__ cell');
    let first = f.fast[0] ?? null;
    if (first instanceof PyCell && code.localspluskinds[0]! & 0x40) first = first.ref;
    if (first === null || code.argcount === 0) throw err(rt, 'RuntimeError', 'super(): no arguments');
    return [cell.ref as PyType, first];
  }

  // -------------------------------------------------------------------------------------------
  // Code loading

  /** Materialises a module's code objects and constants (shared by value across the module). */
  loadCode(code: CodeObject, main: boolean): PyCode {
    const shared = new Map<string, PyObject>();
    return this.codeObject(code, shared, main);
  }

  private codeObject(code: CodeObject, shared: Map<string, PyObject>, main: boolean): PyCode {
    const rt = this.rt;
    const c = rt.alloc(new PyCode(code), rt.t.code!, 200, false);
    c.nameIds = Int32Array.from(code.localsplusnames, (n) => rt.str(n));
    for (const k of code.consts) {
      const o = this.constant(k, shared, main);
      c.consts.push(o);
      // A nested code object belongs to its parent's co_consts alone; other constants keep their
      // creating reference too (the parser arena of the main script).
      if (k.kind === 'code') rt.give(o, Holder.Field, c.id, rt.str('co_consts'));
      else rt.incref(o, Holder.Field, c.id, rt.str('co_consts'));
    }
    for (const n of code.names) {
      const s = rt.intern(n);
      c.names.push(s);
    }
    return c;
  }

  private constKey(k: ConstValue): string {
    switch (k.kind) {
      case 'None': return 'N';
      case 'Ellipsis': return 'E';
      case 'bool': return k.value ? 'T' : 'F';
      case 'int': return 'i' + k.value;
      case 'float': return 'f' + (Object.is(k.value, -0) ? '-0' : String(k.value));
      case 'complex': return `c${k.real},${k.imag}`;
      case 'str': return 's' + k.value;
      case 'bytes': return 'b' + Array.from(k.value).join(',');
      case 'tuple': return 't(' + k.items.map((x) => this.constKey(x)).join('|') + ')';
      case 'frozenset': return 'z(' + k.items.map((x) => this.constKey(x)).join('|') + ')';
      default: return '';
    }
  }

  private constant(k: ConstValue, shared: Map<string, PyObject>, main: boolean): PyObject {
    const rt = this.rt;
    if (k.kind === 'code') return this.codeObject(k.code, shared, main);
    if (k.kind === 'None') return rt.None;
    if (k.kind === 'Ellipsis') return rt.Ellipsis;
    if (k.kind === 'bool') return k.value ? rt.True : rt.False;
    const key = this.constKey(k);
    const got = shared.get(key);
    if (got !== undefined) return got;
    let o: PyObject;
    switch (k.kind) {
      case 'int':
        o = rt.int(k.value);
        break;
      case 'float':
        o = rt.float(k.value);
        break;
      case 'complex':
        o = rt.alloc(new PyComplex(k.real, k.imag), rt.t.complex!, 32, false);
        break;
      case 'str':
        o = IDENT.test(k.value) ? rt.intern(k.value) : rt.newStr(k.value);
        break;
      case 'bytes':
        o = rt.newBytes(k.value);
        break;
      case 'tuple': {
        const items = k.items.map((x) => this.constant(x, shared, main));
        for (const x of items) rt.tempIncref(x);
        o = rt.tuple(items);
        break;
      }
      case 'frozenset': {
        const items = k.items.map((x) => this.constant(x, shared, main));
        o = rt.newSetFrom(items, true);
        break;
      }
      default:
        throw new Error('unknown constant');
    }
    // The creating reference stays: the parser arena (main script) or the compiler's constant cache.
    shared.set(key, o);
    void main;
    return o;
  }

  // -------------------------------------------------------------------------------------------
  // Modules

  newModule(name: string): PyModule {
    const rt = this.rt;
    const d = rt.newDict();
    const m = rt.alloc(new PyModule(name, d), rt.t.module!, 72, true);
    rt.give(d, Holder.Field, m.id, rt.str('__dict__'));
    rt.track(m);
    const set = (k: string, v: PyObject): void => {
      const ks = rt.intern(k);
      dictSet(rt, d, ks, k, v);
      rt.tempDecref(ks);
    };
    const n = rt.intern(name);
    set('__name__', n);
    rt.tempDecref(n);
    set('__doc__', rt.None);
    return m;
  }

  setAttr(m: PyModule, name: string, v: PyObject, steal = true): void {
    const rt = this.rt;
    const ks = rt.intern(name);
    dictSet(rt, m.dict, ks, name, v);
    rt.tempDecref(ks);
    if (steal) rt.tempDecref(v);
  }

  defFn(m: PyModule, name: string, fn: NativeFn): void {
    const rt = this.rt;
    fn = callConvention(rt, m.name, name, fn);
    const b = rt.immortal(new PyBuiltin(name, fn), rt.t.builtin_function_or_method!);
    b.self = m;
    this.setAttr(m, name, b, false);
  }

  /**
   * `import a.b.c`: imports a, then a.b, then a.b.c, binding each as an attribute of its parent
   * package; returns the top package `a` (`top`, for a plain import statement) or a.b.c itself
   * (a `from a.b.c import x`).
   */
  importDotted(name: string, top: boolean): PyObject {
    const rt = this.rt;
    if (!name.includes('.')) return this.importModule(name);
    const parts = name.split('.');
    let parent = this.importModule(parts[0]!);
    const first = parent;
    for (let i = 1; i < parts.length; i++) {
      const child = this.importModule(parts.slice(0, i + 1).join('.'));
      if (parent instanceof PyModule && dictGet(parent.dict, parts[i]!) === null) this.setAttr(parent, parts[i]!, child, false);
      if (parent !== first) rt.tempDecref(parent);
      parent = child;
    }
    if (top) {
      if (parent !== first) rt.tempDecref(parent);
      return first;
    }
    rt.tempDecref(first);
    return parent;
  }

  importModule(name: string): PyObject {
    const rt = this.rt;
    // sys.modules first; a module a program took out of it is made again, as CPython re-imports.
    const found = this.sysModules !== null ? dictGet(this.sysModules, name) : null;
    if (found !== null) return rt.tempIncref(found);
    const maker = this.moduleMakers.get(name);
    if (maker !== undefined) {
      const mod = maker();
      this.registerModule(name, mod);
      return rt.tempIncref(mod);
    }
    const m = this.modules.get(name);
    if (m !== undefined) return rt.tempIncref(m);
    const t = err(rt, 'ModuleNotFoundError', `No module named '${name.split('.')[0]}'`);
    rt.setExcExtra(t.exc, 'name', rt.newStr(name));
    throw t;
  }

  /** Builtin modules made on first import: name -> factory. Other parts register theirs here. */
  readonly moduleMakers = new Map<string, () => PyModule>();

  private installSys(): void {
    const rt = this.rt;
    const sys = this.newModule('sys');
    this.modules.set('sys', sys);
    // sys._getframe([depth]): the frame object of the caller `depth` frames up, made if need be.
    this.defFn(sys, '_getframe', (args) => {
      let depth = args.length > 0 ? Number((args[0] as PyInt).value) : 0;
      let f = this.vm.current;
      while (f !== null && depth > 0) {
        f = f.back;
        depth--;
      }
      if (f === null) throw err(rt, 'ValueError', 'call stack is not deep enough');
      return rt.tempIncref(this.vm.frameObjectOf(f));
    });
    this.defFn(sys, 'getrefcount', (args) => {
      if (args.length !== 1) throw err(rt, 'TypeError', `sys.getrefcount() takes exactly one argument (${args.length} given)`);
      const o = args[0]!;
      return rt.int(o.rc + (o.immortal ? immortalBase(rt, o) : 0));
    });
    this.defFn(sys, 'getsizeof', (args) => {
      const o = args[0]!;
      const f = o.type.heap ? lookup(o.type, '__sizeof__') : null;
      if (f !== null && f instanceof PyFunction) {
        const r = rt.callPython(f, [], null, o);
        const v = (r as PyInt).value;
        rt.tempDecref(r);
        return rt.int(v + (o.type.gcInstances ? 16n : 0n));
      }
      return rt.int(rt.sizeOf(o));
    });
    this.defFn(sys, 'intern', (args) => {
      const s = args[0]!;
      if (!(s instanceof PyStr) || s.type !== rt.t.str) throw err(rt, 'TypeError', `intern() argument must be str, not ${typeName(s)}`);
      const got = rt.interned.get(s.value);
      if (got !== undefined) return rt.tempIncref(got);
      s.interned = true;
      rt.interned.set(s.value, s);
      return rt.tempIncref(s);
    });
    this.defFn(sys, 'exc_info', () => {
      const e = this.vm.topmostExc();
      if (e === null) return rt.tuple([rt.none(), rt.none(), rt.none()]);
      return rt.tuple([rt.tempIncref(e.type), rt.tempIncref(e), rt.tempIncref((e as PyBaseException).tbObj ?? rt.None)]);
    });
    this.defFn(sys, 'exception', () => rt.tempIncref(this.vm.topmostExc() ?? rt.None));
    this.defFn(sys, 'getrecursionlimit', () => rt.int(1000));
    this.defFn(sys, 'setrecursionlimit', () => rt.none());
    this.defFn(sys, 'exit', (args) => {
      const t = err(rt, 'SystemExit');
      if (args.length) {
        const old = t.exc.args;
        t.exc.args = rt.tuple([rt.tempIncref(args[0]!)]);
        rt.give(t.exc.args, Holder.Field, t.exc.id, rt.str('args'));
        rt.decref(old, Holder.Field, t.exc.id, rt.str('args'));
      }
      throw t;
    });
    // sys.stdout: a small writer object.
    const outType = rt.staticType('TextIOWrapper');
    outType.kind = 'NativeObject';
    outType.module = '_io';
    const out = rt.immortal(new PyInstance(), outType);
    rt.stdoutObj = out;
    const write: NativeFn = (args) => {
      const s = args[0]!;
      if (!(s instanceof PyStr)) throw err(rt, 'TypeError', `write() argument must be str, not ${typeName(s)}`);
      this.writeStdout(s.value);
      return rt.int([...s.value].length);
    };
    outType.dict.set('write', rt.newMethodDescr(outType, 'write', write));
    outType.dict.set('flush', rt.newMethodDescr(outType, 'flush', () => rt.none()));
    this.setAttr(sys, 'stdout', out, false);
    const errType = rt.staticType('TextIOWrapper_err');
    errType.kind = 'NativeObject';
    const errObj = rt.immortal(new PyInstance(), outType);
    errType.dict.set('write', rt.newMethodDescr(errType, 'write', (args) => {
      this.writeStderr((args[0] as PyStr).value);
      return rt.int((args[0] as PyStr).value.length);
    }));
    const errObj2 = rt.immortal(new PyInstance(), errType);
    void errObj;
    this.setAttr(sys, 'stderr', errObj2, false);
    this.setAttr(sys, '__stdout__', out, false);
    this.setAttr(sys, 'maxsize', rt.int(9223372036854775807n));
    this.setAttr(sys, 'byteorder', rt.newStr('little'));
    this.setAttr(sys, 'platform', rt.newStr('linux'));
    this.setAttr(sys, 'version', rt.newStr('3.11.7 (main) [refscope]'));
    this.setAttr(sys, 'implementation', rt.newStr('cpython'));
    this.setAttr(sys, 'argv', rt.newList([rt.newStr(this.displayPath.split('/').pop() ?? '')]));
    this.setAttr(sys, 'version_info', rt.tuple([rt.int(3), rt.int(11), rt.int(7), rt.newStr('final'), rt.int(0)]));
    this.setAttr(sys, 'hexversion', rt.int(0x030b07f0));
    const modules = rt.newDict();
    // The interpreter keeps its own reference (interp->modules): an import uses that dict even
    // if a program rebinds sys.modules.
    rt.incref(modules, Holder.Root, -1, rt.str('interp modules'));
    this.setAttr(sys, 'modules', modules);
    this.sysModules = modules;
    this.registerModule('sys', sys);
    this.registerModule('builtins', this.builtins);
    void PyTuple;
    void PyList;
  }

  // -------------------------------------------------------------------------------------------
  // Running

  /**
   * A compile-time warning as the warnings module shows it by default: `path:line: Category:
   * message`, then the stripped source line (none for a source linecache cannot read).
   */
  private formatWarning(w: CompileWarning, filename: string): string {
    const path = filename === this.mainFilename ? this.displayPath : filename;
    const text = (this.sources.get(filename) ?? [])[w.lineno - 1]?.trim() ?? '';
    return `${path}:${w.lineno}: ${w.category}: ${w.message}\n` + (text === '' ? '' : `  ${text}\n`);
  }

  /** Compiles `source` and sets up __main__; returns false (after printing) on a syntax error. */
  start(source: string, filename: string): boolean {
    const rt = this.rt;
    this.mainFilename = filename;
    this.sources.set(filename, source.split(/\r?\n/));
    let code: CodeObject;
    const nul = source.indexOf('\0');
    if (nul >= 0) {
      // The tokenizer refuses a NUL before parsing: the line up to it, then the error.
      const before = source.slice(0, nul);
      const line = before.split('\n').length;
      const text = before.slice(before.lastIndexOf('\n') + 1).trim();
      this.writeStderr(`  File "${this.displayPath}", line ${line}\n    ${text}\nSyntaxError: source code cannot contain null bytes\n`);
      return false;
    }
    try {
      const mod = parse(source, filename);
      const warnings: CompileWarning[] = [];
      code = compileModule(mod, { filename, source, warnings });
      for (const w of warnings) this.writeStderr(this.formatWarning(w, filename));
    } catch (e) {
      if (e instanceof PySyntaxError) {
        this.writeStderr(this.formatSyntax(e));
        return false;
      }
      if (e instanceof NotSupportedError) {
        const text = (this.sources.get(filename) ?? [])[e.lineno - 1]?.trim() ?? '';
        const shown = text === '' ? '' : `    ${text}\n`;
        this.writeStderr(`Traceback (most recent call last):\n  File "${this.displayPath}", line ${e.lineno}, in <module>\n${shown}NotImplementedError: ${e.message}\n`);
        return false;
      }
      throw e;
    }
    return this.startCode(code, filename);
  }

  formatSyntax(e: PySyntaxError): string {
    return formatSyntaxErrorFor(e, e.filename === this.mainFilename ? this.displayPath : e.filename);
  }

  startCode(code: CodeObject, filename: string): boolean {
    const rt = this.rt;
    this.mainFilename = filename;
    if (!this.sources.has(filename)) this.sources.set(filename, []);
    // __main__'s dict as `python3 file.py` leaves it: module_init_dict's five names,
    // add_main_module's __annotations__ and __builtins__, then _PyRun_SimpleFileObject's
    // __file__ and __cached__ and its SourceFileLoader as __loader__.
    this.main = this.newModule('__main__');
    this.registerModule('__main__', this.main);
    this.setAttr(this.main, '__package__', rt.None, false);
    this.setAttr(this.main, '__loader__', rt.None, false);
    this.setAttr(this.main, '__spec__', rt.None, false);
    this.setAttr(this.main, '__annotations__', rt.newDict());
    this.setAttr(this.main, '__builtins__', this.builtins, false);
    const file = rt.newStr(filename);
    this.setAttr(this.main, '__file__', file, false);
    this.setAttr(this.main, '__cached__', rt.None, false);
    this.setAttr(this.main, '__loader__', this.sourceFileLoader(file));
    rt.tempDecref(file);
    const c = this.loadCode(code, true);
    this.mainCode = c;
    const f = this.vm.newFrame(c, null, this.main.dict, this.builtins.dict, this.main.dict);
    this.vm.enterFrame(f);
    this.vm.current = f;
    this.entry = f;
    return true;
  }

  entry: Frame | null = null;

  /**
   * SourceFileLoader('__main__', path): an instance with `name` and `path`, of a class standing
   * for _frozen_importlib_external's (made here, without its bases and methods).
   */
  private sourceFileLoader(path: PyStr): PyObject {
    const rt = this.rt;
    const ns = rt.newDict();
    const put = (k: string, v: PyObject): void => {
      const ks = rt.intern(k);
      dictSet(rt, ns, ks, k, v);
      rt.tempDecref(ks);
      rt.tempDecref(v);
    };
    put('__module__', rt.newStr('_frozen_importlib_external'));
    put('__qualname__', rt.newStr('SourceFileLoader'));
    const cls = rt.newClass(rt.typeType, 'SourceFileLoader', [], ns) as PyType;
    rt.tempDecref(ns);
    const loader = rt.newInstance(cls);
    rt.tempDecref(cls);
    const name = rt.intern('__main__');
    setattr(rt, loader, 'name', name);
    rt.tempDecref(name);
    setattr(rt, loader, 'path', path);
    return loader;
  }

  /** _PyRun_SimpleFileObject, once the file has run: __file__ and __cached__ leave __main__. */
  private forgetMainFile(): void {
    const rt = this.rt;
    const main = this.main as PyModule | undefined;
    if (main === undefined) return;
    for (const k of ['__file__', '__cached__']) dictDel(rt, main.dict, k);
  }

  /** exec(source, globals, locals): compiles and runs in a nested loop. */
  exec(src: string, g: PyDict, l: PyDict | null): void {
    const rt = this.rt;
    let code: CodeObject;
    try {
      const warnings: CompileWarning[] = [];
      code = compileModule(parse(src, '<string>'), { filename: '<string>', source: src, warnings });
      for (const w of warnings) this.writeStderr(this.formatWarning(w, '<string>'));
    } catch (e) {
      if (e instanceof PySyntaxError) {
        const t = err(rt, 'SyntaxError', e.msg);
        throw t;
      }
      throw e;
    }
    this.sources.set('<string>', src.split('\n'));
    if (dictGet(g, '__builtins__') === null) {
      const k = rt.intern('__builtins__');
      dictSet(rt, g, k, '__builtins__', this.builtins);
      rt.tempDecref(k);
    }
    const c = this.loadCode(code, false);
    const f = this.vm.newFrame(c, null, g, this.builtins.dict, l ?? g);
    try {
      rt.tempDecref(this.vm.runNested(f));
    } finally {
      rt.tempDecref(c);
    }
  }

  buildClass(func: PyFunction, name: string, bases: PyObject[], kw: Map<string, PyObject>): PyObject {
    const rt = this.rt;
    let meta: PyType = rt.t.type!;
    const mk = kw.get('metaclass');
    if (mk instanceof PyType) meta = mk;
    for (const b of bases) if (b instanceof PyType && isSubtype(b.type, meta)) meta = b.type;
    const ns = rt.newDict();
    const code = func.code;
    // The body runs as a call of `func` with `ns` as its locals (_PyEval_Vector): the frame holds
    // the function and the namespace, and its COPY_FREE_VARS takes the closure's cells.
    const f = this.vm.newFrame(code, func, func.globals, this.builtins.dict, ns);
    rt.incref(func, Holder.Temp, -1, -1);
    rt.incref(ns, Holder.Field, -1, -1);
    let cell: PyObject;
    try {
      cell = this.vm.runNested(f);
    } catch (e) {
      rt.tempDecref(ns);
      throw e;
    }
    // type(name, bases, ns) is called with an argument tuple (bases: the tuple __build_class__ made).
    const basesT = rt.tuple(bases.map((b) => rt.tempIncref(b)));
    const argsT = rt.tuple([rt.newStr(name), basesT, rt.tempIncref(ns)]);
    try {
      // The statement's other keywords go to the metaclass call, and from type.__new__ to
      // __init_subclass__.
      const names = [...kw.keys()].filter((k) => k !== 'metaclass');
      const values = names.map((k) => kw.get(k)!);
      const cls =
        meta === rt.t.type
          ? rt.newClass(meta, name, bases as PyType[], ns, names.length > 0 ? { names, values } : null)
          : call(rt, meta, [...argsT.items, ...values], names.length > 0 ? names : null);
      if (cell instanceof PyCell) {
        rt.incref(cls, Holder.Cell, cell.id, -1);
        const old = cell.ref;
        cell.ref = cls;
        if (old !== null) rt.decref(old, Holder.Cell, cell.id, -1);
      }
      return cls;
    } finally {
      rt.tempDecref(argsT);
      rt.tempDecref(cell);
      rt.tempDecref(ns);
    }
  }

  /**
   * The program finished with an uncaught exception: print it (sys.excepthook) and return the
   * exit status. SystemExit is not printed but decides the status (handle_system_exit): no code
   * or None is 0, an int is itself (as the OS keeps it, & 0xff), anything else is printed to
   * stderr and gives 1.
   */
  reportUncaught(t: PyThrow): number {
    const rt = this.rt;
    const e = t.exc;
    if (isSubtype(e.type, rt.t.SystemExit!)) {
      const args = e.args?.items ?? [];
      const code = args.length === 0 ? rt.None : args.length === 1 ? args[0]! : e.args!;
      if (code === rt.None) return 0;
      if (code instanceof PyInt) return Number(BigInt.asUintN(8, code.value));
      this.writeStderr(str(rt, code) + '\n');
      return 1;
    }
    this.writeStderr(formatException(rt, e, this.files()));
    return 1;
  }

  /** Callbacks registered to run at exit (weakref.finalize with atexit=True), newest last. */
  readonly atexit: (() => void)[] = [];

  /**
   * Finalization at exit, as Py_FinalizeEx runs it where a program can see it: atexit callbacks,
   * then __main__ leaves sys.modules (its dict is usually kept alive only by the cycle through its
   * functions' __globals__), then a full collection finalizes and frees that garbage.
   */
  shutdown(uncaught: PyObject | null = null): void {
    const rt = this.rt;
    this.forgetMainFile();
    for (const cb of this.atexit.splice(0).reverse()) cb();
    const main = this.main;
    try {
      // Py_FinalizeEx collects once (PyGC_Collect, with gc.callbacks) while __main__ is still
      // alive: nothing of it is garbage yet, but the collection leaves the oldest generation in
      // the order reachability found its objects (each container's referents after it, a
      // list's items last to first).
      this.collector?.collect(2);
      // finalize_modules: sys.last_value (an uncaught exception, and the frames its traceback
      // holds) goes first; then __main__ leaves sys.modules (its dict is usually kept alive only
      // by the cycle through its functions' __globals__) and a collection without callbacks
      // finalizes and frees that garbage, in the order the first collection left.
      if (uncaught !== null) rt.tempDecref(uncaught);
      this.modules.delete('__main__');
      if (this.sysModules !== null && dictGet(this.sysModules, '__main__') === main) {
        // finalize_remove_modules: sys.modules['__main__'] = None.
        const ks = rt.intern('__main__');
        dictSet(rt, this.sysModules, ks, '__main__', rt.None);
        rt.tempDecref(ks);
      }
      rt.tempDecref(main);
      this.collector?.collectNoFail();
    } catch (e) {
      if (!(e instanceof PyThrow)) throw e;
      this.unraisable(e, null);
    }
  }

}

const v8 = 0;

function immortalBase(rt: Runtime, o: PyObject): number {
  if (o === rt.None) return 5500;
  if (o === rt.True || o === rt.False) return 1000;
  if (o instanceof PyInt || o instanceof PyStr || o instanceof PyTuple || o instanceof PyBytes) return 999999999;
  if (o instanceof PyBuiltin) return 3;
  return 100;
}

import { formatSyntaxError as formatSyntaxErrorFor } from '../python/index.js';
void PyFloat;
void PyBool;
void PySuper;
void PyWeakref;
void PyBaseException;
void newException;
void excLine;
void dictKeys;
void str;
