import { describe, expect, it } from 'vitest';
import { DictTable, MergeStart } from '../../packages/engine/src/memory/index.js';
import { hasPython311, runPython, skipMessage } from './python.js';

/**
 * Random dict histories run by python3 and by DictTable plus a mirror of the entry array (what
 * the runtime keeps): [len, getsizeof] after every step must agree.
 */
type Key = string | number;
type Op = ['set', Key] | ['del', Key] | ['popitem'] | ['clear'] | ['copy'] | ['dict'] | ['update', Key[]] | ['merge', Key[]];

function history(seed: number, length: number): Op[] {
  let s = seed >>> 0;
  const r = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
  const key = (): Key => (r() < (seed % 3 === 0 ? 0.1 : 0.8) ? `k${Math.floor(r() * 60)}` : Math.floor(r() * 60));
  const ops: Op[] = [];
  for (let i = 0; i < length; i++) {
    const x = r();
    const grow = Math.floor(i / 120) % 2 === 0;
    if (x < (grow ? 0.55 : 0.3)) ops.push(['set', key()]);
    else if (x < 0.75) ops.push(['del', key()]);
    else if (x < 0.8) ops.push(['popitem']);
    else if (x < 0.82) ops.push(['clear']);
    else if (x < 0.87) ops.push(['copy']);
    else if (x < 0.92) ops.push(['dict']);
    else if (x < 0.96) ops.push(['update', Array.from({ length: Math.floor(r() * 20) }, key)]);
    else ops.push(['merge', Array.from({ length: Math.floor(r() * 20) }, key)]);
  }
  return ops;
}

/** A dict as the runtime would hold it: the table model plus entries in table order (null = deleted). */
class MirrorDict {
  table = DictTable.empty();
  entries: Array<Key | null> = [];

  has(k: Key): boolean {
    return this.entries.includes(k);
  }

  private compact(): void {
    this.entries = this.entries.filter((e) => e !== null);
  }

  set(k: Key): void {
    if (this.has(k)) {
      if (this.table.insertExisting(typeof k === 'string')) this.compact();
      return;
    }
    if (this.table.insert(typeof k === 'string')) this.compact();
    this.entries.push(k);
  }

  del(k: Key): void {
    const i = this.entries.indexOf(k);
    if (i < 0) return;
    this.entries[i] = null;
    this.table.delete();
  }

  popitem(): void {
    if (this.table.used === 0) return;
    let i = this.entries.length - 1;
    while (this.entries[i] === null) i--;
    this.table.popitem(i);
    this.entries.length = i;
  }

  clear(): void {
    this.table.clear();
    this.entries = [];
  }

  copy(): MirrorDict {
    const m = new MirrorDict();
    m.table = this.table.copy();
    m.entries = m.table.nentries === this.table.nentries ? [...this.entries] : this.entries.filter((e) => e !== null);
    return m;
  }

  /** `dict(self)` / `self.update(other)`: dict_merge. */
  merge(other: MirrorDict): void {
    const start = this.table.mergeBegin(other.table);
    if (start === MergeStart.Nothing) return;
    if (start === MergeStart.Cloned) {
      this.entries = [...other.entries];
      return;
    }
    // mergeBegin may have rebuilt the table, which compacts the entries.
    if (this.table.nentries !== this.entries.length) this.compact();
    for (const k of other.entries) if (k !== null) this.set(k);
  }
}

function simulate(ops: Op[]): Array<[number, number]> {
  let d = new MirrorDict();
  const fromKeys = (ks: Key[]) => {
    const m = new MirrorDict();
    for (const k of ks) m.set(k);
    return m;
  };
  return ops.map((op) => {
    switch (op[0]) {
      case 'set': d.set(op[1]); break;
      case 'del': d.del(op[1]); break;
      case 'popitem': d.popitem(); break;
      case 'clear': d.clear(); break;
      case 'copy': d = d.copy(); break;
      case 'dict': { const n = new MirrorDict(); n.merge(d); d = n; break; }
      case 'update': d.merge(fromKeys(op[1])); break;
      case 'merge': { const n = d.copy(); n.merge(fromKeys(op[1])); d = n; break; }
    }
    return [d.table.used, d.table.sizeof()];
  });
}

describe('dict histories', () => {
  const histories = Array.from({ length: 30 }, (_, i) => history(i + 5, 600));
  it.skipIf(!hasPython311)(`match python3 step by step (${hasPython311 ? 'oracle' : skipMessage})`, () => {
    const got = runPython<Array<Array<[number, number]>>>(`import sys, json
def fromkeys(ks):
    m = {}
    for k in ks: m[k] = 0
    return m
res = []
for ops in json.loads(${JSON.stringify(JSON.stringify(histories))}):
    d = {}; out = []
    for op in ops:
        k = op[0]
        if k == 'set': d[op[1]] = 1
        elif k == 'del': d.pop(op[1], None)
        elif k == 'popitem':
            if d: d.popitem()
        elif k == 'clear': d.clear()
        elif k == 'copy': d = d.copy()
        elif k == 'dict': d = dict(d)
        elif k == 'update': d.update(fromkeys(op[1]))
        elif k == 'merge': d = d | fromkeys(op[1])
        out.append([len(d), sys.getsizeof(d)])
    res.append(out)
print(json.dumps(res))`);
    histories.forEach((h, i) => {
      const ours = simulate(h);
      if (JSON.stringify(ours) === JSON.stringify(got[i])) return;
      for (let step = 0; step < h.length; step++) {
        expect(ours[step], `history ${i} step ${step} ${JSON.stringify(h[step])}`).toEqual(got[i]![step]);
      }
    });
  });
});
