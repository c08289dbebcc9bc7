/**
 * The table behind a CPython 3.11 dict (Objects/dictobject.c), reduced to the numbers that decide
 * `sys.getsizeof`, allocation sizes and entry order.
 *
 * A dict points at a keys object (`PyDictKeysObject`): `2**log2Size` hash slots whose index width
 * grows with the table (1, 2, 4 or 8 bytes), followed by `USABLE_FRACTION(size) = 2*size/3`
 * entries, 16 bytes each when every key is an exact str (unicode kind) and 24 bytes otherwise
 * (general kind: hash, key, value). Entries are appended in insertion order; deleting leaves a
 * dummy behind, so `nentries` only grows until the next resize, and `usable` never comes back.
 * A resize builds a fresh table holding only the live entries, in order.
 *
 * Empty dicts share the static `Py_EMPTY_KEYS` (represented here as `keys === null`); the first
 * insertion allocates an 8-slot table. Instances of Python classes share one *split* keys
 * object per class (SharedKeys below): each instance has only a values array, and a dict is
 * made from it on demand.
 *
 * Teardown order follows the entry array: a combined dict releases key then value of each entry
 * in entry order (`free_keys_object`); a split dict or an instance's inline values release the
 * values in shared-keys index order (`SharedKeys.order`: the order the *class* first saw each
 * name), keys staying with the class.
 */
import { GC_HEAD, PTR } from './layout.js';

/** `dk_kind`. */
export const enum DictKind {
  General = 0,
  Unicode = 1,
  Split = 2,
}

/** What `DictTable.mergeBegin` left for the caller to do. */
export const enum MergeStart {
  /** Insert each item of the source (`insert` / `insertExisting`), in its entry order. */
  Insert = 0,
  /** The source's table was cloned: copy its entry array as is (holes included, there are none). */
  Cloned = 1,
  /** The source is empty (or is the target): nothing changes. */
  Nothing = 2,
}

/** `PyDict_LOG_MINSIZE`: the smallest table has 8 slots. */
export const DICT_LOG_MINSIZE = 3;
/** `sizeof(PyDictKeysObject)` header. */
export const DICT_KEYS_HEADER = 32;
/** `sizeof(PyDictObject)`. */
export const DICT_STRUCT = 48;

/** `USABLE_FRACTION(n)`: how many entries a table of n slots holds. */
export function usableFraction(n: number): number {
  return ((n << 1) / 3) | 0;
}

/** `calculate_log2_keysize(minsize)`: log2 of the smallest power of two ≥ minsize (min 8). */
export function calculateLog2KeySize(minsize: number): number {
  let m = (minsize | 8) - 1;
  m |= 7;
  let bits = 0;
  while (m > 0) {
    m = Math.floor(m / 2);
    bits++;
  }
  return bits;
}

/** `estimate_log2_keysize(n)`: a table that takes n entries without resizing. */
export function estimateLog2KeySize(n: number): number {
  return calculateLog2KeySize(((n * 3 + 1) / 2) | 0);
}

/** `dk_log2_index_bytes`: log2 of the index array's size in bytes. */
export function log2IndexBytes(log2Size: number): number {
  if (log2Size < 8) return log2Size;
  if (log2Size < 16) return log2Size + 1;
  if (log2Size >= 32) return log2Size + 3;
  return log2Size + 2;
}

/** `_PyDict_KeysSize`: bytes of a keys object (the malloc request of `new_keys_object`). */
export function dictKeysBytes(log2Size: number, kind: DictKind): number {
  const entry = kind === DictKind.General ? 24 : 16;
  return DICT_KEYS_HEADER + 2 ** log2IndexBytes(log2Size) + usableFraction(2 ** log2Size) * entry;
}

/** `new_values(size)`: bytes of an instance / split-dict values array (order prefix + pointers). */
export function valuesArrayBytes(size: number): number {
  return (((size + 2 + 7) >> 3) << 3) + PTR * size;
}

/** One keys object: the mutable part of `PyDictKeysObject`. */
export class DictKeys {
  constructor(
    public kind: DictKind,
    public log2Size: number,
    /** `dk_usable`: entries that can still be appended. */
    public usable: number,
    /** `dk_nentries`: entries used so far, live or deleted. */
    public nentries = 0,
  ) {}

  /** `new_keys_object(log2Size, unicode)`. */
  static create(log2Size: number, unicode: boolean): DictKeys {
    return new DictKeys(unicode ? DictKind.Unicode : DictKind.General, log2Size, usableFraction(2 ** log2Size));
  }

  get slots(): number {
    return 2 ** this.log2Size;
  }

  /** Bytes of this keys object (its malloc size). */
  get bytes(): number {
    return dictKeysBytes(this.log2Size, this.kind);
  }

  /** Keys whose entries are 16 bytes and hold exact str keys only (unicode or split). */
  get isUnicode(): boolean {
    return this.kind !== DictKind.General;
  }

  clone(): DictKeys {
    return new DictKeys(this.kind, this.log2Size, this.usable, this.nentries);
  }
}

/**
 * The table state of one dict object. The runtime keeps its entries in the same order and
 * compacts them (dropping deleted ones) whenever an operation reports that it rebuilt the table.
 */
export class DictTable {
  /** `ma_keys`; null = the shared static empty keys. */
  keys: DictKeys | null = null;
  /** `ma_used`: live items. */
  used = 0;
  /** Split tables (materialised instance dicts): the class's shared keys and this dict's values array size. */
  shared: SharedKeys | null = null;
  valuesSize = 0;

  /** A fresh empty dict (`{}`, `dict()`, `BUILD_MAP 0`). */
  static empty(): DictTable {
    return new DictTable();
  }

  /**
   * `dict_new_presized(n, unicode)` as `BUILD_MAP n` / `BUILD_CONST_KEY_MAP` (`_PyDict_FromItems`,
   * unicode iff every key is an exact str) creates it: up to 5 items start empty, more get a
   * table sized by `estimate_log2_keysize(n)` (capped at 2**17 slots). The items are then
   * inserted one by one (`insert`).
   */
  static presized(n: number, unicode: boolean): DictTable {
    const d = new DictTable();
    if (n <= usableFraction(8)) return d;
    const log2 = n > usableFraction(2 ** 17) ? 17 : estimateLog2KeySize(n);
    d.keys = DictKeys.create(log2, unicode);
    return d;
  }

  /** `make_dict_from_instance_attributes`: the `__dict__` materialised from an instance's values. */
  static fromInstance(shared: SharedKeys, valuesSize: number, used: number): DictTable {
    const d = new DictTable();
    d.keys = shared.keys;
    d.shared = shared;
    d.valuesSize = valuesSize;
    d.used = used;
    return d;
  }

  get isSplit(): boolean {
    return this.shared !== null;
  }

  /** Entries used so far in the table, live or deleted (0 for the empty keys). */
  get nentries(): number {
    return this.keys === null ? 0 : this.keys.nentries;
  }

  /**
   * `sys.getsizeof(d)`: the dict struct, the keys object when this dict owns it, and for a split
   * dict 8 bytes per slot of the *current* shared keys (`dk_nentries + dk_usable`).
   * Subclasses pass their basicsize and pre-header (GC head + managed dict).
   */
  sizeof(basicsize = DICT_STRUCT, preHeader = GC_HEAD): number {
    let n = basicsize + preHeader;
    if (this.shared !== null) n += PTR * this.shared.usableSize;
    else if (this.keys !== null) n += this.keys.bytes;
    return n;
  }

  /** Rebuild into a new combined table of 2**log2 slots (`dictresize`): live entries only, in order. */
  resize(log2: number, unicode: boolean): void {
    const old = this.keys;
    if (old !== null && !old.isUnicode) unicode = false;
    const keys = DictKeys.create(log2, unicode);
    keys.nentries = this.used;
    keys.usable -= this.used;
    this.keys = keys;
    this.shared = null;
    this.valuesSize = 0;
  }

  /**
   * Insert a key that is not in the dict (`insertdict` / `insert_to_emptydict`). Returns true if
   * the table was rebuilt first (entries compacted): a non-str key arriving in a str-only table,
   * or no usable entry left (`insertion_resize` to `calculate_log2_keysize(3 * used)`).
   * Replacing the value of an existing key changes nothing here — except a non-str key hitting
   * a str-only table, for which the runtime calls `insertExisting(false)`.
   */
  insert(keyIsExactStr: boolean): boolean {
    let rebuilt = false;
    const keys = this.keys;
    if (keys === null) {
      this.keys = DictKeys.create(DICT_LOG_MINSIZE, keyIsExactStr);
    } else {
      if (keys.isUnicode && !keyIsExactStr) {
        this.resize(calculateLog2KeySize(this.used * 3), false);
        rebuilt = true;
      }
      const k = this.keys!;
      const usable = this.shared !== null ? this.shared.keys.usable : k.usable;
      if (usable <= 0) {
        this.resize(calculateLog2KeySize(this.used * 3), true);
        rebuilt = true;
      }
    }
    if (this.shared !== null && this.keys === this.shared.keys) {
      // A split dict appends the new name to the class's shared keys.
      this.shared.keys.usable--;
      this.shared.keys.nentries++;
    } else {
      const k = this.keys!;
      k.usable--;
      k.nentries++;
    }
    this.used++;
    return rebuilt;
  }

  /** `d[k] = v` on an existing key: only a non-str key in a str-only table rebuilds it. */
  insertExisting(keyIsExactStr: boolean): boolean {
    if (this.keys !== null && this.keys.isUnicode && !keyIsExactStr) {
      this.resize(calculateLog2KeySize(this.used * 3), false);
      return true;
    }
    return false;
  }

  /** `del d[k]` / `d.pop(k)`: the entry becomes a dummy; nothing shrinks. */
  delete(): void {
    this.used--;
  }

  /**
   * `d.popitem()`: split tables are first rebuilt as combined ones (returns true then); the last
   * live entry is removed and `dk_nentries` drops to its index (`lastLiveIndex`, in the table's
   * entry numbering after any rebuild). `usable` does not come back.
   */
  popitem(lastLiveIndex: number): boolean {
    let rebuilt = false;
    if (this.shared !== null) {
      this.resize(this.keys!.log2Size, true);
      rebuilt = true;
      lastLiveIndex = this.used - 1;
    }
    this.keys!.nentries = lastLiveIndex;
    this.used--;
    return rebuilt;
  }

  /** `d.clear()`: back to the static empty keys (64 bytes). */
  clear(): void {
    this.keys = null;
    this.used = 0;
    this.shared = null;
    this.valuesSize = 0;
  }

  /**
   * `d.copy()` (`PyDict_Copy`): an empty dict for an empty source; a split copy sharing the keys;
   * a byte-for-byte clone of the keys when at most a third of the entries are deleted; otherwise
   * a compacted copy through `dict_merge`. The copy's entry array is the source's as is (holes
   * included) when `copy.nentries === this.nentries`, else the live entries compacted in order.
   */
  copy(exactDict = true): DictTable {
    if (this.used === 0) return DictTable.empty();
    if (this.shared !== null) {
      const d = new DictTable();
      d.keys = this.keys;
      d.shared = this.shared;
      d.valuesSize = this.shared.usableSize;
      d.used = this.used;
      return d;
    }
    if (exactDict && this.used >= ((this.keys!.nentries * 2) / 3 | 0)) {
      const d = new DictTable();
      d.keys = this.keys!.clone();
      d.used = this.used;
      return d;
    }
    const d = DictTable.empty();
    if (d.mergeBegin(this, exactDict) === MergeStart.Insert) {
      for (let i = 0; i < this.used; i++) d.insert(this.keys!.isUnicode);
    }
    return d;
  }

  /**
   * First half of `dict_merge(self, other)` (`update`, `dict(d)`, `{**d}`, `d | e`, `|=`):
   * an empty target clones a clean source table (no deletions, and 8 slots or more than half
   * full); otherwise, if the target's table cannot take `other.used` more entries, it is rebuilt
   * for `used + other.used` (`estimate_log2_keysize`), which compacts its entries. Then the
   * runtime does what the result says (MergeStart).
   */
  mergeBegin(other: DictTable, otherIsExactDict = true): MergeStart {
    if (other === this || other.used === 0) return MergeStart.Nothing;
    const ok = other.keys!;
    if (this.used === 0 && otherIsExactDict && other.shared === null && other.used === ok.nentries &&
        (ok.log2Size === DICT_LOG_MINSIZE || usableFraction(ok.slots / 2) < other.used)) {
      this.keys = ok.clone();
      this.used = other.used;
      this.shared = null;
      this.valuesSize = 0;
      return MergeStart.Cloned;
    }
    const size = this.keys === null ? 1 : this.keys.slots;
    if (usableFraction(size) < other.used) {
      this.resize(estimateLog2KeySize(this.used + other.used), ok.isUnicode);
    }
    return MergeStart.Insert;
  }

  /**
   * `dict.fromkeys(src)` when `src` is an exact dict (unicode iff its table is) or an exact set /
   * frozenset (never unicode) of n items: the new dict is resized up front for n items, which can
   * give a larger table than inserting one by one. Other iterables: plain inserts.
   */
  static fromKeysPresized(n: number, unicode: boolean): DictTable {
    const d = new DictTable();
    d.keys = DictKeys.create(estimateLog2KeySize(n), unicode);
    return d;
  }
}

/**
 * `SHARED_KEYS_MAX_SIZE`: a class's shared keys hold at most 30 names; they are created with
 * `dk_usable = 30` in a 64-slot table (`NEXT_LOG2_SHARED_KEYS_MAX_SIZE = 6`).
 */
export const SHARED_KEYS_MAX_SIZE = 30;

/**
 * The shared (split) keys object of a class with a managed dict (`ht_cached_keys`), and the
 * inline-values protocol of its instances (3.11):
 *  - each new instance first takes one usable slot away (while more than one is left), then
 *    gets a values array of `nentries + usable` pointers — so the k-th instance's values array,
 *    and the size a materialised `__dict__` reports, shrink as instances are created;
 *  - storing an attribute adds its name to the shared keys (index = order in which the *class*
 *    first saw the name) unless no usable slot is left or the name is not an exact str: then the
 *    instance's dict is materialised and the store goes to the dict (which overflows into a
 *    combined table, see DictTable.insert).
 */
export class SharedKeys {
  readonly keys: DictKeys;
  private readonly names = new Map<string, number>();

  constructor() {
    this.keys = new DictKeys(DictKind.Split, 6, SHARED_KEYS_MAX_SIZE);
  }

  /** `shared_keys_usable_size`: `dk_nentries + dk_usable`. */
  get usableSize(): number {
    return this.keys.nentries + this.keys.usable;
  }

  /** Names in shared-keys index order (the order instance attributes are visited and freed). */
  get order(): string[] {
    return [...this.names.keys()];
  }

  /** The same names, without making an array (for walks on every dealloc). */
  nameOrder(): IterableIterator<string> {
    return this.names.keys();
  }

  /**
   * `init_inline_values` for a new instance: returns the number of slots of its values array
   * (allocate `valuesArrayBytes(n)` bytes with PyMem_Malloc).
   */
  newInstance(): number {
    if (this.keys.usable > 1) this.keys.usable--;
    return this.usableSize;
  }

  /** Index of `name` in the shared keys, or -1. */
  indexOf(name: string): number {
    return this.names.get(name) ?? -1;
  }

  /**
   * `insert_into_dictkeys` on an attribute store with inline values: the name's index (added if
   * new), or -1 when the instance must materialise its dict instead (keys full, or the name is
   * not an exact str).
   */
  store(name: string, isExactStr = true): number {
    if (!isExactStr) return -1;
    const ix = this.names.get(name);
    if (ix !== undefined) return ix;
    if (this.keys.usable <= 0) return -1;
    const n = this.keys.nentries;
    this.names.set(name, n);
    this.keys.usable--;
    this.keys.nentries++;
    return n;
  }

  /** `sys.getsizeof(obj.__dict__)` for a materialised split dict (any instance, right now). */
  dictSize(): number {
    return DICT_STRUCT + GC_HEAD + PTR * this.usableSize;
  }

  /**
   * A name added through a materialised split dict (`obj.__dict__[name] = v`, or `setattr` once
   * the dict exists) also lands in the shared keys: record its index. Call after
   * `DictTable.insert` returned false on a split table.
   */
  noteAddedByDict(name: string): void {
    if (!this.names.has(name)) this.names.set(name, this.keys.nentries - 1);
  }
}

/** `sizeof(PyODictObject)`: an OrderedDict's struct. */
export const ODICT_STRUCT = 112;

/**
 * `sys.getsizeof` of a `collections.OrderedDict` (`odict_sizeof`): the dict part, plus the
 * `od_fast_nodes` array (one pointer per hash slot of the current table, rebuilt whenever the
 * table is) and a 32-byte node per item.
 */
export function odictSize(table: DictTable): number {
  const slots = table.keys === null ? 0 : table.keys.slots;
  return table.sizeof(ODICT_STRUCT) + PTR * slots + 32 * table.used;
}
