import { describe, expect, it } from 'vitest';
import {
  ListSource, appendCapacity, appendsCapacity, assignSliceCapacity, exactCapacity, extendIterCapacity,
  extendSeqCapacity, inplaceRepeatCapacity, listDisplayCapacity, listFromCapacity, listResize, listSize,
  preallocateExact, removeOneCapacity, splitCapacity, DEFAULT_LENGTH_HINT,
} from '../../packages/engine/src/memory/index.js';
import { hasPython311, pySizes, runPython, skipMessage } from './python.js';

const cases: Array<[string, number]> = [];
const add = (expr: string, allocated: number) => cases.push([expr, listSize(allocated)]);

for (let n = 0; n <= 40; n++) {
  add(`[i for i in range(${n})]`, appendsCapacity(n));
  add(`list(range(${n}))`, listFromCapacity(ListSource.Iterable, n));
  add(`list(tuple(range(${n})))`, listFromCapacity(ListSource.ListOrTuple, n));
  add(`list(x for x in range(${n}))`, listFromCapacity(ListSource.Iterable, n, 8));
  add(`sorted(range(${n}))`, listFromCapacity(ListSource.Iterable, n));
  add(`[None] * ${n}`, exactCapacity(n));
  add(`list(range(${n}))[:${n >> 1}]`, exactCapacity(n >> 1));
  add(`list(range(${n}))[::3]`, exactCapacity(Math.ceil(n / 3)));
  add(`[0] + list(range(${n}))`, exactCapacity(n + 1));
  add(`' '.join('a' * ${n}).split()`, splitCapacity(n));
  add(`','.join('a' * ${n}).split(',', 3)`, splitCapacity(Math.max(1, Math.min(n, 4)), 3, n === 0));
  add(`(lambda l: (l.extend(range(${n})), l)[1])([1])`, extendIterCapacity(1, 1, n, n));
  add(`(lambda l: (l.extend(tuple(range(${n}))), l)[1])([1])`, extendSeqCapacity(1, 1, n));
  add(`(lambda l: (l.extend(tuple(range(${n}))), l)[1])([])`, extendSeqCapacity(0, 0, n));
  add(`(lambda l: (l.pop(), l.extend(tuple(range(${n}))), l)[2])([1])`, extendSeqCapacity(removeOneCapacity(1, 1), 0, n, true));
  add(`(lambda l: (l.extend(x for x in range(${n})), l)[1])([7, 8, 9])`, extendIterCapacity(3, 3, n, 8));
  add(`(lambda l: (l.__imul__(3), l)[1])(list(range(${n})))`, inplaceRepeatCapacity(preallocateExact(n), n, 3));
  // Length hints: remaining items for hinting iterators, 8 for the others.
  const rest = Math.max(0, n - 1);
  add(`(lambda it: (next(it, None), list(it))[1])(iter(list(range(${n}))))`, listFromCapacity(ListSource.Iterable, rest, rest));
  add(`list(reversed(range(${n})))`, listFromCapacity(ListSource.Iterable, n, n));
  add(`list(iter({i: i for i in range(${n})}.items()))`, listFromCapacity(ListSource.Iterable, n, n));
  add(`list(map(abs, range(${n})))`, listFromCapacity(ListSource.Iterable, n, DEFAULT_LENGTH_HINT));
  add(`list(enumerate(range(${n})))`, listFromCapacity(ListSource.Iterable, n, 8));
  add(`list(zip(range(${n}), range(${n})))`, listFromCapacity(ListSource.Iterable, n, 8));
  add(`sorted(x for x in range(${n}))`, listFromCapacity(ListSource.Iterable, n, 8));
}
// Literal displays: constants vs names, and the 30-item stack guideline.
for (const n of [0, 1, 2, 3, 4, 5, 7, 29, 30, 31, 40]) {
  const consts = Array.from({ length: n }, (_, i) => String(i)).join(', ');
  const names = Array.from({ length: n }, () => 'a').join(', ');
  add(`[${consts}]`, listDisplayCapacity(n, true));
  add(`(lambda a: [${names}])(1)`, listDisplayCapacity(n, false));
}

/** Run a sequence of appends then pops on one list and record every capacity. */
function growShrink(n: number): number[] {
  const caps: number[] = [];
  let alloc = 0;
  let size = 0;
  for (let i = 0; i < n; i++) caps.push((alloc = appendCapacity(alloc, size++)));
  for (let i = 0; i < n; i++) caps.push((alloc = removeOneCapacity(alloc, size--)));
  return caps;
}

type ListOp = ['append'] | ['pop'] | ['popfirst'] | ['delslice', number] | ['extendseq', number] |
  ['extenditer', number] | ['extendgen', number] | ['clear'] | ['sort'] | ['imul', number] | ['setslice', number] | ['insert'];

function listHistory(seed: number, length: number): ListOp[] {
  let s = seed >>> 0;
  const r = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
  const ops: ListOp[] = [];
  for (let i = 0; i < length; i++) {
    const x = r();
    const grow = Math.floor(i / 100) % 2 === 0;
    if (x < (grow ? 0.4 : 0.15)) ops.push(['append']);
    else if (x < 0.5) ops.push(['pop']);
    else if (x < 0.55) ops.push(['popfirst']);
    else if (x < 0.6) ops.push(['delslice', Math.floor(r() * 20)]);
    else if (x < 0.66) ops.push(['extendseq', Math.floor(r() * 30)]);
    else if (x < 0.72) ops.push(['extenditer', Math.floor(r() * 30)]);
    else if (x < 0.78) ops.push(['extendgen', Math.floor(r() * 30)]);
    else if (x < 0.8) ops.push(['clear']);
    else if (x < 0.83) ops.push(['sort']);
    else if (x < 0.85) ops.push(['imul', Math.floor(r() * 3)]);
    else if (x < 0.92) ops.push(['setslice', Math.floor(r() * 12)]);
    else ops.push(['insert']);
  }
  return ops;
}

/** Our model of one list through a history: [len, getsizeof] after each step. */
function simulateList(ops: ListOp[]): Array<[number, number]> {
  let size = 0;
  let alloc = 0;
  let buffer = false;
  return ops.map((op) => {
    switch (op[0]) {
      case 'append':
      case 'insert':
        alloc = appendCapacity(alloc, size++);
        buffer = true;
        break;
      case 'pop':
        if (size) {
          alloc = removeOneCapacity(alloc, size--);
        }
        break;
      case 'popfirst':
        if (size) {
          alloc = assignSliceCapacity(alloc, size, -1);
          buffer = size - 1 > 0;
          size--;
        }
        break;
      case 'delslice': {
        const k = Math.min(op[1], size);
        alloc = assignSliceCapacity(alloc, size, -k);
        size -= k;
        buffer = buffer && size > 0;
        break;
      }
      case 'extendseq':
        alloc = extendSeqCapacity(alloc, size, op[1], buffer);
        size += op[1];
        buffer = buffer || op[1] > 0;
        break;
      case 'extenditer':
        alloc = extendIterCapacity(alloc, size, op[1], op[1], buffer);
        buffer = buffer || op[1] > 0;
        size += op[1];
        break;
      case 'extendgen':
        alloc = extendIterCapacity(alloc, size, op[1], 8, buffer);
        buffer = true;
        size += op[1];
        break;
      case 'clear':
        alloc = 0;
        size = 0;
        buffer = false;
        break;
      case 'sort':
        break;
      case 'imul':
        alloc = inplaceRepeatCapacity(alloc, size, op[1]);
        if (op[1] < 1) {
          buffer = buffer && size === 0;
          size = 0;
        } else size *= op[1];
        break;
      case 'setslice': {
        // l[:3] = range(n): replaces min(3, len) items.
        const old = Math.min(3, size);
        const delta = op[1] - old;
        alloc = assignSliceCapacity(alloc, size, delta);
        size += delta;
        buffer = size > 0; // an assignment leaving the list empty clears it
        break;
      }
    }
    return [size, listSize(alloc)];
  });
}

describe('list capacity', () => {
  it.skipIf(!hasPython311)(`matches python3 on random mutation histories (${hasPython311 ? 'oracle' : skipMessage})`, () => {
    const histories = Array.from({ length: 12 }, (_, i) => listHistory(i + 11, 600));
    const got = runPython<Array<Array<[number, number]>>>(`import sys, json
res = []
for ops in json.loads(${JSON.stringify(JSON.stringify(histories))}):
    l = []; out = []
    for op in ops:
        k = op[0]
        if k == 'append': l.append(0)
        elif k == 'insert': l.insert(0, 0)
        elif k == 'pop':
            if l: l.pop()
        elif k == 'popfirst':
            if l: l.pop(0)
        elif k == 'delslice': del l[:op[1]]
        elif k == 'extendseq': l.extend(tuple(range(op[1])))
        elif k == 'extenditer': l.extend(range(op[1]))
        elif k == 'extendgen': l.extend(x for x in range(op[1]))
        elif k == 'clear': l.clear()
        elif k == 'sort': l.sort()
        elif k == 'imul': l *= op[1]
        elif k == 'setslice': l[:3] = range(op[1])
        out.append([len(l), sys.getsizeof(l)])
    res.append(out)
print(json.dumps(res))`);
    histories.forEach((h, i) => {
      const ours = simulateList(h);
      if (JSON.stringify(ours) === JSON.stringify(got[i])) return;
      for (let step = 0; step < h.length; step++) {
        expect(ours[step], `history ${i} step ${step} ${JSON.stringify(h[step])}`).toEqual(got[i]![step]);
      }
    });
  });

  it('follows list_resize by hand', () => {
    expect(growShrink(66).slice(0, 66).filter((c, i, a) => c !== a[i - 1])).toEqual([4, 8, 16, 24, 32, 40, 52, 64, 76]);
    // [0]*100 popped down: 100 until len 50, then 60 at len 49 (memory-model §1.3).
    let alloc = 100;
    const seen: Array<[number, number]> = [];
    for (let size = 100; size > 0; size--) {
      const next = removeOneCapacity(alloc, size);
      if (next !== alloc) seen.push([size - 1, next]);
      alloc = next;
    }
    expect(seen.map(([len, a]) => [len, listSize(a)])).toEqual([[49, 536], [29, 344], [17, 248], [11, 184], [7, 152], [5, 120], [1, 88], [0, 56]]);
    expect(listResize(10, 10, 11)).toBe(16);
    expect(assignSliceCapacity(10, 10, -3)).toBe(10);
    expect(assignSliceCapacity(10, 3, -3)).toBe(0);
  });

  it.skipIf(!hasPython311)(`matches python3 on ${cases.length} constructions (${hasPython311 ? 'oracle' : skipMessage})`, () => {
    const got = pySizes(cases.map(([e]) => e));
    expect(cases.map(([e], i) => `${e} = ${got[i]}`)).toEqual(cases.map(([e, s]) => `${e} = ${s}`));
  });

  it.skipIf(!hasPython311)('matches python3 when growing and shrinking one list', () => {
    const got = runPython<number[]>(`import sys,json
l=[];out=[]
for i in range(300):
    l.append(i); out.append(sys.getsizeof(l))
for i in range(300):
    l.pop(); out.append(sys.getsizeof(l))
print(json.dumps(out))`);
    expect(growShrink(300).map((a) => listSize(a))).toEqual(got);
  });
});
