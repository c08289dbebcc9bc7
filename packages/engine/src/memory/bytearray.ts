/**
 * The buffer of a `bytearray` (Objects/bytearrayobject.c), which decides its `sys.getsizeof`
 * (56 + `ob_alloc`): `PyByteArray_Resize` over-allocates by about 1/8 on moderate growth,
 * allocates exactly (+1 for the trailing NUL) on big jumps and big shrinks, and leaves the
 * buffer alone on small shrinks. Deleting a prefix (`del b[:k]`) only advances the logical
 * start (`ob_start`), which later resizes account for.
 */

/** `sizeof(PyByteArrayObject)`. bytearray is not a GC type. */
export const BYTEARRAY_STRUCT = 56;

export class ByteArrayModel {
  /** `ob_alloc`: bytes allocated for the buffer (0 before the first allocation). */
  alloc = 0;
  /** `Py_SIZE`: the length. */
  size = 0;
  /** `ob_start - ob_bytes`: bytes skipped at the front after prefix deletions. */
  offset = 0;

  /** `bytearray(n)`, `bytearray(b)` / any buffer, `bytearray(list_or_tuple)` of n items. */
  static ofLength(n: number): ByteArrayModel {
    const b = new ByteArrayModel();
    b.resize(n);
    return b;
  }

  /** `bytearray(it)` for other iterables of `n` ints: grown one item at a time. */
  static ofIterable(n: number): ByteArrayModel {
    const b = new ByteArrayModel();
    for (let i = 0; i < n; i++) {
      if (b.size + 1 < b.alloc) b.size++;
      else b.resize(b.size + 1);
    }
    return b;
  }

  /** `sys.getsizeof(b)`. */
  sizeof(basicsize = BYTEARRAY_STRUCT): number {
    return basicsize + this.alloc;
  }

  /**
   * `PyByteArray_Resize(self, n)`. Returns true when the buffer was reallocated (a new
   * `PyObject_Malloc`/`Realloc` of `alloc` bytes).
   */
  resize(n: number): boolean {
    if (n === this.size) return false;
    let alloc = this.alloc;
    if (n + this.offset + 1 <= alloc) {
      if (n < Math.floor(alloc / 2)) alloc = n + 1;
      else {
        this.size = n;
        return false;
      }
    } else if (n <= alloc * 1.125) {
      alloc = n + (n >> 3) + (n < 9 ? 3 : 6);
    } else {
      alloc = n + 1;
    }
    this.alloc = alloc;
    this.size = n;
    this.offset = 0;
    return true;
  }

  /** `append(x)` / `insert(i, x)`. */
  append(): boolean {
    return this.resize(this.size + 1);
  }

  /** `pop()` / `remove(x)` / `del b[i]` for i > 0. */
  pop(): boolean {
    return this.resize(this.size - 1);
  }

  /**
   * `b[lo:hi] = bytes_of_length(newLen)` (also `del b[lo:hi]`, `b += x`, `b.extend(x)`,
   * which append at `lo = hi = len(b)`): a shrink starting at 0 advances the logical start first.
   */
  setSlice(lo: number, hi: number, newLen: number): boolean {
    const growth = newLen - (hi - lo);
    if (growth === 0) return false;
    if (growth < 0 && lo === 0) this.offset -= growth;
    return this.resize(this.size + growth);
  }

  /** `b.clear()`: `PyByteArray_Resize(self, 0)`. */
  clear(): boolean {
    return this.resize(0);
  }
}
