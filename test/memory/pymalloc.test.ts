import { describe, expect, it } from 'vitest';
import {
  ARENA_SIZE, POOL_OVERHEAD, POOL_SIZE, POOLS_PER_ARENA, Pymalloc, RAW_BASE, blocksPerPool, sizeClass,
} from '../../packages/engine/src/memory/index.js';
import { hasPython311, runPython, skipMessage } from './python.js';

const addr = (arena: number, pool: number, block: number, size: number) =>
  arena * ARENA_SIZE + pool * POOL_SIZE + POOL_OVERHEAD + block * size;

describe('pymalloc', () => {
  it('carves blocks lazily from the bottom of a pool and reuses freed ones LIFO', () => {
    const m = new Pymalloc();
    const a = m.malloc(16);
    const b = m.malloc(10);
    const c = m.malloc(16);
    expect([a, b, c]).toEqual([addr(0, 0, 0, 16), addr(0, 0, 1, 16), addr(0, 0, 2, 16)]);
    m.free(b);
    m.free(a);
    expect(m.malloc(16)).toBe(a);
    expect(m.malloc(16)).toBe(b);
    expect(m.malloc(16)).toBe(addr(0, 0, 3, 16));
    // Another size class takes the next pool of the same arena.
    expect(m.malloc(24)).toBe(addr(0, 1, 0, 32));
    expect(m.allocatedBlocks).toBe(5);
  });

  it('fills pools, moves to the next pool and the next arena', () => {
    const m = new Pymalloc();
    const per = blocksPerPool(sizeClass(512));
    expect(per).toBe(31);
    const all: number[] = [];
    for (let i = 0; i < per * POOLS_PER_ARENA + 1; i++) all.push(m.malloc(512));
    expect(all[per - 1]).toBe(addr(0, 0, per - 1, 512));
    expect(all[per]).toBe(addr(0, 1, 0, 512));
    expect(all[per * POOLS_PER_ARENA]).toBe(addr(1, 0, 0, 512));
    const s = m.stats();
    expect(s.arenasAllocatedCurrent).toBe(2);
    expect(s.fullPools).toBe(POOLS_PER_ARENA);
    expect(s.usedPools).toBe(1);
    expect(s.unusedPools).toBe(POOLS_PER_ARENA - 1);
    expect(s.bytesLostToQuantization).toBe((POOL_SIZE - POOL_OVERHEAD) % 512 * (POOLS_PER_ARENA + 1));
    // A block freed from a full pool puts that pool at the front of usedpools.
    m.free(all[5]!);
    expect(m.malloc(512)).toBe(all[5]);
  });

  it('keeps the last wholly free arena and unmaps the others (bpo-37257)', () => {
    const events: string[] = [];
    const m = new Pymalloc({
      arenaNew: (a) => events.push(`new ${a}`),
      arenaFree: (a) => events.push(`free ${a}`),
    });
    const per = blocksPerPool(sizeClass(512)) * POOLS_PER_ARENA;
    const blocks: number[] = [];
    for (let i = 0; i < per * 3; i++) blocks.push(m.malloc(512));
    expect(events).toEqual(['new 0', 'new 1', 'new 2']);
    for (const b of blocks) m.free(b);
    // Arena 0 empties first while it is the only usable arena: kept. Arenas 1 and 2 then enter
    // usable_arenas in front of it, so when they empty they are not last: unmapped.
    expect(events).toEqual(['new 0', 'new 1', 'new 2', 'free 1', 'free 2']);
    expect(m.arenas).toBe(1);
    expect(m.stats()).toMatchObject({ arenasAllocatedTotal: 3, arenasReclaimed: 2, arenasHighwater: 3, emptyPools: POOLS_PER_ARENA });
    // Arena objects are reused LIFO: the next new arena is number 2.
    for (let i = 0; i < per * 2; i++) m.malloc(512);
    expect(events.slice(5)).toEqual(['new 2']);
  });

  it('takes new pools from the most used arena (usable_arenas sorted by free pools)', () => {
    const m = new Pymalloc();
    const per = blocksPerPool(sizeClass(512));
    const arena0: number[] = [];
    for (let i = 0; i < per * POOLS_PER_ARENA; i++) arena0.push(m.malloc(512));
    const arena1: number[] = [];
    for (let i = 0; i < per * 10; i++) arena1.push(m.malloc(512)); // arena 1: 10 pools used
    // Empty 20 pools of arena 0: it now has 20 free pools, arena 1 has 53.
    for (let i = 0; i < per * 20; i++) m.free(arena0[i]!);
    // The next pool of another size class comes from arena 0 (fewer free pools), and empty
    // pools are reused most recently emptied first.
    expect(Pymalloc.arenaOf(m.malloc(16))).toBe(0);
    expect(Pymalloc.poolOf(m.malloc(32))).toBe(18);
  });

  it('reuses an empty pool of the same class with its free list intact', () => {
    const m = new Pymalloc();
    const xs = [m.malloc(48), m.malloc(48), m.malloc(48)];
    const filler = m.malloc(500); // keeps the arena alive
    for (const x of xs) m.free(x);
    expect(m.stats().emptyPools).toBe(1);
    expect(m.malloc(48)).toBe(xs[2]);
    expect(m.malloc(48)).toBe(xs[1]);
    m.free(filler);
  });

  it('reallocs in place only when the new size fits and keeps > 3/4 of the block', () => {
    const m = new Pymalloc();
    const a = m.malloc(100); // 112-byte block
    expect(m.realloc(a, 112)).toBe(a);
    expect(m.realloc(a, 85)).toBe(a);
    const b = m.realloc(a, 84); // shrinks to an 96-byte block
    expect(b).not.toBe(a);
    expect(m.blockSize(b)).toBe(96);
    const c = m.realloc(b, 600); // to the raw allocator
    expect(c).toBeGreaterThanOrEqual(RAW_BASE);
    expect(m.realloc(c, 100)).toBeGreaterThanOrEqual(RAW_BASE); // stays raw
    expect(m.allocatedBlocks).toBe(1);
  });

  it('gives raw blocks deterministic addresses reused per size', () => {
    const m = new Pymalloc();
    const a = m.malloc(1000);
    const z = m.malloc(0);
    const b = m.malloc(2000);
    expect([a, z, b]).toEqual([RAW_BASE, RAW_BASE + 1008, RAW_BASE + 1024]);
    m.free(a);
    expect(m.malloc(1001)).toBe(a);
    expect(m.stats()).toMatchObject({ rawBlocks: 3, allocatedBlocks: 3 });
  });

  it('pins arenas with one live block in a thousand (memory-model §6.4)', () => {
    const m = new Pymalloc();
    const xs: number[] = [];
    for (let i = 0; i < 1_000_000; i++) xs.push(m.malloc(24));
    const pools = Math.ceil(1_000_000 / blocksPerPool(sizeClass(24)));
    expect(m.arenas).toBe(Math.ceil(pools / POOLS_PER_ARENA));
    const peak = m.arenas;
    for (let i = 0; i < xs.length; i++) if (i % 1000 !== 0) m.free(xs[i]!);
    expect(m.arenas).toBe(peak);
    for (let i = 0; i < xs.length; i += 1000) m.free(xs[i]!);
    expect(m.arenas).toBe(1);
    expect(m.allocatedBlocks).toBe(0);
  });

  it('keeps its invariants through random malloc/realloc/free sequences', () => {
    let seed = 12345;
    const r = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 4294967296);
    const m = new Pymalloc();
    const live = new Map<number, number>(); // address -> requested size
    const order: number[] = []; // live addresses, for picking one at random
    let duplicates = 0;
    let badSizes = 0;
    const removeAt = (i: number) => {
      order[i] = order[order.length - 1]!;
      order.pop();
    };
    for (let step = 0; step < 200_000; step++) {
      const x = r();
      // Phases of growth and shrinkage so pools and arenas are both created and released.
      const growing = Math.floor(step / 25_000) % 2 === 0;
      if (x < (growing ? 0.6 : 0.3) || live.size === 0) {
        const n = r() < 0.02 ? 513 + Math.floor(r() * 4000) : 1 + Math.floor(r() * 512);
        const a = m.malloc(n);
        if (live.has(a)) duplicates++;
        live.set(a, n);
        order.push(a);
      } else {
        const i = Math.floor(r() * order.length);
        const a = order[i]!;
        removeAt(i);
        live.delete(a);
        if (r() < 0.1) {
          const n = 1 + Math.floor(r() * 600);
          const b = m.realloc(a, n);
          if (live.has(b)) duplicates++;
          live.set(b, n);
          order.push(b);
        } else {
          m.free(a);
        }
      }
      if (step % 5000 === 0) {
        const st = m.stats();
        expect(st.allocatedBlocks).toBe(live.size);
        // _debugmallocstats' own consistency check: the pieces add up to the mapped arenas.
        const total = st.bytesInAllocatedBlocks + st.bytesInAvailableBlocks + st.unusedPools * POOL_SIZE +
          st.bytesLostToPoolHeaders + st.bytesLostToQuantization + st.bytesLostToArenaAlignment;
        expect(total).toBe(st.arenasAllocatedCurrent * ARENA_SIZE);
        // Every live pymalloc block holds its request (a block realloc'd in place may be larger
        // than the request's own class, but by less than a quarter).
        for (const [a, n] of live) {
          if (a >= RAW_BASE) continue;
          const size = m.blockSize(a);
          if (!(size >= n && 4 * n > 3 * size - 48)) badSizes++;
        }
      }
    }
    expect([duplicates, badSizes]).toEqual([0, 0]);
    for (const a of live.keys()) m.free(a);
    expect(m.allocatedBlocks).toBe(0);
    expect(m.arenas).toBeLessThanOrEqual(1);
  });

  it.skipIf(!hasPython311)(`matches _debugmallocstats deltas for one size class (${hasPython311 ? 'oracle' : skipMessage})`, () => {
    const rows = runPython<Array<[number, number, number[], number[]]>>(`
import sys, re, os, json
def stats():
    r, w = os.pipe(); e = os.dup(2); os.dup2(w, 2); sys._debugmallocstats(); os.dup2(e, 2); os.close(w)
    out = os.read(r, 1 << 20).decode(); os.close(r)
    rows = {}
    for m in re.finditer(r'^\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)$', out, re.M):
        rows[int(m.group(2))] = [int(m.group(3)), int(m.group(4)), int(m.group(5))]
    return rows
res = []
for n, count in ((200, 3000), (300, 2000), (450, 1000), (200, 10)):
    size = ((33 + n + 15) // 16) * 16
    a = stats().get(size, [0, 0, 0])
    keep = [bytes(n) for _ in range(count)]
    b = stats()[size]
    res.append([33 + n, count, a, b])
    del keep
print(json.dumps(res))`);
    for (const [request, count, before, after] of rows) {
      const m = new Pymalloc();
      // Recreate the "before" state: `pools` pools of this class with `avail` free blocks.
      const [pools, , avail] = before as [number, number, number];
      const per = blocksPerPool(sizeClass(request));
      const blocks: number[] = [];
      for (let i = 0; i < pools * per; i++) blocks.push(m.malloc(request));
      for (let i = 0; i < avail; i++) m.free(blocks[(i % pools) * per + Math.floor(i / pools)]!);
      for (let i = 0; i < count; i++) m.malloc(request);
      const row = m.stats().classes.find((c) => c.size === ((request + 15) & ~15))!;
      expect([row.pools, row.blocksInUse - (pools * per - avail) + before[1]!, row.availBlocks]).toEqual(after);
    }
  });
});
