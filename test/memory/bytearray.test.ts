import { describe, expect, it } from 'vitest';
import { ByteArrayModel } from '../../packages/engine/src/memory/index.js';
import { hasPython311, runPython, skipMessage } from './python.js';

type Op = ['append'] | ['pop'] | ['clear'] | ['extend', number] | ['delfront', number] | ['delmid', number] | ['setmid', number];

function history(seed: number, length: number): Op[] {
  let s = seed >>> 0;
  const r = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
  const ops: Op[] = [];
  for (let i = 0; i < length; i++) {
    const x = r();
    if (x < 0.45) ops.push(['append']);
    else if (x < 0.6) ops.push(['pop']);
    else if (x < 0.62) ops.push(['clear']);
    else if (x < 0.75) ops.push(['extend', Math.floor(r() * 200)]);
    else if (x < 0.85) ops.push(['delfront', Math.floor(r() * 30)]);
    else if (x < 0.93) ops.push(['delmid', Math.floor(r() * 30)]);
    else ops.push(['setmid', Math.floor(r() * 40)]);
  }
  return ops;
}

function simulate(ops: Op[]): number[] {
  const b = new ByteArrayModel();
  return ops.map((op) => {
    const n = b.size;
    switch (op[0]) {
      case 'append': b.append(); break;
      case 'pop': if (n) b.pop(); break;
      case 'clear': b.clear(); break;
      case 'extend': b.setSlice(n, n, op[1]); break;
      case 'delfront': b.setSlice(0, Math.min(op[1], n), 0); break;
      case 'delmid': { const lo = n >> 1; b.setSlice(lo, Math.min(n, lo + op[1]), 0); break; }
      case 'setmid': { const lo = n >> 1; b.setSlice(lo, Math.min(n, lo + 5), op[1]); break; }
    }
    return b.sizeof();
  });
}

describe('bytearray buffers', () => {
  it('sizes constructions like bytearray_init', () => {
    expect(new ByteArrayModel().sizeof()).toBe(56);
    expect(ByteArrayModel.ofLength(3).sizeof()).toBe(60);
  });

  const histories = Array.from({ length: 10 }, (_, i) => history(i + 3, 500));
  it.skipIf(!hasPython311)(`matches python3 on constructions and random histories (${hasPython311 ? 'oracle' : skipMessage})`, () => {
    const got = runPython<[number[], number[], number[][]]>(`
import sys, json
ns = list(range(0, 80))
a = [sys.getsizeof(bytearray(range(n))) for n in ns]
b = [sys.getsizeof(bytearray(n)) for n in ns]
res = []
for ops in json.loads(${JSON.stringify(JSON.stringify(histories))}):
    x = bytearray(); out = []
    for op in ops:
        k = op[0]; n = len(x)
        if k == 'append': x.append(1)
        elif k == 'pop':
            if n: x.pop()
        elif k == 'clear': x.clear()
        elif k == 'extend': x.extend(bytes(op[1]))
        elif k == 'delfront': del x[:op[1]]
        elif k == 'delmid': del x[n // 2:n // 2 + op[1]]
        elif k == 'setmid': x[n // 2:n // 2 + 5] = bytes(op[1])
        out.append(sys.getsizeof(x))
    res.append(out)
print(json.dumps([a, b, res]))`);
    const ns = Array.from({ length: 80 }, (_, i) => i);
    expect(ns.map((n) => ByteArrayModel.ofIterable(n).sizeof())).toEqual(got[0]);
    expect(ns.map((n) => ByteArrayModel.ofLength(n).sizeof())).toEqual(got[1]);
    histories.forEach((h, i) => expect(simulate(h), `history ${i}`).toEqual(got[2][i]));
  });
});
