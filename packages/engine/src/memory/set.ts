/**
 * A set's hash table as Objects/setobject.c runs it: open addressing over `mask + 1` slots with
 * 9-slot linear probing then perturbed jumps, dummies left by deletions, resizing on fill, and
 * the bulk paths that pre-size the table. Simulating the slots (not just the counts) gives both
 * `sys.getsizeof` and the iteration order CPython prints (`{3, 1, 2}` → `{1, 2, 3}`), and it is
 * the only way to know whether an insertion reuses a dummy slot (no fill increase, no resize).
 *
 * Keys are the runtime's object numbers (any non-negative integer); hashes are Python hashes
 * (`hash(x)`, signed 64-bit, never -1) given as a number when |h| < 2**53 or as a bigint.
 * Equality beyond identity is the caller's: pass `eq` when distinct objects can be equal
 * (1 == 1.0 == True, equal strs that are not the same object).
 */
import { GC_HEAD } from './layout.js';

/** `PySet_MINSIZE`: the inline smalltable. */
export const SET_MINSIZE = 8;
/** `sizeof(PySetObject)`. */
export const SET_STRUCT = 200;
const LINEAR_PROBES = 9;
const PERTURB_SHIFT = 5;
const EMPTY = -1;
const DUMMY = -2;

/** Key equality callback: `a == b` for two stored/probing keys with the same hash. */
export type KeyEq = (stored: number, key: number) => boolean;

let hLo = 0;
let hHi = 0;
/** Split a Python hash into the low and high 32 bits of its unsigned 64-bit form (module scratch, no allocation). */
function splitHash(h: number | bigint): void {
  if (typeof h === 'number') {
    const hi = Math.floor(h / 4294967296);
    hLo = h - hi * 4294967296;
    hHi = hi >>> 0;
  } else {
    const u = BigInt.asUintN(64, h);
    hLo = Number(u & 0xffffffffn);
    hHi = Number(u >> 32n);
  }
}

/** The table of one set or frozenset. */
export class SetTable {
  /** `so->mask`: slots − 1. */
  mask = SET_MINSIZE - 1;
  /** `so->fill`: live + dummy slots. */
  fill = 0;
  /** `so->used`: live keys (`len(s)`). */
  used = 0;
  /** `so->finger`: where `pop()` resumes. */
  finger = 0;
  /**
   * Bumped whenever the table is replaced (resize, clear, swap): with `tableBytes` before and
   * after, tells the runtime that a `PyMem` table block was freed and/or allocated.
   */
  generation = 0;
  /** Slot contents: a key, EMPTY (-1) or DUMMY (-2). */
  private keys = new Float64Array(SET_MINSIZE).fill(EMPTY);
  /** Low / high 32 bits of each slot's hash. */
  private lo = new Uint32Array(SET_MINSIZE);
  private hi = new Uint32Array(SET_MINSIZE);

  /** Whether the inline 8-slot smalltable is in use (no separate table allocation). */
  get isSmall(): boolean {
    return this.mask === SET_MINSIZE - 1;
  }

  /** Bytes of the separately allocated table (0 for the smalltable): `PyMem_NEW(setentry, n)`. */
  get tableBytes(): number {
    return this.isSmall ? 0 : 16 * (this.mask + 1);
  }

  /** `sys.getsizeof(s)`: 216, plus 16 per slot once the table left the smalltable. */
  sizeof(basicsize = SET_STRUCT, preHeader = GC_HEAD): number {
    return basicsize + preHeader + this.tableBytes;
  }

  /** `set_add_entry`. Returns true if the key was added (false: an equal key is present). */
  add(key: number, hash: number | bigint, eq?: KeyEq): boolean {
    splitHash(hash);
    return this.addHashed(key, hLo, hHi, eq);
  }

  private addHashed(key: number, lo: number, hi: number, eq?: KeyEq): boolean {
    const mask = this.mask;
    const keys = this.keys;
    let i = lo & mask;
    let freeslot = -1;
    let pLo = lo;
    let pHi = hi;
    for (;;) {
      let probes = i + LINEAR_PROBES <= mask ? LINEAR_PROBES : 0;
      let j = i;
      do {
        const k = keys[j]!;
        if (k === EMPTY) {
          if (freeslot >= 0) {
            this.used++;
            this.store(freeslot, key, lo, hi);
            return true;
          }
          this.fill++;
          this.used++;
          this.store(j, key, lo, hi);
          if (this.fill * 5 >= mask * 3) this.resize(this.used > 50000 ? this.used * 2 : this.used * 4);
          return true;
        }
        if (k === DUMMY) freeslot = j;
        else if (this.lo[j] === lo && this.hi[j] === hi && (k === key || (eq !== undefined && eq(k, key)))) return false;
        j++;
      } while (probes-- > 0);
      pLo = ((pLo >>> PERTURB_SHIFT) | ((pHi & 31) << 27)) >>> 0;
      pHi = pHi >>> PERTURB_SHIFT;
      i = (i * 5 + 1 + pLo) & mask;
    }
  }

  /** The slot holding a key equal to `key`, or -1 (`set_lookkey`). */
  find(key: number, hash: number | bigint, eq?: KeyEq): number {
    splitHash(hash);
    return this.findHashed(key, hLo, hHi, eq);
  }

  private findHashed(key: number, lo: number, hi: number, eq?: KeyEq): number {
    const mask = this.mask;
    const keys = this.keys;
    let i = lo & mask;
    let pLo = lo;
    let pHi = hi;
    for (;;) {
      let probes = i + LINEAR_PROBES <= mask ? LINEAR_PROBES : 0;
      let j = i;
      do {
        const k = keys[j]!;
        if (k === EMPTY) return -1;
        if (k !== DUMMY && this.lo[j] === lo && this.hi[j] === hi && (k === key || (eq !== undefined && eq(k, key)))) return j;
        j++;
      } while (probes-- > 0);
      pLo = ((pLo >>> PERTURB_SHIFT) | ((pHi & 31) << 27)) >>> 0;
      pHi = pHi >>> PERTURB_SHIFT;
      i = (i * 5 + 1 + pLo) & mask;
    }
  }

  /** `key in s`. */
  has(key: number, hash: number | bigint, eq?: KeyEq): boolean {
    return this.find(key, hash, eq) >= 0;
  }

  /**
   * `set_discard_entry`: the slot becomes a dummy (still counted in `fill`). Returns the stored
   * key that was removed (the one to decref), or -1 when absent.
   */
  discard(key: number, hash: number | bigint, eq?: KeyEq): number {
    splitHash(hash);
    return this.discardHashed(key, hLo, hHi, eq);
  }

  private discardHashed(key: number, lo: number, hi: number, eq?: KeyEq): number {
    const j = this.findHashed(key, lo, hi, eq);
    if (j < 0) return -1;
    const old = this.keys[j]!;
    this.keys[j] = DUMMY;
    this.lo[j] = 0xffffffff;
    this.hi[j] = 0xffffffff;
    this.used--;
    return old;
  }

  /** `set.pop()`: the first live slot from the finger on; returns its key, or -1 when empty. */
  pop(): number {
    if (this.used === 0) return -1;
    const keys = this.keys;
    let j = this.finger & this.mask;
    while (keys[j]! < 0) {
      j++;
      if (j > this.mask) j = 0;
    }
    const key = keys[j]!;
    keys[j] = DUMMY;
    this.lo[j] = 0xffffffff;
    this.hi[j] = 0xffffffff;
    this.used--;
    this.finger = j + 1;
    return key;
  }

  /** `set.clear()` (`set_clear_internal`): back to an empty smalltable. Returns keys in slot order (to decref). */
  clear(): number[] {
    const out = this.keysInOrder();
    this.reset(SET_MINSIZE);
    this.fill = 0;
    this.used = 0;
    return out;
  }

  /** Live keys in slot order: the order iteration, `repr`, `gc.get_referents` and teardown see. */
  keysInOrder(): number[] {
    const out: number[] = [];
    const keys = this.keys;
    for (let j = 0; j <= this.mask; j++) if (keys[j]! >= 0) out.push(keys[j]!);
    return out;
  }

  /** Visit live keys in slot order without allocating. */
  forEach(fn: (key: number) => void): void {
    const keys = this.keys;
    for (let j = 0; j <= this.mask; j++) if (keys[j]! >= 0) fn(keys[j]!);
  }

  /**
   * The pre-resize of the bulk paths (`set_merge`, and `update` from an exact dict of n items):
   * when `(fill + n) * 5 >= mask * 3`, resize for `(used + n) * 2`.
   */
  reserve(n: number): void {
    if ((this.fill + n) * 5 >= this.mask * 3) this.resize((this.used + n) * 2);
  }

  /**
   * `set_merge(self, other)`: `set(s)`, `s.copy()`, `frozenset(s)`, `s | t`, `s.update(t)`,
   * `s |= t`, and set displays of ≥ 3 constants (`SET_UPDATE` with a constant frozenset).
   * Pre-resizes, then copies slot for slot into an empty table of the same size without dummies,
   * re-inserts cleanly into any other empty table, or adds key by key.
   */
  merge(other: SetTable, eq?: KeyEq): void {
    if (other === this || other.used === 0) return;
    this.reserve(other.used);
    if (this.fill === 0 && this.mask === other.mask && other.fill === other.used) {
      this.keys.set(other.keys);
      this.lo.set(other.lo);
      this.hi.set(other.hi);
      this.fill = other.fill;
      this.used = other.used;
      return;
    }
    const ok = other.keys;
    if (this.fill === 0) {
      this.fill = other.used;
      this.used = other.used;
      for (let j = 0; j <= other.mask; j++) if (ok[j]! >= 0) this.insertClean(ok[j]!, other.lo[j]!, other.hi[j]!);
      return;
    }
    for (let j = 0; j <= other.mask; j++) {
      if (ok[j]! >= 0) this.addHashed(ok[j]!, other.lo[j]!, other.hi[j]!, eq);
    }
  }

  /**
   * `a & b` for two sets (`set_intersection`): walk the smaller set's slots (b when equal in
   * size), adding to a new set each key the larger one contains. `a.intersection(a)` is a copy.
   */
  static intersection(a: SetTable, b: SetTable, eq?: KeyEq): SetTable {
    if (a === b) return a.copy();
    const result = new SetTable();
    let big = a;
    let small = b;
    if (b.used > a.used) {
      big = b;
      small = a;
    }
    const sk = small.keys;
    for (let j = 0; j <= small.mask; j++) {
      const k = sk[j]!;
      if (k >= 0 && big.findHashed(k, small.lo[j]!, small.hi[j]!, eq) >= 0) result.addHashed(k, small.lo[j]!, small.hi[j]!, eq);
    }
    return result;
  }

  /** `a &= b` / `a.intersection_update(b)`: a takes the intersection's table (`set_swap_bodies`). */
  intersectionUpdate(b: SetTable, eq?: KeyEq): void {
    const t = SetTable.intersection(this, b, eq);
    this.generation++;
    this.mask = t.mask;
    this.fill = t.fill;
    this.used = t.used;
    this.keys = t.keys;
    this.lo = t.lo;
    this.hi = t.hi;
  }

  /**
   * `a - b` for two sets (`set_difference`): when a is more than 4× larger, copy a and remove
   * b's keys; otherwise walk a's slots adding the keys b lacks to a new set.
   */
  static difference(a: SetTable, b: SetTable, eq?: KeyEq): SetTable {
    if (a.used >> 2 > b.used) {
      const r = a.copy();
      r.differenceUpdate(b, eq);
      return r;
    }
    const result = new SetTable();
    const ak = a.keys;
    for (let j = 0; j <= a.mask; j++) {
      const k = ak[j]!;
      if (k >= 0 && b.findHashed(k, a.lo[j]!, a.hi[j]!, eq) < 0) result.addHashed(k, a.lo[j]!, a.hi[j]!, eq);
    }
    return result;
  }

  /**
   * `a -= b` / `a.difference_update(b)` with a set (`set_difference_update_internal`): discard
   * b's keys (or those of a ∩ b when b is more than 8× larger), then drop the dummies if they
   * are more than a quarter of the table. For other iterables discard key by key, then call
   * `trimDummies`. Returns the removed keys in removal order (to decref).
   */
  differenceUpdate(b: SetTable, eq?: KeyEq): number[] {
    const removed: number[] = [];
    if (b === this) return this.clear();
    const other = b.used >> 3 > this.used ? SetTable.intersection(this, b, eq) : b;
    const ok = other.keys;
    for (let j = 0; j <= other.mask; j++) {
      const k = ok[j]!;
      if (k < 0) continue;
      const old = this.discardHashed(k, other.lo[j]!, other.hi[j]!, eq);
      if (old >= 0) removed.push(old);
    }
    this.trimDummies();
    return removed;
  }

  /** The end of `difference_update`: resize away dummies when more than mask/4 of them. */
  trimDummies(): void {
    if (this.fill - this.used <= this.mask >>> 2) return;
    this.resize(this.used > 50000 ? this.used * 2 : this.used * 4);
  }

  /**
   * `a ^= b` / `a.symmetric_difference_update(b)` with a set: walk b's slots, discarding keys
   * a has and adding the others. (An exact dict walks its entries the same way; other iterables
   * are first made into a set.) Returns the keys removed from a.
   */
  symmetricDifferenceUpdate(b: SetTable, eq?: KeyEq): number[] {
    if (b === this) return this.clear();
    const removed: number[] = [];
    const bk = b.keys;
    for (let j = 0; j <= b.mask; j++) {
      const k = bk[j]!;
      if (k < 0) continue;
      const old = this.discardHashed(k, b.lo[j]!, b.hi[j]!, eq);
      if (old >= 0) removed.push(old);
      else this.addHashed(k, b.lo[j]!, b.hi[j]!, eq);
    }
    return removed;
  }

  /** `a ^ b`: a copy of b updated with a's keys (`set_symmetric_difference`). */
  static symmetricDifference(a: SetTable, b: SetTable, eq?: KeyEq): SetTable {
    const r = b.copy();
    r.symmetricDifferenceUpdate(a, eq);
    return r;
  }

  /** A new set holding this one's keys, as `set(s)` / `s.copy()` / `frozenset(s)` build it. */
  copy(): SetTable {
    const t = new SetTable();
    t.merge(this);
    return t;
  }

  /** The hash stored in slot order for each live key (for re-adding elsewhere). */
  hashesInOrder(): Array<number | bigint> {
    const out: Array<number | bigint> = [];
    for (let j = 0; j <= this.mask; j++) if (this.keys[j]! >= 0) out.push(joinHash(this.lo[j]!, this.hi[j]!));
    return out;
  }

  /** `set_table_resize(minused)`: the smallest power of two > minused (≥ 8); dummies dropped. */
  resize(minused: number): void {
    let newsize = SET_MINSIZE;
    while (newsize <= minused) newsize *= 2;
    if (newsize === SET_MINSIZE && this.isSmall && this.fill === this.used) return;
    const oldKeys = this.keys;
    const oldLo = this.lo;
    const oldHi = this.hi;
    const oldMask = this.mask;
    this.reset(newsize);
    this.fill = this.used;
    for (let j = 0; j <= oldMask; j++) if (oldKeys[j]! >= 0) this.insertClean(oldKeys[j]!, oldLo[j]!, oldHi[j]!);
  }

  private reset(size: number): void {
    this.generation++;
    this.mask = size - 1;
    this.keys = new Float64Array(size).fill(EMPTY);
    this.lo = new Uint32Array(size);
    this.hi = new Uint32Array(size);
  }

  private store(j: number, key: number, lo: number, hi: number): void {
    this.keys[j] = key;
    this.lo[j] = lo;
    this.hi[j] = hi;
  }

  /** `set_insert_clean`: place a key known to be absent, in a table without dummies. */
  private insertClean(key: number, lo: number, hi: number): void {
    const mask = this.mask;
    const keys = this.keys;
    let i = lo & mask;
    let pLo = lo;
    let pHi = hi;
    for (;;) {
      if (keys[i] === EMPTY) return this.store(i, key, lo, hi);
      if (i + LINEAR_PROBES <= mask) {
        for (let j = i + 1; j <= i + LINEAR_PROBES; j++) if (keys[j] === EMPTY) return this.store(j, key, lo, hi);
      }
      pLo = ((pLo >>> PERTURB_SHIFT) | ((pHi & 31) << 27)) >>> 0;
      pHi = pHi >>> PERTURB_SHIFT;
      i = (i * 5 + 1 + pLo) & mask;
    }
  }
}

/** Rebuild a signed Python hash from its two 32-bit halves. */
function joinHash(lo: number, hi: number): number | bigint {
  const signed = hi | 0;
  if (signed >= -0x200000 && signed < 0x200000) return signed * 4294967296 + lo;
  return BigInt.asIntN(64, (BigInt(hi) << 32n) | BigInt(lo));
}
