/**
 * CPython 3.11's allocation model: what `sys.getsizeof` reports, how containers grow, which
 * requests reach pymalloc and where they land, and which objects are recycled by free lists.
 * Pure arithmetic and small state classes — numbers in, numbers out; no dependence on the
 * object model and no I/O. The runtime owns the objects and calls in here.
 *
 *   layout.ts     header and pre-header sizes (GC head 16, managed-dict pre-header 16)
 *   sizes.ts      getsizeof formulas for every object kind, class layouts, GC-capable types
 *   list.ts       list capacity on every creation and mutation path (list_resize & co.)
 *   dict.ts       DictTable (keys kind/size/usable/nentries through every dictobject.c path)
 *                 and SharedKeys (a class's split keys; inline values; materialised __dict__)
 *   set.ts        SetTable: the set hash table slot by slot (sizes and iteration order)
 *   deque.ts      DequeModel: collections.deque blocks
 *   bytearray.ts  ByteArrayModel: bytearray buffer growth
 *   pymalloc.ts   Pymalloc: arenas, pools, blocks, raw fallbacks, stats; addresses = id()
 *   freelists.ts  FreeLists: float/tuple/list/dict/keys/slice recycling
 *
 * What to allocate, per object (request sizes for `Pymalloc.malloc`; all include the 16-byte
 * GC head of GC types and the 16-byte managed-dict pre-header of plain instances):
 *  - most objects are ONE block whose size equals `sys.getsizeof`: int, float, complex, str
 *    (without a cached UTF-8 copy), bytes, tuple (`()` is static), function, cell, method,
 *    generator/coroutine, frame object, instance struct (56 for a plain class), type objects …;
 *  - list: a 56-byte struct + an item array of 8 × allocated bytes (`PyMem_Realloc`; none while
 *    `allocated` is 0 and no buffer; a list popped to empty keeps a 0-byte raw block);
 *  - dict: a 64-byte struct + the keys object (`dictKeysBytes`, none for the shared empty keys)
 *    + for split dicts a values array (`valuesArrayBytes`);
 *  - plain instance: 56-byte struct + values array `valuesArrayBytes(SharedKeys.newInstance())`;
 *  - set/frozenset: a 216-byte struct + `SetTable.tableBytes` once past the inline 8 slots;
 *  - bytearray: a 56-byte struct (not GC) + `alloc` bytes of buffer;
 *  - deque: a 232-byte struct + 528-byte blocks (raw: over 512 bytes);
 *  - str after `PyUnicode_AsUTF8` (non-ASCII): + a `utf8_len + 1` block.
 * Free lists (freelists.ts) are consulted first for float, tuple (len 1..19), list, dict and
 * 8-slot str-only keys; a hit allocates nothing and leaves the GC count alone.
 */
export * from './layout.js';
export * from './sizes.js';
export * from './list.js';
export * from './dict.js';
export * from './set.js';
export * from './pymalloc.js';
export * from './freelists.js';
export * from './deque.js';
export * from './bytearray.js';
export * from './allocator.js';
