// The object header every simulated Python object carries, and the object kinds.
//
// Each Python object is one JS object. Its header mirrors CPython's: `rc` (ob_refcnt), `type`
// (ob_type), the GC head the collector threads through (`gcPrev`/`gcNext`, `gcRefs`, `gcFlags`,
// `gcGen`), and `id`, the object number events name it by (unique per run, never reused).
// Objects that exist before the program starts (None, small ints, builtins) are `immortal`:
// their counts move but emit no events, and they are never freed.
import type { CodeObject } from '../compiler/code.js';
import { SetTable } from '../memory/set.js';
import { SharedKeys } from '../memory/dict.js';
import type { SetMember } from './sets.js';

export class PyObject {
  id = 0;
  rc = 0;
  type!: PyType;
  gcPrev: PyObject | null = null;
  gcNext: PyObject | null = null;
  gcRefs = 0;
  gcFlags = 0;
  gcGen = -1;
  /** Statically allocated in CPython: no events, never freed; `rc` is relative to `baseRc`. */
  immortal = false;
  /** The block pymalloc gave the object (its modelled address, before the GC pre-header). */
  addr = 0;
  /** The weak references to this object, in CPython's list order (see weakref.ts). */
  weakrefs: PyWeakref[] | null = null;
}

export class PyType extends PyObject {
  /** The type's attributes (tp_dict), in definition order. */
  readonly dict = new Map<string, PyObject>();
  mro: PyType[] = [];
  bases: PyType[] = [];
  base: PyType | null = null;
  /** A class statement or type(name, bases, dict) made it (a heap type). */
  heap = false;
  qualname: string;
  module = 'builtins';
  /** Names from __slots__ (sorted as CPython stores its member descriptors), or null. */
  slotNames: string[] | null = null;
  /** Instances have a __dict__ (managed dict for heap types without __slots__). */
  hasDict = false;
  hasWeakref = false;
  /** tp_basicsize of instances. */
  basicsize = 16;
  itemsize = 0;
  /** Instances carry a GC head. */
  gcInstances = false;
  /** Calling the type takes the vectorcall path (no argument tuple): runtime/tpcall.ts. */
  vectorcall = false;
  /**
   * Instances visit their type first when traversed, as those of CPython's heap types made from a
   * spec do (functools.partial, operator.itemgetter): gc.get_referents lists the type.
   */
  traversesType = false;
  /** A builtin type's __new__ and __init__, looked up on its first call (ops.ts callTypeInner). */
  newSlot: PyObject | null | undefined = undefined;
  initSlot: PyObject | null | undefined = undefined;
  /** The JS kind instances are made of (the "solid base"): 'object', 'list', 'exception', ... */
  kind = 'object';
  /**
   * The class's shared keys (`ht_cached_keys`, 3.11) when instances keep their attributes as
   * inline values: names in the order the class first saw them, and the usable count each new
   * instance shrinks (memory/dict.ts).
   */
  sharedKeys: SharedKeys | null = null;
  /** String-table index of the name (Alloc events), or -1 until first used. */
  nameId = -1;
  /** Cached: the type defines __del__ somewhere in its MRO (heap types). */
  hasFinalizer = false;
  /**
   * Its attribute lookup is the generic one (tp_getattro == PyObject_GenericGetAttr): false once
   * a class in its MRO defines __getattribute__ or __getattr__, and then LOAD_METHOD takes the
   * plain getattr path (a bound method), as _PyObject_GetMethod does.
   */
  genericGetattr = true;
  /** Heap types: the objects CPython's type holds (tp_dict, tp_bases, tp_mro, tp_base, the weakrefs in its bases' tp_subclasses). */
  tpDict: PyObject | null = null;
  basesTuple: PyObject | null = null;
  mroTuple: PyObject | null = null;
  /** ht_slots: the class's own slot names, sorted (a tuple; null without __slots__ or when empty). */
  htSlots: PyObject | null = null;
  subclassRefs: PyObject[] = [];
  /** The weak references this type keeps to its direct subclasses (tp_subclasses), oldest first. */
  subclassWeakrefs: PyWeakref[] | null = null;
  /** tp_name when it differs from __name__ (static types of modules: 'collections.deque'). */
  tpName: string | null = null;
  /** Method cache: name -> found attribute (or null), invalidated when any class dict changes. */
  cache: Map<string, PyObject | null> | null = null;
  constructor(public name: string) {
    super();
    this.qualname = name;
  }
}

export class PyNone extends PyObject {}
export class PyNotImplemented extends PyObject {}
export class PyEllipsis extends PyObject {}

/** The largest magnitude `PyInt.num` holds: beyond it the value lives only as a bigint. */
const NUM_MAX = Number.MAX_SAFE_INTEGER;

/**
 * An int. Most ints a program makes are small, so the value is kept as a JS number when it is a
 * safe integer (`num`), and the bigint (`value`) is made only when something asks for it: the
 * common paths (arithmetic, comparison, truth, str, indexing) then allocate nothing beyond the
 * object. Dict keys still use the bigint (ops.ts hashKey), made once per int object.
 */
export class PyInt extends PyObject {
  /** The value when |value| <= 2^53 - 1, otherwise NaN. */
  num: number;
  private big: bigint | null;
  constructor(value: bigint | number) {
    super();
    if (typeof value === 'number' && Number.isSafeInteger(value)) {
      this.num = value;
      this.big = null;
    } else if (typeof value === 'number') {
      this.big = BigInt(value); // an integral float beyond 2^53 (a non-integral one throws, as BigInt does)
      this.num = NaN;
    } else {
      this.big = value;
      this.num = value >= -NUM_MAX && value <= NUM_MAX ? Number(value) : NaN;
    }
  }
  /** The value as a bigint (made on first use for an int kept as a number). */
  get value(): bigint {
    return this.big ?? (this.big = BigInt(this.num));
  }
}
export class PyBool extends PyInt {}

export class PyFloat extends PyObject {
  constructor(public value: number) {
    super();
  }
}

export class PyComplex extends PyObject {
  constructor(public real: number, public imag: number) {
    super();
  }
}

export class PyStr extends PyObject {
  interned = false;
  /** String-table index of the value when used as a dict key or attribute name, or -1. */
  strId = -1;
  hash: bigint | null = null;
  constructor(public value: string) {
    super();
  }
}

export class PyBytes extends PyObject {
  constructor(public value: Uint8Array) {
    super();
  }
}

export class PyByteArray extends PyObject {
  allocated: number;
  constructor(public value: number[]) {
    super();
    this.allocated = value.length === 0 ? 0 : value.length + 1;
  }
}

export class PyTuple extends PyObject {
  constructor(public items: PyObject[]) {
    super();
  }
}

export class PyList extends PyObject {
  allocated = 0;
  constructor(public items: PyObject[]) {
    super();
  }
}

/** A dict entry; `key === null` marks a deleted slot (a dummy in CPython's entries array). */
export interface DictEntry {
  key: PyObject | null;
  value: PyObject | null;
  hkey: unknown;
}

export class PyDict extends PyObject {
  entries: DictEntry[] = [];
  index = new Map<unknown, number>();
  used = 0;
  /** log2 of the keys table size; 0 = the static empty keys. */
  log2size = 0;
  /** Entries still available before a resize (dk_usable). */
  usable = 0;
  /** All keys are exact str (DICT_KEYS_UNICODE). */
  unicode = true;
  /** The owner when this dict is a materialised instance __dict__ (split table). */
  owner: PyObject | null = null;
  /** For a split dict: the keys capacity of the shared keys (sizes). */
  split = false;
}

export class PySet extends PyObject {
  /** The hash table, slot for slot as setobject.c keeps it, keyed by object number (runtime/sets.ts). */
  table = new SetTable();
  /** Each member by object number: the object, its value key and its hash. */
  byId = new Map<number, SetMember>();
  /** Each member by value key (hashKey): membership with Python equality (1 == 1.0 == True). */
  keys = new Map<unknown, PyObject>();
  frozen = false;
  /** `len(s)`. */
  get used(): number {
    return this.table.used;
  }
}

export class PyRange extends PyObject {
  constructor(public start: bigint, public stop: bigint, public step: bigint) {
    super();
  }
}

export class PySlice extends PyObject {
  constructor(public start: PyObject, public stop: PyObject, public step: PyObject) {
    super();
  }
}

export class PyCell extends PyObject {
  constructor(public ref: PyObject | null) {
    super();
  }
}

export class PyCode extends PyObject {
  /** Constants as objects, indexed like code.consts. */
  consts: PyObject[] = [];
  /** co_names as str objects. */
  names: PyStr[] = [];
  /** String-table indices of co_localsplusnames (the slots of Local holders). */
  nameIds: Int32Array = new Int32Array(0);
  /** String-table index of co_name (FrameEnter events), or -1 until a frame first enters. */
  codeNameId = -1;
  /**
   * LOAD_NAME, LOAD_GLOBAL and STORE_NAME remember, per instruction, the dict entry their last
   * lookup found (what CPython 3.11's LOAD_GLOBAL specialisation does with dict key versions):
   * while that entry's key is not null it is still its dict's entry for the name (dictEntry), so
   * the next run of the instruction reads it without a hash lookup. Made on first use.
   */
  cachedDicts: (PyDict | null)[] | null = null;
  cachedEntries: (DictEntry | null)[] | null = null;
  constructor(public code: CodeObject) {
    super();
  }

  /** Borrowed value of `name` in `d` (null when absent), through instruction `pc`'s cache. */
  lookupName(pc: number, d: PyDict, name: string): PyObject | null {
    let entries = this.cachedEntries;
    if (entries === null) {
      entries = this.cachedEntries = new Array<DictEntry | null>(this.code.ops.length).fill(null);
      this.cachedDicts = new Array<PyDict | null>(this.code.ops.length).fill(null);
    }
    const dicts = this.cachedDicts!;
    const e = entries[pc]!;
    if (e !== null && e.key !== null && dicts[pc] === d) return e.value;
    const i = d.index.get(name);
    if (i === undefined) return null;
    const found = d.entries[i]!;
    entries[pc] = found;
    dicts[pc] = d;
    return found.value;
  }

  /** The entry of `name` in `d` that instruction `pc` found last, if it is still there; else null. */
  cachedEntry(pc: number, d: PyDict): DictEntry | null {
    const entries = this.cachedEntries;
    if (entries === null) return null;
    const e = entries[pc]!;
    return e !== null && e.key !== null && this.cachedDicts![pc] === d ? e : null;
  }
}

export class PyFunction extends PyObject {
  defaults: PyTuple | null = null;
  kwdefaults: PyDict | null = null;
  closure: PyTuple | null = null;
  dict: PyDict | null = null;
  doc: PyObject | null = null;
  /**
   * func_annotations: the (name, value, ...) tuple MAKE_FUNCTION gave, until `__annotations__` is
   * first read and turns it into a dict (func_get_annotation_dict); an empty dict made by that
   * read when the function had none; or null.
   */
  annotations: PyObject | null = null;
  constructor(
    public code: PyCode,
    public globals: PyDict,
    public name: PyStr,
    public qualname: PyStr,
  ) {
    super();
  }
}

/** The native implementation of a builtin function or method. args are borrowed; returns a new reference. */
export type NativeFn = (args: PyObject[], kwnames: string[] | null, self: PyObject | null) => PyObject;

export class PyBuiltin extends PyObject {
  /** The bound self (`[].append`), or the module for module functions (not counted). */
  self: PyObject | null = null;
  /**
   * Called from Python, it takes tp_call's argument tuple (runtime/tpcall.ts): true of a type's
   * `__new__` (tp_new_wrapper is METH_VARARGS | METH_KEYWORDS); type_call reaches tp_new directly.
   */
  readonly varargs: boolean;
  constructor(public name: string, public fn: NativeFn, public qualname = name) {
    super();
    this.varargs = name === '__new__';
  }
}

/** A method descriptor of a builtin type (`list.append`). */
export class PyMethodDescr extends PyObject {
  constructor(public name: string, public owner: PyType, public fn: NativeFn) {
    super();
  }
}

/** A getset or member descriptor of a builtin type, or a __slots__ member. */
export class PyGetSetDescr extends PyObject {
  constructor(
    public name: string,
    public owner: PyType,
    public get: (self: PyObject) => PyObject,
    public set: ((self: PyObject, v: PyObject | null) => void) | null,
    /** A __slots__ member: the slot index. */
    public slot = -1,
  ) {
    super();
  }
}

export class PyMethod extends PyObject {
  constructor(public func: PyObject, public self: PyObject) {
    super();
  }
}

export class PyStaticMethod extends PyObject {
  dict: PyDict | null = null;
  constructor(public func: PyObject | null) {
    super();
  }
}
export class PyClassMethod extends PyStaticMethod {}

export class PyProperty extends PyObject {
  /** The attribute name it was assigned to in a class body (__set_name__). */
  name: string | null = null;
  constructor(
    public fget: PyObject | null,
    public fset: PyObject | null,
    public fdel: PyObject | null,
    public doc: PyObject | null,
  ) {
    super();
  }
}

export class PyModule extends PyObject {
  constructor(public name: string, public dict: PyDict) {
    super();
  }
}

/** An instance of a Python class (solid base object). */
export class PyInstance extends PyObject {
  /** Inline values (3.11) in shared-keys order, until a __dict__ is materialised. */
  values: Map<string, PyObject> | null = null;
  dict: PyDict | null = null;
  /** __slots__ storage, indexed by the class's slot order. */
  slots: (PyObject | null)[] | null = null;
}

export class PyBaseException extends PyInstance {
  args!: PyTuple;
  traceback: TracebackEntry[] = [];
  tbObj: PyObject | null = null;
  cause: PyObject | null = null;
  context: PyObject | null = null;
  suppressContext = false;
  /** Extra fields: StopIteration.value, NameError.name, AttributeError.name/obj. */
  extra: Map<string, PyObject> | null = null;
}

/** One line of a traceback, innermost last. */
export interface TracebackEntry {
  code: CodeObject;
  /** Instruction index that raised. */
  lasti: number;
}

export class PyWeakref extends PyObject {
  /** The referent, or null once it died (the weakref is dead). */
  referent: PyObject | null;
  callback: PyObject | null;
  proxy = false;
  hash: bigint | null = null;
  /** Subclass instances keep attributes. */
  dict: PyDict | null = null;
  values: Map<string, PyObject> | null = null;
  constructor(referent: PyObject, callback: PyObject | null) {
    super();
    this.referent = referent;
    this.callback = callback;
  }
}

/** A native iterator or other object whose state is JS (list_iterator, enumerate, map, ...). */
export class PyNativeIter extends PyObject {
  /** The objects this iterator holds references to, in traverse order. */
  held: (PyObject | null)[] = [];
  pos = 0;
  constructor(public next: (it: PyNativeIter) => PyObject | null) {
    super();
  }
}

/**
 * What a native object's state may add to the held references: references it keeps elsewhere,
 * visited when it is traversed and dropped when it is cleared or freed (lru_cache's links).
 */
export interface NativeHooks {
  traverse?: (visit: (o: PyObject) => void) => void;
  clear?: () => void;
}

/** An object with native state (StringIO, deque, lru_cache wrapper, ...): held refs + JS state. */
export class PyNativeObject extends PyObject {
  held: (PyObject | null)[] = [];
  state: unknown = null;
  dict: PyDict | null = null;
}

/** A super() object. */
export class PySuper extends PyObject {
  constructor(public thisType: PyType, public obj: PyObject | null, public objType: PyType | null) {
    super();
  }
}

/** A frame object (PyFrameObject): made when a traceback passes a frame; owns the frame's data once the frame has finished. */
export class PyFrameObj extends PyObject {
  /** The locals it took over when its frame was cleared (take_ownership), or null while the frame runs. */
  owned: (PyObject | null)[] | null = null;
  ownedNames: string[] = [];
  func: PyObject | null = null;
  /** f_globals: the frame's globals, borrowed as the interpreter frame borrows them (not counted). */
  globals: PyDict | null = null;
  /** f_back: the caller's frame object, linked when this one takes over its frame (take_ownership). */
  back: PyFrameObj | null = null;
  constructor(public code: CodeObject, public lineno: number) {
    super();
  }
}

/** A traceback object: one frame of a traceback (tb_next points to the frame it called). */
export class PyTraceback extends PyObject {
  constructor(public next: PyTraceback | null, public frame: PyFrameObj, public lasti: number, public lineno: number) {
    super();
  }
}
