import { describe, expect, it } from 'vitest';
import { DictKind, ObjectAllocator, RAW_BASE, STATIC_BASE, staticAddress } from '../../packages/engine/src/memory/index.js';
import { hasPython311, runPython, skipMessage } from './python.js';

describe('object allocator', () => {
  it('recycles a freed float at the same address (id reuse) without touching pymalloc', () => {
    const a = new ObjectAllocator();
    const f = a.allocFloat();
    expect(a.recycled).toBe(false);
    a.freeFloat(f);
    expect(a.parked).toBe(true);
    const blocks = a.pymalloc.allocatedBlocks;
    expect(a.allocFloat()).toBe(f);
    expect(a.recycled).toBe(true);
    expect(a.pymalloc.allocatedBlocks).toBe(blocks);
  });

  it('never reuses 20-tuples but parks them', () => {
    const a = new ObjectAllocator();
    const t = a.allocTuple(20);
    a.freeTuple(20, t);
    expect(a.parked).toBe(true);
    const u = a.allocTuple(20);
    expect(a.recycled).toBe(false);
    expect(u).not.toBe(t);
    const s = a.allocTuple(19);
    a.freeTuple(19, s);
    expect(a.allocTuple(19)).toBe(s);
  });

  it('frees everything parked on a full collection and reports the GC deletions', () => {
    const a = new ObjectAllocator();
    const xs = [a.allocList(), a.allocDict(), a.allocTuple(3), a.allocFloat(), a.allocDictKeys(3, DictKind.Unicode)];
    a.freeList(xs[0]!);
    a.freeDict(xs[1]!);
    a.freeTuple(3, xs[2]!);
    a.freeFloat(xs[3]!);
    a.freeDictKeys(xs[4]!, 3, DictKind.Unicode);
    expect(a.pymalloc.allocatedBlocks).toBe(5);
    expect(a.clearFreeLists()).toBe(3);
    expect(a.pymalloc.allocatedBlocks).toBe(0);
  });

  it('keeps general and large keys objects off the free list', () => {
    const a = new ObjectAllocator();
    const k = a.allocDictKeys(3, DictKind.General);
    a.freeDictKeys(k, 3, DictKind.General);
    expect(a.parked).toBe(false);
    const big = a.allocDictKeys(7, DictKind.Unicode); // 32 + 128 + 85 * 16 = 1520 bytes: raw
    expect(big).toBeGreaterThanOrEqual(RAW_BASE);
    expect(staticAddress(3)).toBe(STATIC_BASE + 192);
  });

  it.skipIf(!hasPython311)(`agrees with python3 on id() reuse through free lists (${hasPython311 ? 'oracle' : skipMessage})`, () => {
    const got = runPython<boolean[]>(`import json
f = float('1.5'); i = id(f); del f
a = id(float('2.5')) == i
t = tuple(range(19)); i = id(t); del t
b = id(tuple(range(5, 24))) == i
print(json.dumps([a, b]))`);
    const a = new ObjectAllocator();
    const f = a.allocFloat();
    a.freeFloat(f);
    const t = a.allocTuple(19);
    a.freeTuple(19, t);
    expect([a.allocFloat() === f, a.allocTuple(19) === t]).toEqual(got);
  });
});
