/**
 * The per-interpreter free lists of CPython 3.11: recently freed objects of a few types are kept
 * (at their address, still holding their type) and handed out again before pymalloc is asked.
 *
 * Effects the runtime must reproduce, and this module decides:
 *  - an allocation served from a free list makes no new pymalloc block and does not touch the
 *    GC gen0 count (`gc_alloc` is bypassed); the object gets the address (modelled `id()`) of
 *    the last one freed — LIFO;
 *  - a deallocation that lands on a free list frees no block and does not decrement gen0;
 *  - tuples are pushed for lengths 1..20 but popped only for 1..19 (a 20-tuple always comes
 *    from pymalloc, and its free is absorbed by the free list until 2000 pile up);
 *  - every full collection (`gc.collect()` / generation 2) empties them (`clear_freelists`):
 *    tuples by length, then floats, lists, dicts, then dict keys, each from the most recently
 *    pushed down; tuple/list/dict structs go through `PyObject_GC_Del` (gen0 count − 1 each,
 *    not below 0), floats and keys through `PyObject_Free`;
 *  - the one-object slice cache is not cleared by collections.
 * Types without a free list: int, str, bytes, set, frames, bound methods, instances, ….
 */

/** A LIFO stack of addresses with a capacity. */
export class FreeList {
  private readonly items: Float64Array;
  private n = 0;

  constructor(readonly capacity: number) {
    this.items = new Float64Array(capacity);
  }

  /** Objects currently kept. */
  get size(): number {
    return this.n;
  }

  /** Pop the most recently freed address, or -1 when empty (then allocate normally). */
  take(): number {
    return this.n > 0 ? this.items[--this.n]! : -1;
  }

  /** Offer a dying object's address; false when full (then free it normally). */
  give(addr: number): boolean {
    if (this.n >= this.capacity) return false;
    this.items[this.n++] = addr;
    return true;
  }

  /** Empty the list, calling `free` on each address from the most recent down. */
  clear(free: (addr: number) => void): void {
    while (this.n > 0) free(this.items[--this.n]!);
  }
}

/** `PyFloat_MAXFREELIST`. */
export const FLOAT_FREELIST = 100;
/** `PyTuple_MAXFREELIST` per length, lengths 1..`PyTuple_NFREELISTS` (20). */
export const TUPLE_FREELIST = 2000;
export const TUPLE_NFREELISTS = 20;
/** `PyTuple_MAXSAVESIZE`: only lengths below it are taken from the free lists. */
export const TUPLE_MAXSAVESIZE = 20;
/** `PyList_MAXFREELIST`. */
export const LIST_FREELIST = 80;
/** `PyDict_MAXFREELIST` (dict structs, and 8-slot unicode keys objects). */
export const DICT_FREELIST = 80;

/** How the free lists being emptied release memory. */
export interface FreeListSink {
  /** A GC object's memory (`PyObject_GC_Del`: also gen0 count − 1 when > 0). */
  gcDel(addr: number): void;
  /** A non-GC block (`PyObject_Free`). */
  free(addr: number): void;
}

/** All the free lists of one interpreter. */
export class FreeLists {
  readonly float = new FreeList(FLOAT_FREELIST);
  /** `tuple[len - 1]` for lengths 1..20. */
  readonly tuple: FreeList[] = Array.from({ length: TUPLE_NFREELISTS }, () => new FreeList(TUPLE_FREELIST));
  readonly list = new FreeList(LIST_FREELIST);
  readonly dict = new FreeList(DICT_FREELIST);
  /** 8-slot keys objects of unicode (str-only) kind. */
  readonly dictKeys = new FreeList(DICT_FREELIST);
  /** `interp->slice_cache`: at most one slice object. */
  readonly slice = new FreeList(1);

  /** Address of a recycled exact tuple of `length` items, or -1. `()` is a singleton, never freed. */
  takeTuple(length: number): number {
    return length > 0 && length < TUPLE_MAXSAVESIZE ? this.tuple[length - 1]!.take() : -1;
  }

  /** An exact tuple of `length` items died: kept (true) or to be freed. */
  giveTuple(length: number, addr: number): boolean {
    return length > 0 && length <= TUPLE_NFREELISTS ? this.tuple[length - 1]!.give(addr) : false;
  }

  /** A dict's keys object is freed: kept only for 8-slot str-only tables. */
  giveDictKeys(log2Size: number, unicode: boolean, addr: number): boolean {
    return log2Size === 3 && unicode ? this.dictKeys.give(addr) : false;
  }

  /** A new 8-slot keys object: recycled address when the table is str-only, else -1. */
  takeDictKeys(log2Size: number, unicode: boolean): number {
    return log2Size === 3 && unicode ? this.dictKeys.take() : -1;
  }

  /** `clear_freelists`, run at the end of every full collection. */
  clear(sink: FreeListSink): void {
    const gcDel = (a: number) => sink.gcDel(a);
    const free = (a: number) => sink.free(a);
    for (const t of this.tuple) t.clear(gcDel);
    this.float.clear(free);
    this.list.clear(gcDel);
    this.dict.clear(gcDel);
    this.dictKeys.clear(free);
  }
}
