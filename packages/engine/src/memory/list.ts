/**
 * The capacity (`allocated`) of a list's item array, as Objects/listobject.c sets it on every path.
 *
 * A list's state here is three numbers the runtime keeps per list object:
 *   size      — `Py_SIZE(list)`, the number of items;
 *   allocated — slots in the item array (getsizeof = 56 + 8 * allocated);
 *   hasBuffer — `ob_item != NULL`. Usually `allocated > 0`, but a list shrunk to 0 by
 *               `list_resize` (popping the last item) keeps a 0-byte buffer, and that changes
 *               how the next `extend` sizes it (`list_preallocate_exact` only runs when
 *               `ob_item == NULL`).
 * Every function is pure: state in, new capacity out.
 */

/**
 * `list_resize(self, newSize)`: the capacity after changing the size from `size` to `newSize`.
 * No reallocation while `allocated/2 <= newSize <= allocated`; otherwise over-allocate by
 * about 1/8 plus 6, rounded down to a multiple of 4, unless the jump is larger than the
 * over-allocation (then round `newSize` up to a multiple of 4). Size 0 frees the slots.
 */
export function listResize(allocated: number, size: number, newSize: number): number {
  if (allocated >= newSize && newSize >= allocated >> 1) return allocated;
  let n = (newSize + (newSize >> 3) + 6) & ~3;
  if (newSize - size > n - newSize) n = (newSize + 3) & ~3;
  return newSize === 0 ? 0 : n;
}

/** Whether `listResize` reallocates (so the runtime can emit a Resize/realloc). */
export function listResizeReallocates(allocated: number, newSize: number): boolean {
  return !(allocated >= newSize && newSize >= allocated >> 1);
}

/** `list_preallocate_exact(n)`: n rounded up to an even number. */
export function preallocateExact(n: number): number {
  return (n + 1) & ~1;
}

/** `list.append(x)` / `LIST_APPEND` / `list.insert`: capacity after adding one item. */
export function appendCapacity(allocated: number, size: number): number {
  return listResize(allocated, size, size + 1);
}

/**
 * Removing one item: `list.pop()` of the last item goes straight to `list_resize(size-1)`
 * (buffer kept even at 0); `pop(i)`, `remove`, `del l[i]` go through `list_ass_slice`, which
 * clears the list (capacity 0, no buffer) when it becomes empty. Returns the new capacity.
 */
export function removeOneCapacity(allocated: number, size: number): number {
  return listResize(allocated, size, size - 1);
}

/** Whether a removal leaves a (0-byte) buffer behind: only `pop()` of the last item does. */
export function removeKeepsBuffer(viaPopLast: boolean, newSize: number): boolean {
  return newSize > 0 || viaPopLast;
}

/**
 * Slice assignment / deletion `l[i:j] = v` changing the size by `delta`: `list_resize(size+delta)`,
 * or a clear (capacity 0) when the list ends up empty.
 */
export function assignSliceCapacity(allocated: number, size: number, delta: number): number {
  if (size + delta === 0) return 0;
  if (delta === 0) return allocated;
  return listResize(allocated, size, size + delta);
}

/**
 * `l.extend(seq)` where seq is an exact list or tuple of length n (also `LIST_EXTEND` with a
 * constant tuple, `l += seq`): exact-even preallocation when the list has no buffer, else
 * `list_resize(size + n)`. Extending by nothing changes nothing.
 */
export function extendSeqCapacity(allocated: number, size: number, n: number, hasBuffer = allocated > 0): number {
  if (n === 0) return allocated;
  if (!hasBuffer) return preallocateExact(n);
  return listResize(allocated, size, size + n);
}

/**
 * `l.extend(it)` for any other iterable (range, str, dict views, generators, map, ...):
 * make room for `lengthHint` items (`__len__`, else `__length_hint__`, else 8), append the
 * `count` items actually produced with ordinary growth, then cut back with `list_resize(len)`.
 */
export function extendIterCapacity(
  allocated: number,
  size: number,
  count: number,
  lengthHint = 8,
  hasBuffer = allocated > 0,
): number {
  let alloc = allocated;
  if (!hasBuffer) {
    if (lengthHint > 0) alloc = preallocateExact(lengthHint);
  } else {
    alloc = listResize(alloc, size, size + lengthHint);
  }
  // Appends: fill the free slots, then grow by list_resize(len + 1) each time it is full.
  let len = size;
  const target = size + count;
  while (target > alloc) {
    len = alloc;
    alloc = listResize(alloc, len, len + 1);
  }
  len = target;
  if (len < alloc) alloc = listResize(alloc, len, len);
  return alloc;
}

/** Capacity after `n` appends to an empty list (`[f(x) for x in ...]`, a display of > 30 items). */
export function appendsCapacity(n: number): number {
  return n === 0 ? 0 : extendIterCapacityFromEmptyAppends(n);
}

function extendIterCapacityFromEmptyAppends(n: number): number {
  let alloc = 0;
  while (n > alloc) alloc = listResize(alloc, alloc, alloc + 1);
  return alloc;
}

/** What `list(x)` / `sorted(x)` / `[*x]`-style construction knows about its argument. */
export const enum ListSource {
  /** An exact list or tuple: `PySequence_Fast` fast path. */
  ListOrTuple = 0,
  /** Any other iterable: the iterator path with a length hint. */
  Iterable = 1,
}

/**
 * `list(x)` (and `sorted(x)`, which copies then sorts in place — sorting keeps the capacity):
 * `n` items; for `ListSource.Iterable` pass the length hint (`len(x)` when it has `__len__`,
 * its `__length_hint__`, or 8 when it has neither).
 */
export function listFromCapacity(source: ListSource, n: number, lengthHint = n): number {
  if (source === ListSource.ListOrTuple) return n === 0 ? 0 : preallocateExact(n);
  return extendIterCapacity(0, 0, n, lengthHint, false);
}

/**
 * Exact-size results (`list_new_prealloc`): `BUILD_LIST n`, slices `l[i:j]` and `l[::k]`,
 * `l.copy()`, `a + b`, `[x] * n`, `dict.keys()`-style C builders. Empty → 0.
 */
export function exactCapacity(n: number): number {
  return n;
}

/**
 * A list display as compiled by 3.11 (compile.c `starunpack_helper`):
 * ≥ 3 items that are all constants → `BUILD_LIST 0; LOAD_CONST tuple; LIST_EXTEND` (exact-even);
 * more than 30 items (any kind) → `BUILD_LIST 0` + one `LIST_APPEND` each (growth);
 * otherwise `BUILD_LIST n` (exact). Displays with a starred item start as `BUILD_LIST i` for the
 * items before the first star and `LIST_EXTEND`/`LIST_APPEND` the rest: use the other functions.
 */
export function listDisplayCapacity(n: number, allConstant: boolean): number {
  if (n >= 3 && allConstant) return preallocateExact(n);
  if (n > 30) return appendsCapacity(n);
  return n;
}

/** `l *= n`: `list_resize(size * n)`; n ≤ 0 clears; an empty list or n == 1 is unchanged. */
export function inplaceRepeatCapacity(allocated: number, size: number, n: number): number {
  if (size === 0 || n === 1) return allocated;
  if (n < 1) return 0;
  return listResize(allocated, size, size * n);
}

/** stringlib `MAX_PREALLOC`: split results start with 12 slots. */
export const SPLIT_PREALLOC = 12;

/**
 * `str.split` / `bytes.split` / `rsplit` result with `count` parts: `PyList_New(PREALLOC_SIZE)`
 * (12, or maxsplit + 1 when smaller), filled in place, then appended with growth past 12.
 * `splitlines` starts from an empty list instead (use `appendsCapacity`). A string shorter than
 * its separator yields a 1-slot list.
 */
export function splitCapacity(count: number, maxsplit = -1, shorterThanSep = false): number {
  if (shorterThanSep) return 1;
  const pre = maxsplit < 0 || maxsplit >= SPLIT_PREALLOC ? SPLIT_PREALLOC : maxsplit + 1;
  let alloc = pre;
  while (count > alloc) alloc = listResize(alloc, alloc, alloc + 1);
  return alloc;
}

/**
 * Builtin iterator types that answer `__length_hint__` with the number of items left (python3
 * 3.11.7, `operator.length_hint`). `list(it)`, `l.extend(it)`, `sorted(it)` preallocate that
 * many; iterators not listed here (generators, map, filter, zip, enumerate, callable_iterator,
 * a sequence iterator over an object without `__len__`) give the default hint 8. Objects with
 * `__len__` (containers, range, dict views) use their length; a Python class may define its own
 * `__length_hint__`.
 */
export const LENGTH_HINT_ITERATORS: ReadonlySet<string> = new Set([
  'list_iterator', 'list_reverseiterator', 'tuple_iterator', 'range_iterator', 'longrange_iterator',
  'str_ascii_iterator', 'str_iterator', 'bytes_iterator', 'bytearray_iterator', 'set_iterator',
  'dict_keyiterator', 'dict_valueiterator', 'dict_itemiterator', 'dict_reversekeyiterator',
  'dict_reversevalueiterator', 'dict_reverseitemiterator', 'reversed', 'iterator', 'repeat',
  '_deque_iterator', '_deque_reverse_iterator',
]);

/** `PyObject_LengthHint(o, 8)` default used by `list_extend`. */
export const DEFAULT_LENGTH_HINT = 8;
