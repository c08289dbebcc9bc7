import { describe, expect, it } from 'vitest';
import { DequeModel } from '../../packages/engine/src/memory/index.js';
import { hasPython311, runPython, skipMessage } from './python.js';

type Op = ['append' | 'appendleft' | 'pop' | 'popleft' | 'clear'] | ['extend' | 'extendleft', number];

function history(seed: number, length: number): Op[] {
  let s = seed >>> 0;
  const r = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
  const ops: Op[] = [];
  for (let i = 0; i < length; i++) {
    const x = r();
    // Phases biased to grow or shrink so block boundaries are crossed both ways.
    const grow = Math.floor(i / 150) % 2 === 0;
    if (x < 0.02) ops.push(['clear']);
    else if (x < 0.08) ops.push([r() < 0.5 ? 'extend' : 'extendleft', Math.floor(r() * 100)]);
    else if (x < (grow ? 0.7 : 0.35)) ops.push([r() < 0.5 ? 'append' : 'appendleft']);
    else ops.push([r() < 0.5 ? 'pop' : 'popleft']);
  }
  return ops;
}

function simulate(ops: Op[], maxlen: number): Array<[number, number]> {
  const d = new DequeModel(maxlen);
  return ops.map((op) => {
    switch (op[0]) {
      case 'append': d.append(); break;
      case 'appendleft': d.appendleft(); break;
      case 'pop': if (d.size) d.pop(); break;
      case 'popleft': if (d.size) d.popleft(); break;
      case 'clear': d.clear(); break;
      case 'extend': d.extend(op[1]); break;
      case 'extendleft': d.extendleft(op[1]); break;
    }
    return [d.size, d.sizeof()];
  });
}

describe('deque blocks', () => {
  it('grows one 528-byte block per 64 items', () => {
    const d = new DequeModel();
    const sizes = new Map<number, number>();
    for (let i = 1; i <= 200; i++) {
      d.append();
      sizes.set(d.sizeof(), i);
    }
    expect([...sizes]).toEqual([[760, 32], [1288, 96], [1816, 160], [2344, 200]]);
    const e = new DequeModel();
    e.extend(64);
    expect(e.sizeof()).toBe(1288);
  });

  const histories = Array.from({ length: 8 }, (_, i) => history(i + 7, 1200));
  it.skipIf(!hasPython311)(`matches python3 on random histories (${hasPython311 ? 'oracle' : skipMessage})`, () => {
    for (const maxlen of [-1, 100]) {
      const got = runPython<Array<Array<[number, number]>>>(`
import sys, json, collections
res = []
for ops in json.loads(${JSON.stringify(JSON.stringify(histories))}):
    d = collections.deque(maxlen=${maxlen === -1 ? 'None' : maxlen}); out = []
    for op in ops:
        k = op[0]
        if k in ('pop', 'popleft'):
            if d: getattr(d, k)()
        elif k in ('extend', 'extendleft'): getattr(d, k)(range(op[1]))
        elif k == 'clear': d.clear()
        else: getattr(d, k)(0)
        out.append([len(d), sys.getsizeof(d)])
    res.append(out)
print(json.dumps(res))`);
      histories.forEach((h, i) => expect(simulate(h, maxlen), `history ${i} maxlen ${maxlen}`).toEqual(got[i]));
    }
  });
});
