/**
 * The block structure of `collections.deque` (Modules/_collectionsmodule.c), which decides its
 * `sys.getsizeof`: a deque is a doubly linked list of 64-slot blocks (528 bytes each: two links
 * and 64 pointers), with `leftindex`/`rightindex` marking the used span. getsizeof =
 * 216 (struct) + 16 (GC head) + 528 per block spanned.
 *
 * An empty deque has one block with the indices centred (left 32, right 31); `extend` into an
 * empty deque first moves them to the left edge (`extendleft`: the right edge) to save space;
 * emptying by pops re-centres instead of freeing the last block; `clear()` swaps in a fresh
 * block. Each deque caches up to 16 freed blocks for reuse (`MAXFREEBLOCKS`); blocks are
 * 528-byte requests, so they come from the raw allocator, not pymalloc.
 */
import { GC_HEAD } from './layout.js';

export const DEQUE_BLOCKLEN = 64;
const CENTER = (DEQUE_BLOCKLEN - 1) >> 1;
/** `sizeof(block)`: 64 item pointers + left and right links. */
export const DEQUE_BLOCK_BYTES = 8 * DEQUE_BLOCKLEN + 16;
/** `sizeof(dequeobject)`. */
export const DEQUE_STRUCT = 216;
/** `MAXFREEBLOCKS`. */
export const DEQUE_MAXFREEBLOCKS = 16;

export class DequeModel {
  leftindex = CENTER + 1;
  rightindex = CENTER;
  size = 0;
  /** Blocks in the chain. */
  blocks = 1;
  /** Freed blocks kept by this deque for reuse. */
  cachedBlocks = 0;
  /** Blocks obtained from / returned to the allocator (PyMem_Malloc / PyMem_Free), cumulative. */
  blockMallocs = 1;
  blockFrees = 0;

  /** `maxlen`: -1 for unbounded. */
  constructor(readonly maxlen = -1) {}

  /** `sys.getsizeof(d)`. */
  sizeof(): number {
    const spanned = Math.floor((this.leftindex + this.size + DEQUE_BLOCKLEN - 1) / DEQUE_BLOCKLEN);
    return DEQUE_STRUCT + GC_HEAD + DEQUE_BLOCK_BYTES * spanned;
  }

  private newBlock(): void {
    this.blocks++;
    if (this.cachedBlocks > 0) this.cachedBlocks--;
    else this.blockMallocs++;
  }

  private freeBlock(): void {
    this.blocks--;
    if (this.cachedBlocks < DEQUE_MAXFREEBLOCKS) this.cachedBlocks++;
    else this.blockFrees++;
  }

  /** `append(x)`; returns true when `maxlen` made it drop the leftmost item. */
  append(): boolean {
    if (this.rightindex === DEQUE_BLOCKLEN - 1) {
      this.newBlock();
      this.rightindex = -1;
    }
    this.size++;
    this.rightindex++;
    if (this.maxlen >= 0 && this.size > this.maxlen) {
      this.popleft();
      return true;
    }
    return false;
  }

  /** `appendleft(x)`; returns true when `maxlen` made it drop the rightmost item. */
  appendleft(): boolean {
    if (this.leftindex === 0) {
      this.newBlock();
      this.leftindex = DEQUE_BLOCKLEN;
    }
    this.size++;
    this.leftindex--;
    if (this.maxlen >= 0 && this.size > this.maxlen) {
      this.pop();
      return true;
    }
    return false;
  }

  /** `pop()` (the caller checks emptiness). */
  pop(): void {
    this.rightindex--;
    this.size--;
    if (this.rightindex < 0) {
      if (this.size > 0) {
        this.freeBlock();
        this.rightindex = DEQUE_BLOCKLEN - 1;
      } else {
        this.leftindex = CENTER + 1;
        this.rightindex = CENTER;
      }
    }
  }

  /** `popleft()` (the caller checks emptiness). */
  popleft(): void {
    this.leftindex++;
    this.size--;
    if (this.leftindex === DEQUE_BLOCKLEN) {
      if (this.size > 0) {
        this.freeBlock();
        this.leftindex = 0;
      } else {
        this.leftindex = CENTER + 1;
        this.rightindex = CENTER;
      }
    }
  }

  /** `extend(it)` with `n` items (also `deque(it)`, `+=`). Returns how many items maxlen dropped. */
  extend(n: number): number {
    if (this.maxlen === 0) return n;
    if (this.size === 0) {
      this.leftindex = 1;
      this.rightindex = 0;
    }
    let dropped = 0;
    for (let i = 0; i < n; i++) if (this.append()) dropped++;
    return dropped;
  }

  /** `extendleft(it)` with `n` items. */
  extendleft(n: number): number {
    if (this.maxlen === 0) return n;
    if (this.size === 0) {
      this.leftindex = DEQUE_BLOCKLEN - 1;
      this.rightindex = DEQUE_BLOCKLEN - 2;
    }
    let dropped = 0;
    for (let i = 0; i < n; i++) if (this.appendleft()) dropped++;
    return dropped;
  }

  /** `clear()`: a fresh block replaces the chain (no-op when already empty). */
  clear(): void {
    if (this.size === 0) return;
    this.newBlock();
    const old = this.blocks - 1;
    for (let i = 0; i < old; i++) this.freeBlock();
    this.size = 0;
    this.leftindex = CENTER + 1;
    this.rightindex = CENTER;
  }
}
