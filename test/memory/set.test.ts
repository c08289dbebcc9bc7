import { describe, expect, it } from 'vitest';
import { SetTable } from '../../packages/engine/src/memory/index.js';
import { hasPython311, runPython, skipMessage } from './python.js';

type Op = ['add', number] | ['discard', number] | ['pop'] | ['clear'] | ['copy'] | ['update_set', number[]] |
  ['update_dict', number[]] | ['or', number[]] | ['ior', number[]] | ['and' | 'iand' | 'sub' | 'isub' | 'xor' | 'ixor', number[]];

/** Python's hash of an int with |v| < 2**61 - 1. */
const intHash = (v: number) => (v === -1 ? -2 : v);

/** Deterministic pseudo-random numbers for generating histories (a fixed LCG). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
}

function history(seed: number, length: number): Op[] {
  const r = lcg(seed);
  const pools = [
    () => Math.floor(r() * 64) - 8,
    () => Math.floor(r() * 40) * 8,
    () => Math.floor(r() * 2 ** 20) * 4096 + 7,
    () => Math.floor(r() * 2 ** 52) - 2 ** 51,
  ];
  const pool = pools[seed % pools.length]!;
  const vals = (n: number) => Array.from({ length: n }, pool);
  const ops: Op[] = [];
  for (let i = 0; i < length; i++) {
    const x = r();
    if (x < 0.5) ops.push(['add', pool()]);
    else if (x < 0.75) ops.push(['discard', pool()]);
    else if (x < 0.8) ops.push(['pop']);
    else if (x < 0.82) ops.push(['clear']);
    else if (x < 0.86) ops.push(['copy']);
    else if (x < 0.9) ops.push(['update_set', vals(Math.floor(r() * 30))]);
    else if (x < 0.94) ops.push(['update_dict', vals(Math.floor(r() * 30))]);
    else if (x < 0.95) ops.push(['or', vals(Math.floor(r() * 30))]);
    else if (x < 0.96) ops.push(['ior', vals(Math.floor(r() * 30))]);
    else {
      const kinds = ['and', 'iand', 'sub', 'isub', 'xor', 'ixor'] as const;
      // Sometimes much larger than the set, to reach the size-dependent strategies.
      ops.push([kinds[Math.floor(r() * kinds.length)]!, vals(Math.floor(r() * (r() < 0.3 ? 400 : 30)))]);
    }
  }
  return ops;
}

/** Run a history on our model; after each op record [iteration order, getsizeof, popped]. */
function simulate(ops: Op[]): Array<[number[], number, number | null]> {
  // Keys are object numbers (non-negative); each distinct int value gets one.
  const ids = new Map<number, number>();
  const values: number[] = [];
  const id = (v: number) => {
    let k = ids.get(v);
    if (k === undefined) ids.set(v, (k = values.push(v) - 1));
    return k;
  };
  const fromList = (xs: number[]) => {
    const t = new SetTable();
    for (const v of xs) t.add(id(v), intHash(v));
    return t;
  };
  let s = new SetTable();
  const out: Array<[number[], number, number | null]> = [];
  for (const op of ops) {
    let popped: number | null = null;
    switch (op[0]) {
      case 'add': s.add(id(op[1]), intHash(op[1])); break;
      case 'discard': s.discard(id(op[1]), intHash(op[1])); break;
      case 'pop': popped = s.used ? values[s.pop()]! : null; break;
      case 'clear': s.clear(); break;
      case 'copy': s = s.copy(); break;
      case 'update_set': s.merge(fromList(op[1])); break;
      case 'update_dict': {
        const keys = [...new Set(op[1])];
        s.reserve(keys.length);
        for (const v of keys) s.add(id(v), intHash(v));
        break;
      }
      case 'or': { const t = s.copy(); t.merge(fromList(op[1])); s = t; break; }
      case 'ior': s.merge(fromList(op[1])); break;
      case 'and': s = SetTable.intersection(s, fromList(op[1])); break;
      case 'iand': s.intersectionUpdate(fromList(op[1])); break;
      case 'sub': s = SetTable.difference(s, fromList(op[1])); break;
      case 'isub': s.differenceUpdate(fromList(op[1])); break;
      case 'xor': s = SetTable.symmetricDifference(s, fromList(op[1])); break;
      case 'ixor': s.symmetricDifferenceUpdate(fromList(op[1])); break;
    }
    out.push([s.keysInOrder().map((k) => values[k]!), s.sizeof(), popped]);
  }
  return out;
}

const PY = `
import sys, json
def run(ops):
    s = set(); out = []
    for op in ops:
        popped = None
        k = op[0]
        if k == 'add': s.add(op[1])
        elif k == 'discard': s.discard(op[1])
        elif k == 'pop': popped = s.pop() if s else None
        elif k == 'clear': s.clear()
        elif k == 'copy': s = s.copy()
        elif k == 'update_set': s.update(set(op[1]))
        elif k == 'update_dict': s.update(dict.fromkeys(op[1]))
        elif k == 'or': s = s | set(op[1])
        elif k == 'ior': s |= set(op[1])
        elif k == 'and': s = s & set(op[1])
        elif k == 'iand': s &= set(op[1])
        elif k == 'sub': s = s - set(op[1])
        elif k == 'isub': s -= set(op[1])
        elif k == 'xor': s = s ^ set(op[1])
        elif k == 'ixor': s ^= set(op[1])
        out.append([list(s), sys.getsizeof(s), popped])
    return out
print(json.dumps([run(h) for h in json.loads(HISTORIES)]))
`;

describe('set tables', () => {
  it('grows like set_add_entry and pre-sizes bulk merges', () => {
    const s = new SetTable();
    const sizes: number[] = [];
    for (let i = 0; i < 24; i++) {
      s.add(i, i);
      sizes.push(s.sizeof());
    }
    expect(sizes.slice(3, 6)).toEqual([216, 728, 728]);
    expect(sizes[18]).toBe(2264);
    const five = new SetTable();
    for (let i = 1; i <= 5; i++) five.add(i, i);
    expect(five.sizeof()).toBe(728);
    expect(five.copy().sizeof()).toBe(472); // set_merge: smallest power of two > 2n
    expect(five.keysInOrder()).toEqual([1, 2, 3, 4, 5]);
  });

  it('keeps dummies in fill and reuses them', () => {
    const s = new SetTable();
    for (const v of [1, 2, 3, 4]) s.add(v, v);
    s.discard(2, 2);
    expect([s.fill, s.used]).toEqual([4, 3]);
    s.add(10, 10); // 10 & 7 = 2: the dummy is remembered, the probe ends at empty slot 5, slot 2 is reused
    expect([s.fill, s.used]).toEqual([4, 4]);
    expect(s.keysInOrder()).toEqual([1, 10, 3, 4]);
  });

  it('handles hashes beyond 32 bits, negative hashes and bigints', () => {
    const s = new SetTable();
    const vals = [-5, 2 ** 40 + 3, -(2 ** 45), 2 ** 52 - 1];
    vals.forEach((v, i) => s.add(i, v));
    const b = new SetTable();
    vals.forEach((v, i) => b.add(i, BigInt(v)));
    expect(b.keysInOrder()).toEqual(s.keysInOrder());
    expect(s.find(1, 2 ** 40 + 3)).toBeGreaterThanOrEqual(0);
  });

  it.skipIf(!hasPython311)('matches python3 on the bulk construction paths', () => {
    const cases: Array<[string, number]> = [];
    const build = (n: number) => {
      const t = new SetTable();
      for (let i = 0; i < n; i++) t.add(i, i);
      return t;
    };
    for (let n = 0; n <= 40; n++) {
      const incremental = build(n);
      cases.push([`set(range(${n}))`, incremental.sizeof()]);
      cases.push([`set(set(range(${n})))`, incremental.copy().sizeof()]);
      cases.push([`frozenset(set(range(${n})))`, incremental.copy().sizeof()]);
      cases.push([`set(range(${n})) | set()`, incremental.copy().sizeof()]);
      // A display of >= 3 constants: BUILD_SET 0, then SET_UPDATE with a constant frozenset
      // (built by the compiler one key at a time).
      if (n >= 3 && n <= 30) {
        const s = new SetTable();
        s.merge(build(n));
        cases.push([`{${Array.from({ length: n }, (_, i) => i).join(', ')}}`, s.sizeof()]);
      }
      // update from a dict: pre-resize for (used + n) * 2.
      const d = new SetTable();
      d.reserve(n);
      for (let i = 0; i < n; i++) d.add(i, i);
      cases.push([`set(dict.fromkeys(range(${n})))`, d.sizeof()]);
    }
    const got = runPython<number[]>(`import sys, json\nprint(json.dumps([sys.getsizeof(eval(e)) for e in ${JSON.stringify(cases.map(([e]) => e))}]))`);
    expect(cases.map(([e], i) => `${e} = ${got[i]}`)).toEqual(cases.map(([e, n]) => `${e} = ${n}`));
  });

  const histories = Array.from({ length: 40 }, (_, i) => history(i + 1, 500));
  it.skipIf(!hasPython311)(`matches python3 on ${histories.length} random histories (${hasPython311 ? 'oracle' : skipMessage})`, () => {
    const got = runPython<Array<Array<[number[], number, number | null]>>>(`HISTORIES = ${JSON.stringify(JSON.stringify(histories))}\n${PY}`);
    histories.forEach((h, i) => {
      const ours = simulate(h);
      if (JSON.stringify(ours) === JSON.stringify(got[i])) return;
      for (let step = 0; step < h.length; step++) {
        expect(ours[step], `history ${i} step ${step} ${JSON.stringify(h[step]).slice(0, 80)}`).toEqual(got[i]![step]);
      }
    });
  });
});
