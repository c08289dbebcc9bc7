import { describe, expect, it } from 'vitest';
import {
  ListSource, appendCapacity, appendsCapacity, assignSliceCapacity, exactCapacity, extendIterCapacity,
  extendSeqCapacity, inplaceRepeatCapacity, listDisplayCapacity, listFromCapacity, listResize, listSize,
  preallocateExact, removeOneCapacity, splitCapacity,
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

describe('list capacity', () => {
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
