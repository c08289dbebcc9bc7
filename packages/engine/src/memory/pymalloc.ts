/**
 * A deterministic simulation of CPython 3.11's small-object allocator (Objects/obmalloc.c) on a
 * 64-bit build: which block, pool and arena every request lands in, when pools and arenas come
 * and go, and the counters `sys.getallocatedblocks()` and `sys._debugmallocstats()` report.
 *
 * The layout, as in obmalloc.c:
 *  - requests of 1..512 bytes are rounded up to one of 32 size classes of 16 bytes
 *    (`idx = (n - 1) >> 4`); 0 bytes and anything larger go to the raw allocator (libc malloc);
 *  - a *pool* is 16 KiB: a 48-byte header, then blocks of one size class, carved lazily from
 *    the lowest address up; freed blocks go on the pool's LIFO free list, so the next request of
 *    the same class gets the most recently freed block back (which is why `id()` of a dead
 *    object so often reappears);
 *  - an *arena* is 1 MiB obtained with mmap. mmap returns page-aligned, not 16 KiB-aligned
 *    memory, so the first partial pool is skipped and an arena holds 63 pools. Real arenas are
 *    only occasionally aligned (then 64); this model always uses 63 — deterministic, and what
 *    the verified `_debugmallocstats` runs show ("bytes lost to arena alignment" = 16 KiB per
 *    arena);
 *  - `usedpools[idx]` lists the partially used pools of each class; allocation takes the head.
 *    A pool that fills up leaves the list; one that gets a block back is put at the front; one
 *    that becomes empty goes on its arena's free-pool list (keeping its size class and free
 *    list, reused as is if the next pool request is for the same class);
 *  - `usable_arenas` holds arenas with free pools, sorted by ascending free-pool count (new
 *    pools come from the fullest arena) and kept sorted in O(1) with `nfp2lasta`; an arena
 *    whose pools are all empty is unmapped unless it is the last in that list (bpo-37257);
 *    freed arena objects are reused LIFO, so arena numbers are small and reused.
 *
 * Addresses are plain numbers: `arena * 2**20 + pool * 2**14 + 48 + block * size` for pymalloc
 * blocks (pool 0..62 within the arena), and addresses from `RAW_BASE` up for raw blocks, laid out in
 * allocation order and reused LIFO per 16-byte-rounded size (like glibc's caches).
 * Every operation is O(1) amortised and allocates nothing per call on the pymalloc path.
 */

export const ALIGNMENT = 16;
export const ALIGNMENT_SHIFT = 4;
export const SMALL_REQUEST_THRESHOLD = 512;
export const NB_SMALL_SIZE_CLASSES = SMALL_REQUEST_THRESHOLD >> ALIGNMENT_SHIFT;
export const POOL_SIZE = 16384;
export const POOL_BITS = 14;
export const ARENA_SIZE = 1 << 20;
export const ARENA_BITS = 20;
/** `MAX_POOLS_IN_ARENA`. */
export const MAX_POOLS_IN_ARENA = ARENA_SIZE / POOL_SIZE;
/** Pools per arena in this model (the first, misaligned, partial pool is skipped). */
export const POOLS_PER_ARENA = MAX_POOLS_IN_ARENA - 1;
/** `POOL_OVERHEAD`: the pool header rounded up to the alignment. */
export const POOL_OVERHEAD = 48;
/** `INITIAL_ARENA_OBJECTS`. */
export const INITIAL_ARENA_OBJECTS = 16;
/** Raw (libc) blocks get addresses from here on, far above any arena (a million arenas). */
export const RAW_BASE = 2 ** 40;
/**
 * Where the model's addresses sit in what Python sees (id(), reprs, hash()): CPython's arenas and
 * large blocks are mmap'd, which on 64-bit Linux hands out addresses just under 0x7fffffffffff,
 * so id() has twelve hex digits there too. An offset with no low bits: alignment, and everything
 * that depends on the low bits of an address (hash(), and so set and dict order), are unchanged.
 */
export const MAPPED_BASE = 0x7e0000000000;

/** Block size of size class `idx`. */
export function classSize(idx: number): number {
  return (idx + 1) << ALIGNMENT_SHIFT;
}

/** Size class of a request of 1..512 bytes. */
export function sizeClass(nbytes: number): number {
  return (nbytes - 1) >> ALIGNMENT_SHIFT;
}

/** Blocks in one pool of size class `idx`: (16384 − 48) / size. */
export function blocksPerPool(idx: number): number {
  return Math.floor((POOL_SIZE - POOL_OVERHEAD) / classSize(idx));
}

/** Whether `nbytes` is served by pymalloc (1..512) rather than the raw allocator. */
export function isSmallRequest(nbytes: number): boolean {
  return nbytes > 0 && nbytes <= SMALL_REQUEST_THRESHOLD;
}

/** Callbacks for the runtime to turn allocator activity into events. */
export interface PymallocListener {
  /** An arena was mapped (`new_arena`). */
  arenaNew?(arena: number): void;
  /** An arena was unmapped. */
  arenaFree?(arena: number): void;
  /** A pool was taken into use for a size class (virgin, or an empty pool reused). */
  poolInit?(arena: number, pool: number, blockSize: number): void;
  /** A pool's last block was freed. */
  poolEmpty?(arena: number, pool: number): void;
}

/** One row of the `_debugmallocstats` class table. */
export interface SizeClassStats {
  sizeClass: number;
  size: number;
  pools: number;
  blocksInUse: number;
  availBlocks: number;
}

/** What `sys._debugmallocstats()` prints, as numbers. */
export interface PymallocStats {
  classes: SizeClassStats[];
  arenasAllocatedTotal: number;
  arenasReclaimed: number;
  arenasHighwater: number;
  arenasAllocatedCurrent: number;
  bytesInAllocatedBlocks: number;
  bytesInAvailableBlocks: number;
  unusedPools: number;
  bytesLostToPoolHeaders: number;
  bytesLostToQuantization: number;
  bytesLostToArenaAlignment: number;
  /** Pools by state. */
  usedPools: number;
  fullPools: number;
  emptyPools: number;
  /** `sys.getallocatedblocks()`. */
  allocatedBlocks: number;
  /** Raw (libc) blocks currently allocated through this allocator. */
  rawBlocks: number;
  rawBytes: number;
}

const NIL = -1;
/** Block size and blocks per pool of each size class, precomputed for the hot paths. */
const CLASS_SIZES = Int32Array.from({ length: NB_SMALL_SIZE_CLASSES }, (_, i) => classSize(i));
const CLASS_BLOCKS = Int32Array.from({ length: NB_SMALL_SIZE_CLASSES }, (_, i) => blocksPerPool(i));
/** Size-class header nodes of the used-pool lists occupy pool ids 0..31; real pools follow. */
const POOL_ID_BASE = NB_SMALL_SIZE_CLASSES;
const DUMMY_SIZE_IDX = -1;

export class Pymalloc {
  listener: PymallocListener | null = null;

  // --- arenas (index = position in `arenas[]`) ---
  private maxarenas = 0;
  private arenaLive = new Uint8Array(0);
  private nfreepools = new Int32Array(0);
  private ntotalpools = new Int32Array(0);
  /** Next never-used pool of the arena (`pool_address`), as a pool index. */
  private poolAddress = new Int32Array(0);
  /** Head of the arena's empty-pool list (pool id), linked through `nextpool`. */
  private freepools = new Int32Array(0);
  private nextarena = new Int32Array(0);
  private prevarena = new Int32Array(0);
  private usableArenas = NIL;
  private unusedArenaObjects = NIL;
  private readonly nfp2lasta = new Int32Array(MAX_POOLS_IN_ARENA + 1).fill(NIL);
  private narenasCurrentlyAllocated = 0;
  private ntimesArenaAllocated = 0;
  private narenasHighwater = 0;

  // --- pools (id = POOL_ID_BASE + arena * 64 + pool) ---
  private szidx = new Int16Array(POOL_ID_BASE).fill(DUMMY_SIZE_IDX);
  private refcount = new Int32Array(POOL_ID_BASE);
  private freeblock = new Int32Array(POOL_ID_BASE).fill(NIL);
  /** Next virgin block index (`nextoffset`). */
  private nextoffset = new Int32Array(POOL_ID_BASE);
  private nextpool = new Int32Array(POOL_ID_BASE);
  private prevpool = new Int32Array(POOL_ID_BASE);
  /** Per arena: the free-list link stored in each block (pool * 1024 + block). */
  private blockNext: Int32Array[] = [];

  // --- raw allocator ---
  /** Next fresh raw address (bytes past RAW_BASE). */
  private rawCursor = 0;
  private readonly rawSize = new Map<number, number>();
  private readonly rawFree = new Map<number, number[]>();
  private rawBytes = 0;
  private rawAllocatedBlocks = 0;
  private pymallocBlocks = 0;

  constructor(listener: PymallocListener | null = null) {
    this.listener = listener;
    for (let i = 0; i < NB_SMALL_SIZE_CLASSES; i++) {
      this.nextpool[i] = i;
      this.prevpool[i] = i;
    }
  }

  /** `sys.getallocatedblocks()`: pymalloc blocks in use plus raw fallbacks. */
  get allocatedBlocks(): number {
    return this.pymallocBlocks + this.rawAllocatedBlocks;
  }

  /** Arenas currently mapped. */
  get arenas(): number {
    return this.narenasCurrentlyAllocated;
  }

  /** `PyObject_Malloc(nbytes)`: the address of the new block. */
  malloc(nbytes: number): number {
    if (nbytes > 0 && nbytes <= SMALL_REQUEST_THRESHOLD) return this.pymallocAlloc((nbytes - 1) >> ALIGNMENT_SHIFT);
    return this.rawMalloc(nbytes);
  }

  /** `PyObject_Free(addr)`. */
  free(addr: number): void {
    if (addr < RAW_BASE) this.pymallocFree(addr);
    else this.rawFreeBlock(addr);
  }

  /**
   * `PyObject_Realloc(addr, nbytes)`: a pymalloc block stays in place when the new size fits
   * and is more than 3/4 of the block; otherwise malloc + free (a block moving to a raw size
   * becomes raw). A raw block stays raw (pymalloc never takes over libc memory), in place while
   * its rounded size is unchanged. `addr` 0 behaves as malloc.
   */
  realloc(addr: number, nbytes: number): number {
    if (addr === 0) return this.malloc(nbytes);
    if (addr < RAW_BASE) {
      const size = classSize(this.szidx[this.poolIdOf(addr)]!);
      if (nbytes <= size && 4 * nbytes > 3 * size) return addr;
      const b = this.malloc(nbytes);
      this.pymallocFree(addr);
      return b;
    }
    const old = this.rawSize.get(addr);
    if (old === undefined) throw new Error(`realloc of unknown address ${addr}`);
    if (roundRaw(old) === roundRaw(nbytes)) {
      this.rawBytes += nbytes - old;
      this.rawSize.set(addr, nbytes);
      return addr;
    }
    const b = this.rawMallocNoCount(nbytes);
    this.rawFreeNoCount(addr);
    return b;
  }

  /** Whether `addr` is a pymalloc block (else raw). */
  isPymalloc(addr: number): boolean {
    return addr < RAW_BASE;
  }

  /** Usable size of the block at `addr` (block size, or the raw request). */
  blockSize(addr: number): number {
    if (addr < RAW_BASE) return classSize(this.szidx[this.poolIdOf(addr)]!);
    return this.rawSize.get(addr) ?? 0;
  }

  /** Decompose a pymalloc address. */
  static arenaOf(addr: number): number {
    return Math.floor(addr / ARENA_SIZE);
  }
  static poolOf(addr: number): number {
    return Math.floor((addr % ARENA_SIZE) / POOL_SIZE);
  }

  // ------------------------------------------------------------------------------------------
  // pymalloc

  private poolIdOf(addr: number): number {
    return POOL_ID_BASE + Pymalloc.arenaOf(addr) * MAX_POOLS_IN_ARENA + Pymalloc.poolOf(addr);
  }

  private address(pool: number, block: number): number {
    const local = pool - POOL_ID_BASE;
    return (local >> 6) * ARENA_SIZE + (local & 63) * POOL_SIZE + POOL_OVERHEAD + block * CLASS_SIZES[this.szidx[pool]!]!;
  }

  /** `pymalloc_alloc`. */
  private pymallocAlloc(size: number): number {
    this.pymallocBlocks++;
    const pool = this.nextpool[size]!;
    if (pool === size) return this.allocateFromNewPool(size);
    this.refcount[pool]!++;
    const bp = this.freeblock[pool]!;
    const local = pool - POOL_ID_BASE;
    const links = this.blockNext[local >> 6]!;
    const slot = (local & 63) << 10;
    const next = links[slot + bp]!;
    this.freeblock[pool] = next;
    if (next === NIL) this.poolExtend(pool, size, links, slot);
    return this.address(pool, bp);
  }

  /** `pymalloc_pool_extend`: carve the next virgin block, or unlink the now full pool. */
  private poolExtend(pool: number, size: number, links: Int32Array, slot: number): void {
    const v = this.nextoffset[pool]!;
    if (v < CLASS_BLOCKS[size]!) {
      this.freeblock[pool] = v;
      links[slot + v] = NIL;
      this.nextoffset[pool] = v + 1;
      return;
    }
    const next = this.nextpool[pool]!;
    const prev = this.prevpool[pool]!;
    this.prevpool[next] = prev;
    this.nextpool[prev] = next;
  }

  /** `allocate_from_new_pool`. */
  private allocateFromNewPool(size: number): number {
    if (this.usableArenas === NIL) {
      const a = this.newArena();
      this.usableArenas = a;
      this.nextarena[a] = NIL;
      this.prevarena[a] = NIL;
      this.nfp2lasta[this.nfreepools[a]!] = a;
    }
    const ua = this.usableArenas;
    const nf = this.nfreepools[ua]!;
    if (this.nfp2lasta[nf] === ua) this.nfp2lasta[nf] = NIL;
    if (nf > 1) this.nfp2lasta[nf - 1] = ua;

    let pool = this.freepools[ua]!;
    if (pool !== NIL) {
      this.freepools[ua] = this.nextpool[pool]!;
    } else {
      pool = POOL_ID_BASE + ua * MAX_POOLS_IN_ARENA + this.poolAddress[ua]!;
      this.szidx[pool] = DUMMY_SIZE_IDX;
      this.poolAddress[ua]!++;
    }
    this.nfreepools[ua] = nf - 1;
    if (nf - 1 === 0) {
      this.usableArenas = this.nextarena[ua]!;
      if (this.usableArenas !== NIL) this.prevarena[this.usableArenas] = NIL;
    }

    // Link at the front of usedpools[size] (the list is empty here).
    const head = size;
    this.nextpool[pool] = head;
    this.prevpool[pool] = head;
    this.nextpool[head] = pool;
    this.prevpool[head] = pool;
    this.refcount[pool] = 1;
    const arena = ((pool - POOL_ID_BASE) / MAX_POOLS_IN_ARENA) | 0;
    const p = pool - POOL_ID_BASE - arena * MAX_POOLS_IN_ARENA;
    const links = this.blockNext[arena]!;
    const slot = p * 1024;
    if (this.listener?.poolInit) this.listener.poolInit(arena, p, classSize(size));
    if (this.szidx[pool] === size) {
      // An empty pool of the same class: its free list is intact.
      const bp = this.freeblock[pool]!;
      this.freeblock[pool] = links[slot + bp]!;
      return this.address(pool, bp);
    }
    this.szidx[pool] = size;
    this.nextoffset[pool] = 2;
    this.freeblock[pool] = 1;
    links[slot + 1] = NIL;
    return this.address(pool, 0);
  }

  /** `new_arena`: take an arena object (growing the vector 16, 32, 64, …) and map it. */
  private newArena(): number {
    if (this.unusedArenaObjects === NIL) {
      const n = this.maxarenas === 0 ? INITIAL_ARENA_OBJECTS : this.maxarenas * 2;
      this.growArenas(n);
      for (let i = this.maxarenas; i < n; i++) {
        this.arenaLive[i] = 0;
        this.nextarena[i] = i < n - 1 ? i + 1 : NIL;
      }
      this.unusedArenaObjects = this.maxarenas;
      this.maxarenas = n;
    }
    const a = this.unusedArenaObjects;
    this.unusedArenaObjects = this.nextarena[a]!;
    this.arenaLive[a] = 1;
    this.narenasCurrentlyAllocated++;
    this.ntimesArenaAllocated++;
    if (this.narenasCurrentlyAllocated > this.narenasHighwater) this.narenasHighwater = this.narenasCurrentlyAllocated;
    this.freepools[a] = NIL;
    this.poolAddress[a] = 0;
    this.nfreepools[a] = POOLS_PER_ARENA;
    this.ntotalpools[a] = POOLS_PER_ARENA;
    if (this.blockNext[a] === undefined) this.blockNext[a] = new Int32Array(MAX_POOLS_IN_ARENA * 1024);
    // A fresh mapping has no pool history.
    const base = POOL_ID_BASE + a * MAX_POOLS_IN_ARENA;
    this.szidx.fill(DUMMY_SIZE_IDX, base, base + MAX_POOLS_IN_ARENA);
    if (this.listener?.arenaNew) this.listener.arenaNew(a);
    return a;
  }

  private growArenas(n: number): void {
    const grow32 = (a: Int32Array, fill = 0) => {
      const b = new Int32Array(n).fill(fill);
      b.set(a);
      return b;
    };
    const live = new Uint8Array(n);
    live.set(this.arenaLive);
    this.arenaLive = live;
    this.nfreepools = grow32(this.nfreepools);
    this.ntotalpools = grow32(this.ntotalpools);
    this.poolAddress = grow32(this.poolAddress);
    this.freepools = grow32(this.freepools, NIL);
    this.nextarena = grow32(this.nextarena, NIL);
    this.prevarena = grow32(this.prevarena, NIL);
    const pools = POOL_ID_BASE + n * MAX_POOLS_IN_ARENA;
    const sz = new Int16Array(pools).fill(DUMMY_SIZE_IDX);
    sz.set(this.szidx);
    this.szidx = sz;
    const growPool = (a: Int32Array, fill = 0) => {
      const b = new Int32Array(pools).fill(fill);
      b.set(a);
      return b;
    };
    this.refcount = growPool(this.refcount);
    this.freeblock = growPool(this.freeblock, NIL);
    this.nextoffset = growPool(this.nextoffset);
    this.nextpool = growPool(this.nextpool);
    this.prevpool = growPool(this.prevpool);
  }

  /** `pymalloc_free`. */
  private pymallocFree(addr: number): void {
    const arena = Math.floor(addr / ARENA_SIZE);
    const within = addr - arena * ARENA_SIZE;
    const p = within >> POOL_BITS;
    const pool = POOL_ID_BASE + (arena << 6) + p;
    if (arena >= this.maxarenas || this.arenaLive[arena] === 0 || this.refcount[pool]! <= 0) {
      throw new Error(`free of an address pymalloc does not own: ${addr}`);
    }
    const block = (((within & (POOL_SIZE - 1)) - POOL_OVERHEAD) / CLASS_SIZES[this.szidx[pool]!]!) | 0;
    const links = this.blockNext[arena]!;
    const lastfree = this.freeblock[pool]!;
    links[(p << 10) + block] = lastfree;
    this.freeblock[pool] = block;
    this.pymallocBlocks--;
    const count = --this.refcount[pool]!;
    if (lastfree === NIL) {
      // The pool was full: back at the front of usedpools (`insert_to_usedpool`).
      const head = this.szidx[pool]!;
      const next = this.nextpool[head]!;
      const prev = this.prevpool[next]!;
      this.nextpool[pool] = next;
      this.prevpool[pool] = prev;
      this.prevpool[next] = pool;
      this.nextpool[prev] = pool;
      return;
    }
    if (count !== 0) return;
    this.insertToFreepool(pool, arena, p);
  }

  /** `insert_to_freepool`: the pool is empty; keep `usable_arenas` sorted, maybe unmap the arena. */
  private insertToFreepool(pool: number, ao: number, p: number): void {
    const next = this.nextpool[pool]!;
    const prev = this.prevpool[pool]!;
    this.prevpool[next] = prev;
    this.nextpool[prev] = next;
    this.nextpool[pool] = this.freepools[ao]!;
    this.freepools[ao] = pool;
    if (this.listener?.poolEmpty) this.listener.poolEmpty(ao, p);

    let nf = this.nfreepools[ao]!;
    const lastnf = this.nfp2lasta[nf]!;
    if (lastnf === ao) {
      const pa = this.prevarena[ao]!;
      this.nfp2lasta[nf] = pa !== NIL && this.nfreepools[pa] === nf ? pa : NIL;
    }
    this.nfreepools[ao] = ++nf;

    if (nf === this.ntotalpools[ao] && this.nextarena[ao] !== NIL) {
      // Wholly free and not the last usable arena: unmap it.
      const pa = this.prevarena[ao]!;
      const na = this.nextarena[ao]!;
      if (pa === NIL) this.usableArenas = na;
      else this.nextarena[pa] = na;
      if (na !== NIL) this.prevarena[na] = pa;
      this.nextarena[ao] = this.unusedArenaObjects;
      this.unusedArenaObjects = ao;
      this.arenaLive[ao] = 0;
      this.narenasCurrentlyAllocated--;
      if (this.listener?.arenaFree) this.listener.arenaFree(ao);
      return;
    }
    if (nf === 1) {
      // It had no free pool, so it was not in usable_arenas: put it at the front.
      this.nextarena[ao] = this.usableArenas;
      this.prevarena[ao] = NIL;
      if (this.usableArenas !== NIL) this.prevarena[this.usableArenas] = ao;
      this.usableArenas = ao;
      if (this.nfp2lasta[1] === NIL) this.nfp2lasta[1] = ao;
      return;
    }
    if (this.nfp2lasta[nf] === NIL) this.nfp2lasta[nf] = ao;
    if (ao === lastnf) return;
    // Slide it right, to just after the last arena that had nf - 1 free pools.
    const pa = this.prevarena[ao]!;
    const na = this.nextarena[ao]!;
    if (pa !== NIL) this.nextarena[pa] = na;
    else this.usableArenas = na;
    this.prevarena[na] = pa;
    this.prevarena[ao] = lastnf;
    this.nextarena[ao] = this.nextarena[lastnf]!;
    if (this.nextarena[ao] !== NIL) this.prevarena[this.nextarena[ao]!] = ao;
    this.nextarena[lastnf] = ao;
  }

  // ------------------------------------------------------------------------------------------
  // raw allocator

  private rawMalloc(nbytes: number): number {
    this.rawAllocatedBlocks++;
    return this.rawMallocNoCount(nbytes);
  }

  private rawMallocNoCount(nbytes: number): number {
    const r = roundRaw(nbytes);
    const stack = this.rawFree.get(r);
    let addr: number;
    if (stack !== undefined && stack.length > 0) addr = stack.pop()!;
    else {
      addr = RAW_BASE + this.rawCursor;
      this.rawCursor += r;
    }
    this.rawSize.set(addr, nbytes);
    this.rawBytes += nbytes;
    return addr;
  }

  private rawFreeBlock(addr: number): void {
    this.rawAllocatedBlocks--;
    this.rawFreeNoCount(addr);
  }

  private rawFreeNoCount(addr: number): void {
    const n = this.rawSize.get(addr);
    if (n === undefined) throw new Error(`free of an unknown raw address ${addr}`);
    this.rawSize.delete(addr);
    this.rawBytes -= n;
    const r = roundRaw(n);
    let stack = this.rawFree.get(r);
    if (stack === undefined) this.rawFree.set(r, (stack = []));
    stack.push(addr);
  }

  // ------------------------------------------------------------------------------------------
  // statistics

  /** The `_debugmallocstats()` summary (walks every pool of every live arena). */
  stats(): PymallocStats {
    const numpools = new Array<number>(NB_SMALL_SIZE_CLASSES).fill(0);
    const numblocks = new Array<number>(NB_SMALL_SIZE_CLASSES).fill(0);
    const numfree = new Array<number>(NB_SMALL_SIZE_CLASSES).fill(0);
    let narenas = 0;
    let unusedPools = 0;
    let full = 0;
    let used = 0;
    let empty = 0;
    for (let a = 0; a < this.maxarenas; a++) {
      if (this.arenaLive[a] === 0) continue;
      narenas++;
      unusedPools += this.nfreepools[a]!;
      for (let p = 0; p < this.poolAddress[a]!; p++) {
        const id = POOL_ID_BASE + a * MAX_POOLS_IN_ARENA + p;
        const c = this.refcount[id]!;
        if (c === 0) {
          empty++;
          continue;
        }
        const sz = this.szidx[id]!;
        numpools[sz]!++;
        numblocks[sz]! += c;
        const f = blocksPerPool(sz) - c;
        numfree[sz]! += f;
        if (f === 0) full++;
        else used++;
      }
    }
    const classes: SizeClassStats[] = [];
    let allocated = 0;
    let available = 0;
    let headers = 0;
    let quantization = 0;
    for (let i = 0; i < NB_SMALL_SIZE_CLASSES; i++) {
      if (numpools[i] === 0) continue;
      const size = classSize(i);
      classes.push({ sizeClass: i, size, pools: numpools[i]!, blocksInUse: numblocks[i]!, availBlocks: numfree[i]! });
      allocated += numblocks[i]! * size;
      available += numfree[i]! * size;
      headers += numpools[i]! * POOL_OVERHEAD;
      quantization += numpools[i]! * ((POOL_SIZE - POOL_OVERHEAD) % size);
    }
    return {
      classes,
      arenasAllocatedTotal: this.ntimesArenaAllocated,
      arenasReclaimed: this.ntimesArenaAllocated - narenas,
      arenasHighwater: this.narenasHighwater,
      arenasAllocatedCurrent: narenas,
      bytesInAllocatedBlocks: allocated,
      bytesInAvailableBlocks: available,
      unusedPools,
      bytesLostToPoolHeaders: headers,
      bytesLostToQuantization: quantization,
      bytesLostToArenaAlignment: narenas * (MAX_POOLS_IN_ARENA - POOLS_PER_ARENA) * POOL_SIZE,
      usedPools: used,
      fullPools: full,
      emptyPools: empty,
      allocatedBlocks: this.allocatedBlocks,
      rawBlocks: this.rawAllocatedBlocks,
      rawBytes: this.rawBytes,
    };
  }
}

/** glibc-like size rounding used to pick a raw free list (16-byte granules, at least 16). */
function roundRaw(n: number): number {
  return Math.max(16, (n + 15) & ~15);
}
