/**
 * The allocation front door the runtime calls for every object: pymalloc behind the per-type
 * free lists, wired the way the C allocators of each type are (`float_dealloc`, `tupledealloc`,
 * `list_dealloc`, `dict_dealloc`, `free_keys_object`, `slice_dealloc`, `PyObject_GC_Del`).
 *
 * Each call returns an address (the modelled `id()`); whether the last allocation came from a
 * free list (`recycled`) or the last free went onto one (`parked`) is left in a field, so the hot
 * path allocates nothing. The GC's gen0 count changes only when neither is true, and only for
 * GC-capable types.
 */
import { FreeLists, TUPLE_MAXSAVESIZE, TUPLE_NFREELISTS } from './freelists.js';
import { Pymalloc, type PymallocListener } from './pymalloc.js';
import { tupleSize, FLOAT_SIZE, SLICE_SIZE } from './sizes.js';
import { dictKeysBytes, DictKind } from './dict.js';

/** Statically allocated objects (small ints, None, `()`, builtin types …) get addresses from here: above pymalloc arenas and raw blocks. */
export const STATIC_BASE = 2 ** 46;

/** A deterministic address for the `index`-th static object (64 bytes apart). */
export function staticAddress(index: number): number {
  return STATIC_BASE + 64 * index;
}

export const LIST_STRUCT_BYTES = 56;
export const DICT_STRUCT_BYTES = 64;

export class ObjectAllocator {
  readonly pymalloc: Pymalloc;
  readonly freelists = new FreeLists();
  /** The last alloc* call was served from a free list (no new block, no gen0 increment). */
  recycled = false;
  /** The last free* call kept the object on a free list (no block freed, no gen0 decrement). */
  parked = false;

  constructor(listener: PymallocListener | null = null) {
    this.pymalloc = new Pymalloc(listener);
  }

  /** Any other block: `PyObject_Malloc` / `PyMem_Malloc` (both pymalloc in 3.11). */
  malloc(nbytes: number): number {
    this.recycled = false;
    return this.pymalloc.malloc(nbytes);
  }

  free(addr: number): void {
    this.parked = false;
    this.pymalloc.free(addr);
  }

  realloc(addr: number, nbytes: number): number {
    return this.pymalloc.realloc(addr, nbytes);
  }

  private take(addr: number, nbytes: number): number {
    this.recycled = addr >= 0;
    return addr >= 0 ? addr : this.pymalloc.malloc(nbytes);
  }

  private park(kept: boolean, addr: number): void {
    this.parked = kept;
    if (!kept) this.pymalloc.free(addr);
  }

  allocFloat(): number {
    return this.take(this.freelists.float.take(), FLOAT_SIZE);
  }

  freeFloat(addr: number): void {
    this.park(this.freelists.float.give(addr), addr);
  }

  /** An exact tuple of n ≥ 1 items (`()` is a static singleton: use `staticAddress`). */
  allocTuple(n: number): number {
    return this.take(n < TUPLE_MAXSAVESIZE ? this.freelists.takeTuple(n) : -1, tupleSize(n));
  }

  /** An exact tuple died (tuple subclasses: use `free`). */
  freeTuple(n: number, addr: number): void {
    this.park(n <= TUPLE_NFREELISTS && this.freelists.giveTuple(n, addr), addr);
  }

  /** The struct of an exact list (its item array is a separate `malloc`/`realloc`). */
  allocList(): number {
    return this.take(this.freelists.list.take(), LIST_STRUCT_BYTES);
  }

  freeList(addr: number): void {
    this.park(this.freelists.list.give(addr), addr);
  }

  /** The struct of an exact dict. */
  allocDict(): number {
    return this.take(this.freelists.dict.take(), DICT_STRUCT_BYTES);
  }

  freeDict(addr: number): void {
    this.park(this.freelists.dict.give(addr), addr);
  }

  /** A dict keys object (`new_keys_object`): 8-slot str-only tables may be recycled. */
  allocDictKeys(log2Size: number, kind: DictKind): number {
    const unicode = kind === DictKind.Unicode;
    return this.take(this.freelists.takeDictKeys(log2Size, unicode), dictKeysBytes(log2Size, kind));
  }

  freeDictKeys(addr: number, log2Size: number, kind: DictKind): void {
    this.park(this.freelists.giveDictKeys(log2Size, kind === DictKind.Unicode, addr), addr);
  }

  allocSlice(): number {
    return this.take(this.freelists.slice.take(), SLICE_SIZE);
  }

  freeSlice(addr: number): void {
    this.park(this.freelists.slice.give(addr), addr);
  }

  /**
   * End of a full collection (`clear_freelists`): every parked object is really freed.
   * Returns how many of them were GC objects (`PyObject_GC_Del`: the caller lowers gen0's
   * count by one for each, not below 0).
   */
  clearFreeLists(): number {
    let gcDels = 0;
    this.freelists.clear({
      gcDel: (a) => {
        gcDels++;
        this.pymalloc.free(a);
      },
      free: (a) => this.pymalloc.free(a),
    });
    return gcDels;
  }
}

/**
 * `id(o)`: CPython's object pointer is the block address plus the pre-header in front of the
 * object (`preHeaderSize`: 16 for GC objects, 32 for instances with a managed dict, 0 otherwise).
 */
export function objectId(blockAddress: number, preHeader: number): number {
  return blockAddress + preHeader;
}
