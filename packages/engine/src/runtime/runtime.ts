// The simulated interpreter state: object numbering, reference counting with events,
// allocation and deallocation, the singletons and caches CPython keeps, and the GC lists.
//
// Conventions (as in CPython's C API): a function that returns a PyObject returns a *new*
// reference unless its name says `borrow`; arguments are borrowed. Every reference a container
// or frame holds was taken with `incref(obj, holder, owner, slot)` and is dropped with `decref`
// with the same holder, so the event log can be folded into exactly the heap this file keeps.
import { EventKind, Holder } from '../events/kinds.js';
import type { EventLog } from '../events/log.js';
import { PyBuiltin as PyBuiltinClass } from './object.js';
import { MAPPED_BASE, Pymalloc } from '../memory/pymalloc.js';
import { staticAddress } from '../memory/allocator.js';
import {
  PyObject, PyType, PyInt, PyBool, PyStr, PyTuple, PyList, PyDict, PyNone, PyNotImplemented, PyEllipsis,
  PyBaseException, PyInstance, PyWeakref, PyFloat, PySlice, type PyFunction, type NativeFn, type PySet, type PyNativeIter, type PySuper,
} from './object.js';

/** A Python exception in flight through JS code. Owns one reference to `exc`. */
export class PyThrow {
  /** Not yet seen by the interpreter loop (its __context__ is still to be set). */
  fresh = true;
  /** Re-raised (RERAISE / bare raise): no new traceback entry for the current frame. */
  reraise = false;
  /** For NameError suggestions: the frame's namespaces. */
  frameGlobals: PyObject | null = null;
  frameLocals: unknown = null;
  constructor(public exc: PyBaseException) {}
}

/** gcFlags bits. */
export const GC_FINALIZED = 1;
export const GC_COLLECTING = 2;
/** The object is on a generation list (tracked). */
export const GC_TRACKED = 4;
/** The object has been deallocated (guards against a second dealloc of a stale reference). */
export const GC_FREED = 16;

/** A generation: a circular intrusive list headed by a sentinel, plus its counters. */
export class Generation {
  readonly head = new PyObject();
  threshold: number;
  count = 0;
  constructor(threshold: number) {
    this.threshold = threshold;
    this.head.gcNext = this.head;
    this.head.gcPrev = this.head;
  }
}

export interface RuntimeHooks {
  /** Called when an object is about to be deallocated and its type has __del__. Returns after running it. */
  finalize(o: PyObject): void;
  /** Calls a weakref callback (borrowed arguments). Errors are reported, not raised. */
  weakrefCallback(callback: PyObject, ref: PyWeakref): void;
}

export const SMALL_INT_MIN = -5;
export const SMALL_INT_MAX = 256;

/** One-character strings the deep-frozen startup modules intern as their own static objects. */
const DEEP_FROZEN_CHARS = 'BCLST_abcdefhijklmnopqrstvwxy';

/** The argument tuple and keyword dict of a tp_call (runtime/tpcall.ts). */
export interface TpCallArgs {
  argsT: PyTuple | null;
  kwDict: PyDict | null;
}

/** The keywords of a class statement (other than metaclass): names and values, in order. */
export interface ClassKeywords {
  names: string[];
  values: PyObject[];
}

export class Runtime {
  nextId = 1;
  /** Frame numbers (FrameEnter/Line/Stack holders) are counted separately from objects. */
  nextFrame = 1;
  hooks!: RuntimeHooks;
  readonly generations = [new Generation(700), new Generation(10), new Generation(10)];
  /** The permanent generation (gc.freeze). */
  readonly permanent = new Generation(0);
  gcEnabled = true;
  gcCollecting = false;
  /** Objects surviving the last full collection, and those pending promotion since (long_lived_*). */
  longLivedTotal = 0;
  longLivedPending = 0;
  /** Free lists (3.11): how many list/dict objects and tuples per length are parked. */
  freeLists = 0;
  freeDicts = 0;
  readonly freeTuples = new Int32Array(20);
  /**
   * The interpreter's one-slice cache (interp->slice_cache): a freed slice is kept there if it
   * is empty and the next slice reuses it, neither counted in gen0. Startup leaves it full, and
   * a collection does not empty it.
   */
  freeSlices = 1;
  /** Argument Clinic parsers initialised so far (tpcall.ts: their keyword tuples are made once). */
  readonly clinicParsers = new Set<string>();
  /**
   * The __dict__ of instances of subclasses of builtin types other than object (class
   * Stack(list), class Tag(str)): their JS objects have no field for one, so it lives here,
   * made on the first attribute store (or __dict__ access) and released with the instance.
   */
  readonly attrDicts = new WeakMap<PyObject, PyDict>();
  /** The attribute dict of a builtin-subclass instance, made when first needed. */
  attrDict(o: PyObject): PyDict {
    let d = this.attrDicts.get(o);
    if (d === undefined) {
      d = this.newDict();
      this.give(d, Holder.Field, o.id, this.str('__dict__'));
      this.attrDicts.set(o, d);
    }
    return d;
  }
  /** Strings interned (sys.intern, identifiers in code). */
  readonly interned = new Map<string, PyStr>();

  readonly None: PyNone;
  readonly NotImplemented: PyNotImplemented;
  readonly Ellipsis: PyEllipsis;
  readonly True: PyBool;
  readonly False: PyBool;
  readonly smallInts: PyInt[] = [];
  /** Runtime one-character strings (chr, indexing) for code points < 256. */
  readonly latin1: PyStr[] = [];
  readonly emptyTuple: PyTuple;
  readonly emptyStr: PyStr;
  /** Builtin types by name, filled by types.ts. */
  readonly t: Record<string, PyType> = Object.create(null);

  private readonly classSlot: number;
  /**
   * Builtin types the hottest paths name, held directly: `t` holds ~100 types and is a
   * dictionary-mode object, so `this.t.int` is a hash lookup. The later ones are filled on
   * first use (types.ts makes them after the constructor).
   */
  readonly intType: PyType;
  readonly strType: PyType;
  readonly tupleType: PyType;
  readonly typeType: PyType;
  private listType: PyType | null = null;
  private dictType: PyType | null = null;
  private floatType: PyType | null = null;
  private generatorType: PyType | undefined = undefined;
  /** t.dict, held directly. */
  get dictT(): PyType {
    return (this.dictType ??= this.t.dict!);
  }
  /** obmalloc: every object's block comes from here, so addresses (id()) are reused as CPython's are. */
  readonly mem: Pymalloc;
  private staticCount = 0;

  constructor(readonly log: EventLog) {
    this.classSlot = log.str('__class__');
    this.mem = new Pymalloc({
      arenaNew: (a) => log.push(EventKind.ArenaNew, a),
      arenaFree: (a) => log.push(EventKind.ArenaFree, a),
      poolInit: (a, p, size) => log.push(EventKind.PoolInit, a, p, size),
      poolEmpty: (a, p) => log.push(EventKind.PoolEmpty, a, p),
    });
    const obj = this.staticType('object');
    const type = this.staticType('type');
    obj.type = type;
    type.type = type;
    type.base = obj;
    type.bases = [obj];
    obj.mro = [obj];
    type.mro = [type, obj];
    for (const name of ['NoneType', 'NotImplementedType', 'ellipsis', 'int', 'bool', 'str', 'tuple']) this.staticType(name);
    this.intType = this.t.int!;
    this.strType = this.t.str!;
    this.tupleType = this.t.tuple!;
    this.typeType = type;
    this.t.bool!.base = this.t.int!;
    this.t.bool!.mro = [this.t.bool!, this.t.int!, obj];
    this.None = this.immortal(new PyNone(), this.t.NoneType!);
    this.NotImplemented = this.immortal(new PyNotImplemented(), this.t.NotImplementedType!);
    this.Ellipsis = this.immortal(new PyEllipsis(), this.t.ellipsis!);
    this.True = this.immortal(new PyBool(1n), this.t.bool!);
    this.False = this.immortal(new PyBool(0n), this.t.bool!);
    for (let v = SMALL_INT_MIN; v <= SMALL_INT_MAX; v++) this.smallInts.push(this.immortal(new PyInt(v), this.t.int!));
    this.emptyStr = this.immortal(new PyStr(''), this.t.str!);
    this.emptyStr.interned = true;
    this.interned.set('', this.emptyStr);
    for (let c = 0; c < 256; c++) this.latin1.push(this.immortal(new PyStr(String.fromCharCode(c)), this.t.str!));
    // The deep-frozen modules of 3.11 (importlib, codecs, io, os, ...) carry their own static
    // one-character strings, interned at startup before any latin-1 singleton could be. For
    // these characters (python3 -I: `sys.intern(chr(i)) is not chr(i)`) the interned string, and
    // so every literal and identifier spelled with one, is not chr()'s singleton.
    for (const ch of DEEP_FROZEN_CHARS) {
      const o = this.immortal(new PyStr(ch), this.t.str!);
      o.interned = true;
      this.interned.set(ch, o);
    }
    this.emptyTuple = this.immortal(new PyTuple([]), this.t.tuple!);
  }

  /** A builtin type object (static, immortal). Its MRO is completed by types.ts. */
  staticType(name: string, base?: PyType): PyType {
    const t = new PyType(name);
    t.immortal = true;
    t.addr = staticAddress(this.staticCount++);
    t.id = this.nextId++;
    t.rc = 1;
    if (this.t.type) t.type = this.t.type;
    const b = base ?? this.t.object;
    if (b && b !== t) {
      t.base = b;
      t.bases = [b];
      t.mro = [t, ...b.mro];
    } else {
      t.mro = [t];
    }
    this.t[name] = t;
    return t;
  }

  /** Registers an object that exists before the program starts. */
  immortal<T extends PyObject>(o: T, type: PyType): T {
    o.type = type;
    o.immortal = true;
    o.addr = staticAddress(this.staticCount++);
    o.id = this.nextId++;
    o.rc = 1;
    return o;
  }

  // ---------------------------------------------------------------------------------------------
  // Reference counting

  incref(o: PyObject, holder: Holder, owner: number, slot: number): void {
    o.rc++;
    if (o.immortal) return;
    this.log.push(EventKind.Incref, o.id, holder, owner, slot);
  }

  decref(o: PyObject, holder: Holder, owner: number, slot: number): void {
    o.rc--;
    if (o.immortal) return;
    this.log.push(EventKind.Decref, o.id, holder, owner, slot);
    if (o.rc === 0) this.dealloc(o);
  }

  /** A temporary reference (a C local): Holder.Temp. */
  tempIncref(o: PyObject): PyObject {
    o.rc++;
    if (!o.immortal) this.log.push(EventKind.Incref, o.id, Holder.Temp, -1, -1);
    return o;
  }

  tempDecref(o: PyObject): void {
    o.rc--;
    if (o.immortal) return;
    this.log.push(EventKind.Decref, o.id, Holder.Temp, -1, -1);
    if (o.rc === 0) this.dealloc(o);
  }

  /** Moves a reference the caller owns (a temporary) into a holder: the count does not change. */
  give(o: PyObject, holder: Holder, owner: number, slot: number): void {
    if (o.immortal) return;
    this.log.push(EventKind.Incref, o.id, holder, owner, slot);
    this.log.push(EventKind.Decref, o.id, Holder.Temp, -1, -1);
  }

  /** Moves a reference out of a holder into the caller's hands (a temporary). */
  take(o: PyObject, holder: Holder, owner: number, slot: number): void {
    if (o.immortal) return;
    this.log.push(EventKind.Incref, o.id, Holder.Temp, -1, -1);
    this.log.push(EventKind.Decref, o.id, holder, owner, slot);
  }

  /** Moves a reference between two holders that name no object (stack -> local): no events. */
  give2(_o: PyObject, _holder: Holder, _owner: number, _slot: number): void {}

  /** Moves a reference from one holder to another (a local into a cell). */
  take2(o: PyObject, fromHolder: Holder, fromOwner: number, fromSlot: number, toHolder: Holder, toOwner: number): void {
    if (o.immortal) return;
    this.log.push(EventKind.Incref, o.id, toHolder, toOwner, -1);
    this.log.push(EventKind.Decref, o.id, fromHolder, fromOwner, fromSlot);
  }

  xdecref(o: PyObject | null): void {
    if (o !== null) this.tempDecref(o);
  }

  str(s: string): number {
    return this.log.str(s);
  }

  // ---------------------------------------------------------------------------------------------
  // Allocation

  /** Numbers a new object and records its allocation. The caller owns the one reference. */
  alloc<T extends PyObject>(o: T, type: PyType, size: number, gc: boolean): T {
    o.type = type;
    o.rc = 1;
    o.id = this.nextId++;
    if (gc) this.gcAllocCount(o);
    let nameId = type.nameId;
    if (nameId < 0) nameId = type.nameId = this.log.str(type.name);
    this.log.push(EventKind.Alloc, o.id, nameId, size, type.heap ? type.id : -1);
    // The block (its address is id()); Malloc events are left out: the Alloc event implies them
    // and the recording stays small. Arena and pool events still come from the simulator.
    o.addr = this.mem.malloc(size > 0 ? size : 16);
    if (type.heap) this.incref(type, Holder.Field, o.id, this.classSlot);
    return o;
  }

  /** gen0 bookkeeping of a GC allocation: free lists absorb reuses; otherwise count and maybe collect. */
  private gcAllocCount(o: PyObject): void {
    if (o instanceof PyList && this.freeLists > 0) {
      this.freeLists--;
      return;
    }
    if (o instanceof PyDict && this.freeDicts > 0) {
      this.freeDicts--;
      return;
    }
    if (o instanceof PySlice && this.freeSlices > 0) {
      this.freeSlices--;
      return;
    }
    if (o instanceof PyTuple) {
      const n = o.items.length;
      if (n > 0 && n < 20 && this.freeTuples[n]! > 0) {
        this.freeTuples[n]!--;
        return;
      }
    }
    this.gc.onGcAlloc();
  }

  /** gen0 bookkeeping of freeing a GC object (PyObject_GC_Del, or parking on a free list). */
  private gcFreeCount(o: PyObject): void {
    if (o instanceof PyList && o.type === (this.listType ??= this.t.list!)) {
      if (this.freeLists < 80) {
        this.freeLists++;
        return;
      }
    } else if (o instanceof PyDict && o.type === (this.dictType ??= this.t.dict!)) {
      if (this.freeDicts < 80) {
        this.freeDicts++;
        return;
      }
    } else if (o instanceof PySlice) {
      if (this.freeSlices === 0) {
        this.freeSlices = 1;
        return;
      }
    } else if (o instanceof PyTuple && o.type === this.tupleType) {
      const n = o.items.length;
      if (n > 0 && n < 20 && this.freeTuples[n]! < 2000) {
        this.freeTuples[n]!++;
        return;
      }
    }
    this.gc.onGcFree();
  }

  /** Empties the free lists (a full collection does this). */
  clearFreeLists(): void {
    this.freeLists = 0;
    this.freeDicts = 0;
    this.freeTuples.fill(0);
  }

  /** The cyclic collector (gc/collector.ts), installed by the process. */
  gc!: {
    track(o: PyObject): void;
    untrack(o: PyObject): void;
    onGcAlloc(): void;
    onGcFree(): void;
    clearFreeLists?(): void;
    /** Every tracked object, generations 0..2 (gc.get_objects()). */
    getObjects(): PyObject[];
  };

  track(o: PyObject): void {
    this.gc.track(o);
  }

  untrack(o: PyObject): void {
    this.gc.untrack(o);
  }

  isTracked(o: PyObject): boolean {
    return o.gcNext !== null;
  }

  // ---------------------------------------------------------------------------------------------
  // Late-bound pieces, installed by types.ts and the VM (they need the whole object model).

  callPython!: (f: PyFunction, args: PyObject[], kwnames: string[] | null, self: PyObject | null) => PyObject;
  objectInit!: PyObject;
  /**
   * The argument tuple type_call is handing to a native `tp_new`/`tp_init` (BaseException's),
   * which store it as `args` instead of packing their own: CPython builds one tuple per class
   * call and both slots receive it. Set by callType just before the native slot runs; the slot
   * takes it (sets it back to null) or callType clears it afterwards.
   */
  typeCallArgs: PyObject | null = null;
  /** CALL_FUNCTION_EX's tuple and dict held for the tp_call callee it calls, until viaTpCall takes them (tpcall.ts). */
  tpGiven: TpCallArgs | null = null;
  /** The tuple and dict of the innermost tp_call under way, until a native tp_call takes them (tpcall.ts). */
  tpCurrent: TpCallArgs | null = null;
  objectNew!: PyObject;
  objectSetattr!: PyObject;
  objectDelattr!: PyObject;
  objectHash!: PyObject;
  objectEq!: PyObject;
  newMethod!: (f: PyObject, self: PyObject) => PyObject;
  newBuiltinMethod!: (name: string, fn: NativeFn, self: PyObject) => PyObject;
  newDict!: () => PyDict;
  newList!: (items: PyObject[]) => PyList;
  setExcExtra!: (e: PyBaseException, name: string, v: PyObject) => void;
  /** Attributes computed natively (`__dict__`, `__class__`, `__name__`...); undefined = not special. */
  specialGetattr!: (o: PyObject, name: string) => PyObject | null | undefined;
  setTypeAttr!: (t: PyType, name: string, v: PyObject | null) => void;
  strHash!: (s: string) => bigint;
  floatHash!: (v: number) => bigint;
  /** Made-up addresses of the native functions behind builtins that were hashed (ops.ts). */
  readonly nativeAddresses = new Map<object, number>();
  /** The object's modelled address divided by 16 (see idOf for the one Python sees). */
  addressOf!: (o: PyObject) => number;
  /** id(o): the address Python sees, MAPPED_BASE plus the modelled one (a safe integer). */
  idOf(o: PyObject): number {
    return MAPPED_BASE + this.addressOf(o) * 16;
  }
  builtinRepr!: (o: PyObject) => string;
  exceptionStr!: (e: PyBaseException) => string;
  seqIter!: (o: PyObject) => PyObject;
  builtinIter!: (o: PyObject) => PyObject | null;
  isGenerator!: (o: PyObject) => boolean;
  genNext!: (g: PyObject) => PyObject | null;
  percentFormat!: (fmt: string, args: PyObject) => string;
  newBytes!: (v: Uint8Array) => PyObject;
  newSetFrom!: (items: PyObject[], frozen: boolean) => PyObject;
  dictCopy!: (d: PyDict) => PyDict;
  dictUpdate!: (d: PyDict, other: PyObject) => void;
  listExtend!: (l: PyList, other: PyObject) => void;
  listInplaceRepeat!: (l: PyList, n: number) => void;
  setInplace!: (a: PyObject, b: PyObject, op: number) => void;
  sizeOf!: (o: PyObject) => number;
  listAppend!: (l: PyList, v: PyObject) => void;
  listClear!: (l: PyList) => void;
  listDelSlice!: (l: PyList, i: number, j: number) => void;
  listSetItem!: (l: PyList, i: number, v: PyObject) => void;
  keyError!: (k: PyObject) => PyThrow;
  setAdd!: (s: PySet, x: PyObject) => void;
  setDiscard!: (s: PySet, x: PyObject) => boolean;
  newSlice!: (start: PyObject, stop: PyObject, step: PyObject) => PyObject;
  getItem!: (o: PyObject, k: PyObject) => PyObject;
  exceptionSize!: (t: PyType) => number;
  format!: (o: PyObject, spec: string) => string;
  dir!: (o: PyObject) => PyObject;
  newInstance!: (cls: PyType) => PyObject;
  /** type_new; `kw`: the class statement's keywords besides metaclass, for __init_subclass__. */
  newClass!: (meta: PyType, name: string, bases: PyType[], ns: PyDict, kw?: ClassKeywords | null) => PyObject;
  setExcLink!: (e: PyBaseException, which: 'cause' | 'context', v: PyObject | null) => void;
  clearException!: (e: PyBaseException) => void;
  clearType!: (t: PyType) => void;
  clearWeakref!: (w: PyWeakref) => void;
  clearOther!: (o: PyObject) => void;
  genSize!: (o: PyObject) => number;
  nativeSize!: (o: PyObject) => number;
  nativeSizeExtra!: (o: PyObject) => number;
  newIter!: (typeName: string, seq: PyObject | null, next: (it: PyNativeIter) => PyObject | null) => PyNativeIter;
  setItem!: (o: PyObject, k: PyObject, v: PyObject) => void;
  delItem!: (o: PyObject, k: PyObject) => void;
  /** Items of an iterable as new references. */
  toArrayOf!: (o: PyObject) => PyObject[];
  /** l[lo:hi] = items (items are owned references, moved in). */
  listReplaceSlice!: (l: PyList, lo: number, hi: number, items: PyObject[]) => void;
  reprGuard!: (o: PyObject, recursive: string, f: () => string) => string;
  /** Py_ReprEnter's one-time set-up (process.ts); reprGuard calls it for the containers that use it. */
  reprEnter!: () => void;
  nativeRepr!: (o: PyObject) => string | null;
  materializeDict!: (o: PyInstance) => PyDict;
  mappingProxy!: (t: PyType) => PyObject;
  getattrOf!: (o: PyObject, name: string) => PyObject;
  clearGenerator!: (o: PyObject) => void;
  builtinsDict!: PyDict;
  /** A generator paused at a yield (its tp_finalize closes it). */
  genSuspended!: (o: PyObject) => boolean;
  newWeakref!: (obj: PyObject, callback: PyObject | null, fresh?: boolean) => PyWeakref;
  proxyReferent!: (o: PyObject) => PyObject | null;
  /** Set by the weakref extras (WeakValueDictionary, finalize, ...) to add to the module. */
  extendWeakrefModule: ((m: PyObject) => void) | null = null;
  readonly BuiltinCtor = PyBuiltinClass;
  dictClearAll!: (d: PyDict) => void;
  clearInstanceAttrs!: (o: PyInstance) => void;
  listInsertAt!: (l: PyList, i: number, v: PyObject) => void;
  stdoutObj: PyObject | null = null;
  superGetattr!: (s: PySuper, name: string) => PyObject | null;
  newMethodDescr!: (t: PyType, name: string, fn: NativeFn) => PyObject;
  writeUnraisable!: (t: PyThrow, obj: PyObject | null, context?: string) => void;
  lenOf!: (o: PyObject) => number;
  writeStdout!: (s: string) => void;
  /** `import name` (`top`: the top package of a dotted name, as a plain import statement binds). */
  importModule!: (name: string, top?: boolean) => PyObject;

  // ---------------------------------------------------------------------------------------------
  // Deallocation

  /** Set by types.ts: releases what `o` holds (its items, attributes, fields), in CPython's order. */
  clearContents!: (o: PyObject) => void;
  /** Set by types.ts: whether instances of `o`'s type are GC objects. */
  isGcObject!: (o: PyObject) => boolean;

  /** Nesting of trashcan deallocs, and objects deposited to be freed when it unwinds (Py_TRASHCAN). */
  private trashDepth = 0;
  private readonly trash: PyObject[] = [];

  /** Deallocation with CPython's trashcan: containers nested more than 50 deep are freed later, iteratively. */
  dealloc(o: PyObject): void {
    const type = o.type;
    // Exact ints and strs (the commonest frees) are never containers: straight to deallocNow.
    if (type === this.intType || type === this.strType || !(o instanceof PyList || o instanceof PyTuple || o instanceof PyDict || o instanceof PyInstance || type.heap)) {
      this.deallocNow(o);
      return;
    }
    if (this.trashDepth >= 50) {
      this.trash.push(o);
      return;
    }
    this.trashDepth++;
    try {
      this.deallocNow(o);
    } finally {
      this.trashDepth--;
    }
    if (this.trashDepth <= 0 && this.trash.length > 0) {
      while (this.trash.length > 0) {
        const t = this.trash.pop()!;
        this.trashDepth++;
        try {
          this.deallocNow(t);
        } finally {
          this.trashDepth--;
        }
      }
    }
  }

  /** Runs when a count reaches zero: __del__ (once), weakrefs, then the type's teardown. */
  deallocNow(o: PyObject): void {
    if (o.gcFlags & GC_FREED) return;
    const type = o.type;
    if ((type.hasFinalizer || (type === (this.generatorType ??= this.t.generator) && this.genSuspended(o))) && !(o.gcFlags & GC_FINALIZED)) {
      o.gcFlags |= GC_FINALIZED;
      // Resurrect for the call, as PyObject_CallFinalizerFromDealloc does.
      o.rc = 1;
      this.log.push(EventKind.Incref, o.id, Holder.Temp, -1, -1);
      this.hooks.finalize(o);
      o.rc--;
      this.log.push(EventKind.Decref, o.id, Holder.Temp, -1, -1);
      if (o.rc > 0) return; // resurrected
    }
    if (o.weakrefs !== null) this.clearWeakrefs(o);
    const gc = type.gcInstances; // isGcObject, inlined
    if (o.gcNext !== null) this.gc.untrack(o);
    this.clearContents(o);
    this.log.push(EventKind.Free, o.id);
    o.gcFlags |= GC_FREED;
    const addr = o.addr;
    if (addr !== 0) this.mem.free(addr);
    if (gc) this.gcFreeCount(o);
    if (type.heap) this.decref(type, Holder.Field, o.id, this.classSlot);
  }

  /** PyObject_ClearWeakRefs: every weakref dies, then callbacks run newest first. */
  clearWeakrefs(o: PyObject): void {
    const refs = o.weakrefs!;
    o.weakrefs = null;
    const withCallbacks: PyWeakref[] = [];
    for (let i = 0; i < refs.length; i++) {
      const r = refs[i]!;
      r.referent = null;
      if (r.callback !== null) withCallbacks.push(r);
    }
    for (const r of withCallbacks) {
      // The callback is called with the weakref, which must stay alive for the call.
      this.tempIncref(r);
      const cb = r.callback!;
      r.callback = null;
      this.log.push(EventKind.WeakrefCallback, r.id, o.id);
      this.hooks.weakrefCallback(cb, r);
      this.decref(cb, Holder.Field, r.id, this.log.str('__callback__'));
      this.tempDecref(r);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Singletons and caches

  bool(b: boolean): PyBool {
    const o = b ? this.True : this.False;
    o.rc++;
    return o;
  }

  none(): PyNone {
    this.None.rc++;
    return this.None;
  }

  notImplemented(): PyObject {
    this.NotImplemented.rc++;
    return this.NotImplemented;
  }

  /** A new reference to an int: the shared object for -5..256, otherwise a new one. */
  int(v: bigint | number): PyInt {
    if (typeof v === 'number') {
      if (v >= -5 && v <= 256) {
        const o = this.smallInts[v + 5]!;
        o.rc++;
        return o;
      }
      return this.alloc(new PyInt(v), this.intType, v > -1073741824 && v < 1073741824 ? 28 : intSize(BigInt(v)), false);
    }
    if (v >= -5n && v <= 256n) {
      const o = this.smallInts[Number(v) + 5]!;
      o.rc++;
      return o;
    }
    return this.alloc(new PyInt(v), this.intType, intSize(v), false);
  }

  float(v: number): PyFloat {
    return this.alloc(new PyFloat(v), (this.floatType ??= this.t.float!), 24, false);
  }

  /** A new str object (not interned); one-character latin-1 strings are the shared singletons. */
  newStr(s: string): PyStr {
    if (s.length <= 1) {
      if (s.length === 0) {
        this.emptyStr.rc++;
        return this.emptyStr;
      }
      const c = s.charCodeAt(0);
      if (c < 256) {
        const o = this.latin1[c]!;
        o.rc++;
        return o;
      }
    }
    return this.alloc(new PyStr(s), this.strType, strSize(s), false);
  }

  /** The interned str for `s` (identifiers, sys.intern). New reference. */
  intern(s: string): PyStr {
    let o = this.interned.get(s);
    if (o === undefined) {
      o = this.newStr(s);
      if (o.interned || o.immortal) {
        // A static singleton: interning it keeps the same object.
        o.interned = true;
        this.interned.set(s, o);
        return o;
      }
      o.interned = true;
      this.interned.set(s, o);
      return o;
    }
    o.rc++;
    if (!o.immortal) this.log.push(EventKind.Incref, o.id, Holder.Temp, -1, -1);
    return o;
  }

  /** A new tuple owning the given references (they are moved in: no events beyond Item holds). */
  tuple(items: PyObject[], stolen = true): PyTuple {
    if (items.length === 0) {
      this.emptyTuple.rc++;
      return this.emptyTuple;
    }
    const t = this.alloc(new PyTuple(items), this.tupleType, 40 + 8 * items.length, true);
    this.adoptItems(t, items, stolen);
    this.track(t);
    return t;
  }

  /** Records that container `c` now holds `items` (moved from temporaries, or newly taken). */
  adoptItems(c: PyObject, items: PyObject[], stolen: boolean): void {
    for (let i = 0; i < items.length; i++) {
      const it = items[i]!;
      if (stolen) {
        this.give(it, Holder.Item, c.id, i);
      } else {
        this.incref(it, Holder.Item, c.id, i);
      }
    }
  }
}

export function intSize(v: bigint): number {
  if (v > -1073741824n && v < 1073741824n) return 28;
  let a = v < 0n ? -v : v;
  let digits = 0;
  while (a > 0n) {
    a >>= 30n;
    digits++;
  }
  return 24 + 4 * Math.max(1, digits);
}

export function strSize(s: string): number {
  // Code points (a surrogate pair is one, a lone surrogate is one) and the largest of them.
  let max = 0;
  let n = 0;
  const len = s.length;
  for (let i = 0; i < len; i++) {
    let c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < len) {
      const lo = s.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (lo - 0xdc00);
        i++;
      }
    }
    if (c > max) max = c;
    n++;
  }
  if (max < 128) return 49 + n;
  if (max < 256) return 73 + n;
  if (max < 65536) return 74 + 2 * n;
  return 76 + 4 * n;
}

export { PyInstance };
