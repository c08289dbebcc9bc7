import { describe, expect, it } from 'vitest';
import { FreeLists, Pymalloc } from '../../packages/engine/src/memory/index.js';
import { hasPython311, runPython, skipMessage } from './python.js';

/** Free a batch of objects of one kind into the free lists; the rest go back to pymalloc. */
function kill(fl: FreeLists, m: Pymalloc, kind: 'float' | 'list' | 'dict' | 'tuple1' | 'tuple20', n: number): void {
  const size = { float: 24, list: 56, dict: 64, tuple1: 48, tuple20: 200 }[kind];
  const addrs = Array.from({ length: n }, () => m.malloc(size));
  for (const a of addrs) {
    const kept = kind === 'tuple1' ? fl.giveTuple(1, a) : kind === 'tuple20' ? fl.giveTuple(20, a) : fl[kind].give(a);
    if (!kept) m.free(a);
  }
}

describe('free lists', () => {
  it('hands back the most recently freed address and respects capacities', () => {
    const fl = new FreeLists();
    expect(fl.float.take()).toBe(-1);
    fl.float.give(100);
    fl.float.give(200);
    expect(fl.float.take()).toBe(200);
    expect(fl.float.take()).toBe(100);
    for (let i = 0; i < 150; i++) fl.list.give(i);
    expect(fl.list.size).toBe(80);
    expect(fl.slice.give(1)).toBe(true);
    expect(fl.slice.give(2)).toBe(false);
  });

  it('pushes 20-tuples but never pops them', () => {
    const fl = new FreeLists();
    expect(fl.giveTuple(20, 1000)).toBe(true);
    expect(fl.takeTuple(20)).toBe(-1);
    expect(fl.giveTuple(19, 2000)).toBe(true);
    expect(fl.takeTuple(19)).toBe(2000);
    expect(fl.giveTuple(21, 3000)).toBe(false);
    expect(fl.giveTuple(0, 4000)).toBe(false);
  });

  it('keeps only 8-slot str-only keys objects', () => {
    const fl = new FreeLists();
    expect(fl.giveDictKeys(3, false, 1)).toBe(false);
    expect(fl.giveDictKeys(4, true, 1)).toBe(false);
    expect(fl.giveDictKeys(3, true, 1)).toBe(true);
    expect(fl.takeDictKeys(3, false)).toBe(-1);
    expect(fl.takeDictKeys(3, true)).toBe(1);
  });

  it('empties everything but the slice cache on a full collection, in clear_freelists order', () => {
    const fl = new FreeLists();
    fl.giveTuple(2, 10);
    fl.giveTuple(1, 11);
    fl.float.give(20);
    fl.float.give(21);
    fl.list.give(30);
    fl.dict.give(40);
    fl.dictKeys.give(50);
    fl.slice.give(60);
    const log: string[] = [];
    fl.clear({ gcDel: (a) => log.push(`gc ${a}`), free: (a) => log.push(`free ${a}`) });
    expect(log).toEqual(['gc 11', 'gc 10', 'free 21', 'free 20', 'gc 30', 'gc 40', 'free 50']);
    expect(fl.slice.size).toBe(1);
  });

  it.skipIf(!hasPython311)(`matches _debugmallocstats free-list counts (${hasPython311 ? 'oracle' : skipMessage})`, () => {
    const got = runPython<number[][]>(`
import gc, sys, re, os, json
def counts():
    r, w = os.pipe(); e = os.dup(2); os.dup2(w, 2); sys._debugmallocstats(); os.dup2(e, 2); os.close(w)
    out = os.read(r, 1 << 20).decode(); os.close(r)
    pat = [r'(\\d+) free PyDictObjects', r'(\\d+) free PyFloatObjects', r'(\\d+) free PyListObjects',
           r'(\\d+) free 1-sized PyTupleObjects', r'(\\d+) free 20-sized PyTupleObjects']
    return [int(re.search(p, out).group(1)) for p in pat]
gc.disable()
gc.collect()
x = [float(i) + .5 for i in range(1000)]; l = [[] for _ in range(200)]; d = [{} for _ in range(200)]
t = [(i,) for i in range(3000)]; t20 = [tuple(range(i, i + 20)) for i in range(50)]
del x, l, d, t, t20
a = counts()
gc.collect()
print(json.dumps([a, counts()]))`);
    const fl = new FreeLists();
    const m = new Pymalloc();
    kill(fl, m, 'float', 1000);
    kill(fl, m, 'list', 200);
    kill(fl, m, 'dict', 200);
    kill(fl, m, 'tuple1', 3000);
    kill(fl, m, 'tuple20', 50);
    const ours = () => [fl.dict.size, fl.float.size, fl.list.size, fl.tuple[0]!.size, fl.tuple[19]!.size];
    const before = ours();
    fl.clear({ gcDel: (a) => m.free(a), free: (a) => m.free(a) });
    expect([before, ours()]).toEqual(got);
    expect(m.allocatedBlocks).toBe(0);
  });
});
