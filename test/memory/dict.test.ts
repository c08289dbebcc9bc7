import { describe, expect, it } from 'vitest';
import {
  DictTable, SharedKeys, calculateLog2KeySize, odictSize, dictKeysBytes, DictKind, valuesArrayBytes,
} from '../../packages/engine/src/memory/index.js';
import { hasPython311, runPython, skipMessage } from './python.js';

/** (python statements leaving the dict in `d`, our predicted getsizeof). */
const cases: Array<[string, number]> = [];
const add = (code: string, ours: number) => cases.push([code, ours]);

function inserts(d: DictTable, n: number, str: boolean | ((i: number) => boolean)): DictTable {
  for (let i = 0; i < n; i++) d.insert(typeof str === 'boolean' ? str : str(i));
  return d;
}

for (let n = 0; n <= 100; n += n < 25 ? 1 : 7) {
  add(`d = {}\nfor i in range(${n}): d['k%d' % i] = i`, inserts(DictTable.empty(), n, true).sizeof());
  add(`d = {i: i for i in range(${n})}`, inserts(DictTable.empty(), n, false).sizeof());
  // Delete everything then refill: no shrink, resize on exhaustion by 3*used.
  const t = inserts(DictTable.empty(), n, false);
  for (let i = 0; i < n; i++) t.delete();
  inserts(t, 3, false);
  add(`d = {i: i for i in range(${n})}\nfor i in range(${n}): del d[i]\nfor i in range(3): d[-1 - i] = i`, t.sizeof());
  // Copies: d.copy(), dict(d), {**d}.
  const src = inserts(DictTable.empty(), n, false);
  add(`s = {i: i for i in range(${n})}\nd = s.copy()`, src.copy().sizeof());
  const viaMerge = DictTable.empty();
  if (!viaMerge.mergeBegin(src)) inserts(viaMerge, n, false);
  add(`s = {i: i for i in range(${n})}\nd = dict(s)`, viaMerge.sizeof());
  add(`s = {i: i for i in range(${n})}\nd = {**s}`, viaMerge.sizeof());
  // A copy of a dict with deletions.
  const holes = inserts(DictTable.empty(), n, true);
  for (let i = 0; i < n >> 1; i++) holes.delete();
  add(`d0 = {'k%d' % i: i for i in range(${n})}\nfor i in range(${n >> 1}): del d0['k%d' % i]\nd = d0.copy()`, holes.copy().sizeof());
  const holesMerged = DictTable.empty();
  if (!holesMerged.mergeBegin(holes)) inserts(holesMerged, holes.used, true);
  add(`d0 = {'k%d' % i: i for i in range(${n})}\nfor i in range(${n >> 1}): del d0['k%d' % i]\nd = dict(d0)`, holesMerged.sizeof());
  // fromkeys of a set (presized, general), a dict (presized, its kind), a range (plain inserts).
  if (n > 0) {
    add(`d = dict.fromkeys(set(range(${n})))`, inserts(DictTable.fromKeysPresized(n, false), n, false).sizeof());
    add(`d = dict.fromkeys({'k%d' % i: 0 for i in range(${n})})`, inserts(DictTable.fromKeysPresized(n, true), n, true).sizeof());
  }
  add(`d = dict.fromkeys(range(${n}))`, inserts(DictTable.empty(), n, false).sizeof());
  // update() of a non-empty dict by another.
  const u = inserts(DictTable.empty(), 3, true);
  const other = inserts(DictTable.empty(), n, true);
  if (!u.mergeBegin(other)) inserts(u, n, true);
  add(`d = {'a': 1, 'b': 2, 'c': 3}\nd.update({'k%d' % i: i for i in range(${n})})`, u.sizeof());
}

// Displays: BUILD_MAP n / BUILD_CONST_KEY_MAP (presized) up to 15 items, MAP_ADD growth beyond.
for (let n = 1; n <= 20; n++) {
  const strKeys = Array.from({ length: n }, (_, i) => `'k${i}': x`).join(', ');
  const intKeys = Array.from({ length: n }, (_, i) => `${i}: x`).join(', ');
  const pre = (unicode: boolean) => (n <= 15 ? DictTable.presized(n, unicode) : DictTable.empty());
  add(`x = 1\nd = {${strKeys}}`, inserts(pre(true), n, true).sizeof());
  add(`x = 1\nd = {${intKeys}}`, inserts(pre(false), n, false).sizeof());
}

// Mixed key kinds: a str-only table meeting a non-str key is rebuilt as a general one.
for (let n = 1; n <= 12; n++) {
  const d = inserts(DictTable.empty(), n, true);
  d.insert(false);
  add(`d = {}\nfor i in range(${n}): d['k%d' % i] = i\nd[0] = 0`, d.sizeof());
}
{
  const d = inserts(DictTable.empty(), 20, true);
  d.clear();
  add(`d = {'k%d' % i: i for i in range(20)}\nd.clear()`, d.sizeof());
  const p = inserts(DictTable.empty(), 5, true);
  p.popitem(3);
  p.insert(true);
  p.insert(true);
  add(`d = {'k%d' % i: i for i in range(5)}\nd.popitem()\nd['x'] = 1\nd['y'] = 2`, p.sizeof());
}

// Instance dicts through the class's shared keys.
const instanceCases: Array<[string, number[]]> = [];
{
  const sk = new SharedKeys();
  const sizes: number[] = [];
  for (let i = 0; i < 40; i++) {
    sk.newInstance();
    sk.store('a');
    sk.store('b');
    sizes.push(sk.dictSize());
  }
  instanceCases.push(['class C: pass\nout = []\nfor i in range(40):\n    o = C(); o.a = 1; o.b = 2; out.append(sys.getsizeof(o.__dict__))', sizes]);
}
{
  // One instance with 40 attributes: the 31st name no longer fits; the dict materialises and
  // overflows into a combined 128-slot table.
  const sk = new SharedKeys();
  const size = sk.newInstance();
  let dict: DictTable | null = null;
  const sizes: number[] = [];
  for (let i = 0; i < 40; i++) {
    if (dict === null) {
      if (sk.store(`a${i}`) < 0) {
        dict = DictTable.fromInstance(sk, size, i);
        dict.insert(true);
      }
    } else dict.insert(true);
    sizes.push(dict === null ? sk.dictSize() : dict.sizeof());
  }
  instanceCases.push(["class C: pass\no = C()\nout = []\nfor i in range(40):\n    setattr(o, 'a%d' % i, i); out.append(sys.getsizeof(o.__dict__))", sizes]);
}

{
  // Materialise the first instance's __dict__, then add names through the dict: they join the
  // class's shared keys, which the next instance's dict then reports.
  const sk = new SharedKeys();
  const n1 = sk.newInstance();
  sk.store('a');
  const d1 = DictTable.fromInstance(sk, n1, 1);
  const sizes: number[] = [d1.sizeof()];
  for (const name of ['b', 'c', 'd']) {
    d1.insert(true);
    sk.noteAddedByDict(name);
    sizes.push(d1.sizeof());
  }
  const n2 = sk.newInstance();
  sk.store('a');
  sk.store('e');
  const d2 = DictTable.fromInstance(sk, n2, 2);
  sizes.push(d2.sizeof(), d1.sizeof(), d1.copy().sizeof());
  const viaMerge = DictTable.empty();
  if (!viaMerge.mergeBegin(d1)) inserts(viaMerge, d1.used, true);
  sizes.push(viaMerge.sizeof());
  d1.delete();
  sizes.push(d1.sizeof());
  d1.popitem(0);
  sizes.push(d1.sizeof());
  d2.insert(false);
  sizes.push(d2.sizeof());
  instanceCases.push([`class C: pass
o = C(); o.a = 1
d1 = o.__dict__
out = [sys.getsizeof(d1)]
for name in 'bcd':
    setattr(o, name, 1); out.append(sys.getsizeof(d1))
p = C(); p.a = 1; p.e = 2
d2 = p.__dict__
out += [sys.getsizeof(d2), sys.getsizeof(d1), sys.getsizeof(d1.copy()), sys.getsizeof(dict(d1))]
del o.b
out.append(sys.getsizeof(d1))
d1.popitem()
out.append(sys.getsizeof(d1))
d2[1] = 1
out.append(sys.getsizeof(d2))`, sizes]);
}

describe('dict tables', () => {
  it('computes key-table sizes from dictobject.c', () => {
    expect(calculateLog2KeySize(0)).toBe(3);
    expect(calculateLog2KeySize(8)).toBe(3);
    expect(calculateLog2KeySize(1)).toBe(4);
    expect(calculateLog2KeySize(16)).toBe(5);
    expect(dictKeysBytes(3, DictKind.Unicode)).toBe(32 + 8 + 5 * 16);
    expect(dictKeysBytes(8, DictKind.General)).toBe(32 + 512 + 170 * 24);
    expect(valuesArrayBytes(29)).toBe(32 + 29 * 8);
    expect(inserts(DictTable.empty(), 5, true).sizeof()).toBe(184);
    expect(inserts(DictTable.empty(), 1, false).sizeof()).toBe(224);
  });

  it('keeps the class-wide attribute order in the shared keys', () => {
    const sk = new SharedKeys();
    sk.newInstance();
    sk.store('x');
    sk.store('y');
    sk.newInstance();
    sk.store('z');
    sk.store('x');
    expect(sk.order).toEqual(['x', 'y', 'z']);
    expect(sk.indexOf('z')).toBe(2);
  });

  it.skipIf(!hasPython311)(`matches python3 on ${cases.length} dict histories (${hasPython311 ? 'oracle' : skipMessage})`, () => {
    const code = `import sys, json
out = []
for src in ${JSON.stringify(cases.map(([c]) => c))}:
    g = {}
    exec(src, g)
    out.append(sys.getsizeof(g['d']))
print(json.dumps(out))`;
    const got = runPython<number[]>(code);
    expect(cases.map(([c], i) => `${c} -> ${got[i]}`)).toEqual(cases.map(([c, s]) => `${c} -> ${s}`));
  });

  it.skipIf(!hasPython311)('matches python3 for OrderedDict', () => {
    const got = runPython<number[][]>(`import sys, json, collections
a = [sys.getsizeof(collections.OrderedDict.fromkeys(range(n))) for n in range(40)]
o = collections.OrderedDict(); b = []
for i in range(40):
    o['k%d' % i] = i; b.append(sys.getsizeof(o))
o.clear(); b.append(sys.getsizeof(o))
print(json.dumps([a, b]))`);
    const a = Array.from({ length: 40 }, (_, n) => odictSize(inserts(DictTable.empty(), n, false)));
    const t = DictTable.empty();
    const b = Array.from({ length: 40 }, () => (t.insert(true), odictSize(t)));
    t.clear();
    b.push(odictSize(t));
    expect([a, b]).toEqual(got);
  });

  it.skipIf(!hasPython311)('matches python3 for materialised instance dicts', () => {
    for (const [src, ours] of instanceCases) {
      expect(runPython<number[]>(`import sys, json\n${src}\nprint(json.dumps(out))`)).toEqual(ours);
    }
  });
});
