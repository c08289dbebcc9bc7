/**
 * `sys.getsizeof` for every kind of object CPython 3.11 can hold, as plain arithmetic.
 *
 * Each formula is the type's `__sizeof__` (usually `tp_basicsize + n * tp_itemsize`, sometimes a
 * hand-written method) plus the pre-header of GC types (see layout.ts). Containers whose size
 * depends on their growth history (list, dict, set, deque, bytearray) take their capacity as an
 * argument; the growth rules live in list.ts, dict.ts, set.ts, deque.ts.
 */
import { GC_HEAD, MANAGED_DICT_PREHEADER, PTR, preHeaderSize } from './layout.js';

// ---------------------------------------------------------------------------------------------
// int

/** Bits per digit of a CPython int (`PYLONG_BITS_IN_DIGIT`). */
export const INT_DIGIT_BITS = 30;

/** Number of 30-bit digits CPython stores for |v| (0 for zero). */
export function intDigits(v: number | bigint): number {
  if (typeof v === 'number') {
    let a = Math.abs(v);
    if (a < 2 ** 30) return a === 0 ? 0 : 1;
    if (a < 2 ** 60) return 2;
    v = BigInt(a);
  }
  let a = v < 0n ? -v : v;
  let n = 0;
  while (a > 0n) {
    a >>= 30n;
    n++;
  }
  return n;
}

/**
 * `int.__sizeof__` + 0: `offsetof(PyLongObject, ob_digit) + 4 * max(1, ndigits)`.
 * Zero and bools report one digit (3.11.7, gh-100637). Subclasses: pass their basicsize.
 */
export function intSize(v: number | bigint, basicsize = 24, preHeader = 0): number {
  return basicsize + 4 * Math.max(1, intDigits(v)) + preHeader;
}

/** `float`, `complex`, `bool` and the singletons. */
export const FLOAT_SIZE = 24;
export const COMPLEX_SIZE = 32;
export const BOOL_SIZE = 28;
/** `None`, `...`, `NotImplemented`, `object()`. */
export const BARE_OBJECT_SIZE = 16;

// ---------------------------------------------------------------------------------------------
// str

/** The storage kind of a compact str: bytes per character, with ASCII kept apart from latin-1. */
export const enum StrKind {
  Ascii = 0,
  Latin1 = 1,
  Ucs2 = 2,
  Ucs4 = 4,
}

/**
 * Classify a JS string as CPython would store it. A surrogate pair is one astral code point
 * (UCS-4); a lone surrogate is one UCS-2 code point, as in Python.
 */
export function strKind(s: string): StrKind {
  let max = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > max) {
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
        const d = s.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) return StrKind.Ucs4;
      }
      max = c;
    }
  }
  return max < 0x80 ? StrKind.Ascii : max < 0x100 ? StrKind.Latin1 : StrKind.Ucs2;
}

/** `len(s)` in Python terms: code points, counting a surrogate pair once. */
export function strLength(s: string): number {
  let n = s.length;
  for (let i = 0; i + 1 < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

/** Bytes of the UTF-8 encoding (lone surrogates cannot be encoded; they count 3 like CESU). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/**
 * Size of a compact str of `length` code points: `PyASCIIObject` (48) + n + 1 for ASCII,
 * `PyCompactUnicodeObject` (72) + (n + 1) * kind otherwise. `utf8Bytes` > 0 adds the cached
 * UTF-8 copy (non-ASCII strings only) that `PyUnicode_AsUTF8` leaves behind.
 */
export function strSizeOf(kind: StrKind, length: number, utf8Bytes = 0): number {
  if (kind === StrKind.Ascii) return 48 + length + 1;
  return 72 + (length + 1) * kind + (utf8Bytes > 0 ? utf8Bytes + 1 : 0);
}

/** `sys.getsizeof(s)` for an exact str. `utf8Cached`: the UTF-8 form was materialised. */
export function strSize(s: string, utf8Cached = false): number {
  const kind = strKind(s);
  return strSizeOf(kind, strLength(s), utf8Cached && kind !== StrKind.Ascii ? utf8Length(s) : 0);
}

/**
 * An instance of a str subclass is not compact: a `PyUnicodeObject` (80) with a separate data
 * buffer of (n + 1) * kind bytes (kind 1 for ASCII), plus GC head and managed-dict pre-header.
 */
export function strSubclassSize(s: string, managedDict = true): number {
  const kind = strKind(s);
  return 80 + (strLength(s) + 1) * (kind === StrKind.Ascii ? 1 : kind) + preHeaderSize(true, managedDict);
}

// ---------------------------------------------------------------------------------------------
// bytes, bytearray, tuple, list

/**
 * `PyBytesObject`: 32-byte header (incl. cached hash) + n + 1 terminator. Subclasses pass their
 * basicsize (33 + 8 for the dict slot) and the GC head.
 */
export function bytesSize(n: number, basicsize = 33, preHeader = 0): number {
  return basicsize + n + preHeader;
}

/** `bytearray`: 56-byte struct + the allocated buffer (0 when never allocated). Not a GC type. */
export function bytearraySize(allocated: number): number {
  return 56 + allocated;
}

/** Tuple (GC, var-sized): 24 + 8n + 16. `()` also reports 40. */
export function tupleSize(n: number, basicsize = 24, preHeader = GC_HEAD): number {
  return basicsize + PTR * n + preHeader;
}

/** List: 40-byte struct + 8 per allocated slot + GC head. Subclasses pass basicsize/pre-header. */
export function listSize(allocated: number, basicsize = 40, preHeader = GC_HEAD): number {
  return basicsize + PTR * allocated + preHeader;
}

/** `range` and `slice` objects. */
export const RANGE_SIZE = 48;
export const SLICE_SIZE = 56;

// ---------------------------------------------------------------------------------------------
// Frames, generators, functions

/** `offsetof(_PyInterpreterFrame, localsplus)`. */
export const INTERP_FRAME_HEADER = 72;

/**
 * Generator, coroutine or async generator: the frame is embedded
 * (`offsetof(PyGenObject, gi_iframe)` = 80) + 8 per local/cell/free var and stack slot + GC head.
 * `nlocalsplus` = co_nlocals + len(co_cellvars) + len(co_freevars) (minus cells that are also args).
 */
export function generatorSize(nlocalsplus: number, stacksize: number): number {
  return 80 + INTERP_FRAME_HEADER + PTR * (nlocalsplus + stacksize) + GC_HEAD;
}

/** A `PyFrameObject` (from `sys._getframe()`, tracebacks): 48 + frame data + GC head. */
export function frameObjectSize(nlocalsplus: number, stacksize: number): number {
  return 48 + INTERP_FRAME_HEADER + PTR * (nlocalsplus + stacksize) + GC_HEAD;
}

// ---------------------------------------------------------------------------------------------
// Types and instances of Python classes

/** `sizeof(PyTypeObject)` + GC head: `sys.getsizeof(int)`. */
export const STATIC_TYPE_SIZE = 408 + GC_HEAD;
/** `sizeof(PyHeapTypeObject)`. */
export const HEAP_TYPE_STRUCT = 904;
/**
 * The shared keys object a class with a managed dict caches (`ht_cached_keys`): 64 slots,
 * 32-byte header + 64 one-byte indices + 42 (USABLE_FRACTION(64)) entries of 16 bytes.
 */
export const SHARED_KEYS_SIZE = 32 + 64 + 42 * 16;

/** `sys.getsizeof(C)` for a class: 1688 with a managed dict, 920 otherwise (slots, exceptions). */
export function heapTypeSize(managedDict: boolean): number {
  return HEAP_TYPE_STRUCT + (managedDict ? SHARED_KEYS_SIZE : 0) + GC_HEAD;
}

/** What class creation needs to know about the (solid) base's layout. */
export interface BaseLayout {
  /** `tp_basicsize` of the base. */
  basicsize: number;
  /** `tp_itemsize` (non-zero for int, tuple, bytes: variable-size bases). */
  itemsize: number;
  /** The base already has a `__dict__` (`tp_dictoffset != 0`). */
  hasDict: boolean;
  /** The base already has a weakref list (`tp_weaklistoffset != 0`). */
  hasWeakref: boolean;
}

/** The layout of a class created by `class` / `type(...)`. */
export interface ClassLayout extends BaseLayout {
  /** Instances keep their dict before the GC head (`Py_TPFLAGS_MANAGED_DICT`). */
  managedDict: boolean;
  /** Number of named slot descriptors added by this class (excluding `__dict__`/`__weakref__`). */
  nslots: number;
}

/** Layout of `object` as a base. */
export const OBJECT_BASE: BaseLayout = { basicsize: 16, itemsize: 0, hasDict: false, hasWeakref: false };

const base = (basicsize: number, itemsize: number, hasDict: boolean, hasWeakref: boolean): BaseLayout =>
  ({ basicsize, itemsize, hasDict, hasWeakref });

/**
 * Builtin types as bases of a Python class (`__basicsize__`, `__itemsize__`, whether they
 * already have a `__dict__` / weakref slot), for `classLayout`. Then getsizeof of an instance is
 * the base's own `__sizeof__` computed with the subclass's basicsize, plus the pre-headers:
 * `instanceSize(layout)` for fixed-size bases (object, float, complex, exceptions), plus the
 * variable part for list (`8·allocated`), dict (`DictTable.sizeof(basicsize, 32)`), set
 * (`SetTable.sizeof(basicsize, 32)`), bytearray (`+ alloc`); `tupleSize(n, basicsize, 16)`,
 * `bytesSize(n, basicsize, 16)`; `intSize(v, 24, 16)` (int ignores the subclass basicsize) and
 * `strSubclassSize` (str reports its own struct size).
 */
export const BUILTIN_BASES: Readonly<Record<string, BaseLayout>> = {
  object: OBJECT_BASE,
  int: base(24, 4, false, false),
  float: base(24, 0, false, false),
  complex: base(32, 0, false, false),
  str: base(80, 0, false, false),
  bytes: base(33, 1, false, false),
  bytearray: base(56, 0, false, false),
  tuple: base(24, 8, false, false),
  list: base(40, 0, false, false),
  dict: base(48, 0, false, false),
  set: base(200, 0, false, true),
  frozenset: base(200, 0, false, true),
  BaseException: base(72, 0, true, false),
  Exception: base(72, 0, true, false),
  OSError: base(112, 0, true, false),
  type: base(904, 40, true, true),
};

/**
 * `type_new` layout rules (typeobject.c `type_new_slots`, `type_new_descriptors`):
 * without `__slots__`, a dict and a weakref list are added when the base lacks them (no weakref
 * for variable-size bases); with `__slots__`, only the ones named, plus 8 bytes per other name.
 * A dict on a variable-size base is a classic slot at the end (+8); otherwise it is a managed dict
 * (no struct bytes, a 16-byte pre-header). Pass a Python class's own ClassLayout as `base` to
 * derive from it (its managed dict is inherited).
 */
export function classLayout(base: BaseLayout & { managedDict?: boolean }, slots: readonly string[] | null): ClassLayout {
  const mayAddDict = !base.hasDict;
  const mayAddWeak = !base.hasWeakref && base.itemsize === 0;
  let addDict: boolean;
  let addWeak: boolean;
  let nslots = 0;
  if (slots === null) {
    addDict = mayAddDict;
    addWeak = mayAddWeak;
  } else {
    addDict = mayAddDict && slots.includes('__dict__');
    addWeak = mayAddWeak && slots.includes('__weakref__');
    for (const s of slots) if (s !== '__dict__' && s !== '__weakref__') nslots++;
  }
  let basicsize = base.basicsize + PTR * nslots;
  if (addDict && base.itemsize !== 0) basicsize += PTR;
  if (addWeak) basicsize += PTR;
  return {
    basicsize,
    itemsize: base.itemsize,
    hasDict: base.hasDict || addDict,
    hasWeakref: base.hasWeakref || addWeak,
    managedDict: base.managedDict === true || (addDict && base.itemsize === 0),
    nslots,
  };
}

/**
 * `sys.getsizeof` of an instance of a class derived (directly or not) from `object`: the struct
 * plus GC head plus, with a managed dict, its 16-byte pre-header. Attribute values and any
 * materialised `__dict__` are separate blocks and not counted (56 for a plain class).
 */
export function instanceSize(layout: Pick<ClassLayout, 'basicsize' | 'managedDict'>): number {
  return layout.basicsize + GC_HEAD + (layout.managedDict ? MANAGED_DICT_PREHEADER : 0);
}

// ---------------------------------------------------------------------------------------------
// Fixed-size builtin objects

/** getsizeof and GC-ness of a builtin type whose instances all have the same size. */
export interface FixedSize {
  readonly size: number;
  readonly gc: boolean;
}

const fixed = (size: number, gc: boolean): FixedSize => ({ size, gc });

/**
 * `sys.getsizeof` of instances of fixed-size builtin types, keyed by `type(o).__name__`
 * (python3 3.11.7). `gc` = `Py_TPFLAGS_HAVE_GC`: its instances carry a 16-byte GC head (already
 * included in `size`) and count in gen0 when allocated.
 */
export const FIXED_SIZES: Readonly<Record<string, FixedSize>> = {
  NoneType: fixed(16, false),
  NotImplementedType: fixed(16, false),
  ellipsis: fixed(16, false),
  object: fixed(16, false),
  float: fixed(24, false),
  complex: fixed(32, false),
  range: fixed(48, false),
  slice: fixed(56, true),
  function: fixed(152, true),
  cell: fixed(40, true),
  method: fixed(64, true),
  'method-wrapper': fixed(48, true),
  builtin_function_or_method: fixed(72, true),
  method_descriptor: fixed(72, true),
  wrapper_descriptor: fixed(72, true),
  getset_descriptor: fixed(64, true),
  member_descriptor: fixed(64, true),
  classmethod_descriptor: fixed(72, true),
  property: fixed(80, true),
  staticmethod: fixed(48, true),
  classmethod: fixed(48, true),
  super: fixed(56, true),
  module: fixed(72, true),
  mappingproxy: fixed(40, true),
  SimpleNamespace: fixed(40, true),
  ReferenceType: fixed(80, true),
  ProxyType: fixed(80, true),
  CallableProxyType: fixed(80, true),
  // iterators
  list_iterator: fixed(48, true),
  list_reverseiterator: fixed(48, true),
  tuple_iterator: fixed(48, true),
  str_ascii_iterator: fixed(48, true),
  str_iterator: fixed(48, true),
  bytes_iterator: fixed(48, true),
  bytearray_iterator: fixed(48, true),
  set_iterator: fixed(64, true),
  dict_keyiterator: fixed(72, true),
  dict_valueiterator: fixed(72, true),
  dict_itemiterator: fixed(72, true),
  dict_reversekeyiterator: fixed(72, true),
  dict_reversevalueiterator: fixed(72, true),
  dict_reverseitemiterator: fixed(72, true),
  dict_keys: fixed(40, true),
  dict_values: fixed(40, true),
  dict_items: fixed(40, true),
  range_iterator: fixed(48, false),
  longrange_iterator: fixed(48, false),
  reversed: fixed(48, true),
  iterator: fixed(48, true),
  callable_iterator: fixed(48, true),
  enumerate: fixed(72, true),
  zip: fixed(64, true),
  map: fixed(48, true),
  filter: fixed(48, true),
  // itertools, functools, operator, io
  count: fixed(56, true),
  chain: fixed(48, true),
  repeat: fixed(48, true),
  islice: fixed(72, true),
  partial: fixed(80, true),
  _lru_cache_wrapper: fixed(168, true),
  attrgetter: fixed(56, true),
  itemgetter: fixed(64, true),
  StringIO: fixed(136, true),
  BytesIO: fixed(80, true),
  // exceptions (BaseException is 72 bytes + GC head; subclasses with extra fields are larger)
  BaseException: fixed(88, true),
  Exception: fixed(88, true),
  ValueError: fixed(88, true),
  TypeError: fixed(88, true),
  KeyError: fixed(88, true),
  IndexError: fixed(88, true),
  LookupError: fixed(88, true),
  ArithmeticError: fixed(88, true),
  ZeroDivisionError: fixed(88, true),
  OverflowError: fixed(88, true),
  RuntimeError: fixed(88, true),
  RecursionError: fixed(88, true),
  NotImplementedError: fixed(88, true),
  AssertionError: fixed(88, true),
  MemoryError: fixed(88, true),
  GeneratorExit: fixed(88, true),
  KeyboardInterrupt: fixed(88, true),
  UnboundLocalError: fixed(96, true),
  NameError: fixed(96, true),
  AttributeError: fixed(104, true),
  StopIteration: fixed(96, true),
  StopAsyncIteration: fixed(88, true),
  SystemExit: fixed(96, true),
  ImportError: fixed(112, true),
  ModuleNotFoundError: fixed(112, true),
  OSError: fixed(128, true),
  FileNotFoundError: fixed(128, true),
  SyntaxError: fixed(152, true),
  IndentationError: fixed(152, true),
  UnicodeDecodeError: fixed(128, true),
  UnicodeEncodeError: fixed(128, true),
  BaseExceptionGroup: fixed(104, true),
  ExceptionGroup: fixed(112, true),
};

/**
 * Builtin types whose instances are GC-capable (`Py_TPFLAGS_HAVE_GC`) among the variable-size
 * and container types; instances of every Python class are GC-capable too. Fixed-size types
 * carry the flag in FIXED_SIZES.
 */
export const GC_CONTAINER_TYPES: ReadonlySet<string> = new Set([
  'list', 'tuple', 'dict', 'set', 'frozenset', 'type', 'generator', 'coroutine', 'async_generator',
  'frame', 'deque', 'OrderedDict', 'defaultdict', 'memoryview',
]);

/** Whether instances of the builtin type `name` are GC-capable (carry a GC head). */
export function isGcType(name: string): boolean {
  const f = FIXED_SIZES[name];
  return f !== undefined ? f.gc : GC_CONTAINER_TYPES.has(name);
}
