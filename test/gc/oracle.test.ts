// Each scenario is written twice: as a Python program that CPython runs, and as the same object
// graph built on the mock heap. The collector must make the mock print what python3 prints.
// Automatic collection is disabled on both sides, so allocation noise does not matter.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { Heap, type Obj } from './heap.js';

const probe = spawnSync('python3', ['-c', 'import sys; print(sys.version_info[:2] == (3, 11))'], { encoding: 'utf8' });
const python = probe.status === 0 && probe.stdout.trim() === 'True';
if (!python) console.warn('test/gc/oracle.test.ts: skipped, python3 (CPython 3.11) is not available');

function py(src: string): string {
  const r = spawnSync('python3', ['-c', `import gc, weakref\ngc.disable()\ngc.collect()\n${src}`], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout.trim();
}

function heap(): Heap {
  const h = new Heap();
  h.gc.enabled = false;
  return h;
}

const show = (b: boolean): string => (b ? 'True' : 'False');

interface Scenario {
  name: string;
  python: string;
  mock: () => string;
}

const scenarios: Scenario[] = [
  {
    name: 'rings of instances',
    python: `
class Link: pass
out = []
for n in (1, 2, 3, 10, 100, 1000):
    xs = [Link() for i in range(n)]
    for i in range(n): xs[i].next = xs[(i + 1) % n]
    del xs
    out.append(gc.collect())
print(*out)`,
    mock: () => {
      const h = heap();
      const out: number[] = [];
      for (const n of [1, 2, 3, 10, 100, 1000]) {
        const xs = Array.from({ length: n }, () => h.instance());
        xs.forEach((x, i) => h.append(x, xs[(i + 1) % n]!));
        xs.forEach((x) => h.release(x));
        out.push(h.gc.collect());
      }
      return out.join(' ');
    },
  },
  {
    name: 'survivor order after move_unreachable',
    python: `
class R:
    def __init__(s, i): s.i = i
xs = [R(i) for i in range(8)]
for i in range(8): xs[i].n = xs[(i + 1) % 8]
keep = (xs[5], xs[2])  # a container in the young generation: traverse visits xs[2] first
del xs
gc.collect(0)
print(*[o.i for o in gc.get_objects(1) if type(o) is R])`,
    mock: () => {
      const h = heap();
      const xs = Array.from({ length: 8 }, (_, i) => h.instance(String(i)));
      xs.forEach((x, i) => h.append(x, xs[(i + 1) % 8]!));
      h.tuple([xs[5]!, xs[2]!], 'keep');
      xs.forEach((x) => h.release(x));
      h.gc.collect(0);
      return h.gc.getObjects(1).filter((o) => o.kind === 'instance').map(String).join(' ');
    },
  },
  {
    name: '__del__ order across generations in a full collection',
    python: `
L = []
class D:
    def __init__(s, n): s.n = n; s.me = s
    def __del__(s): L.append(s.n)
a = D('a'); gc.collect(); b = D('b'); c = D('c'); gc.collect(0); d = D('d'); e = D('e')
del a, b, c, d, e
print(gc.collect(), *L)`,
    mock: () => {
      const h = heap();
      const L: string[] = [];
      const D = h.cls('D', (s) => L.push(s.name));
      const a = selfCycle(h, 'a', D);
      h.gc.collect();
      const b = selfCycle(h, 'b', D);
      const c = selfCycle(h, 'c', D);
      h.gc.collect(0);
      const d = selfCycle(h, 'd', D);
      const e = selfCycle(h, 'e', D);
      for (const o of [a, b, c, d, e]) h.release(o);
      return `${h.gc.collect()} ${L.join(' ')}`;
    },
  },
  {
    name: '__del__ order in a chain entered from the middle',
    python: `
L = []
class N:
    def __del__(s): L.append(s.n)
ns = [N() for i in range(5)]
for i, x in enumerate(ns): x.n = i
for i in range(5): ns[i].nx = ns[(i + 3) % 5]
del ns, x
print(gc.collect(), *L)`,
    mock: () => {
      const h = heap();
      const L: string[] = [];
      const N = h.cls('N', (s) => L.push(s.name));
      const ns = Array.from({ length: 5 }, (_, i) => h.instance(String(i), N));
      ns.forEach((x, i) => h.append(x, ns[(i + 3) % 5]!));
      ns.forEach((x) => h.release(x));
      return `${h.gc.collect()} ${L.join(' ')}`;
    },
  },
  {
    name: 'weakref callbacks before __del__, newest first; garbage weakrefs silent',
    python: `
L = []
class O:
    def __del__(s): L.append('del')
o = O(); o.me = o
w0 = weakref.ref(o)
rs = [weakref.ref(o, lambda r, i=i: L.append('cb%d' % i)) for i in (1, 2, 3)]
o.inner = weakref.ref(o, lambda r: L.append('inner'))
del o
print(gc.collect(), *L)`,
    mock: () => {
      const h = heap();
      const L: string[] = [];
      const O = h.cls('O', () => L.push('del'));
      const o = selfCycle(h, 'o', O);
      h.weakref(o);
      for (const i of [1, 2, 3]) {
        const f = h.alloc('function', `lambda${i}`);
        h.weakref(o, () => L.push(`cb${i}`), f);
        h.release(f);
      }
      const f = h.alloc('function', 'inner');
      const inner = h.weakref(o, () => L.push('inner'), f);
      h.release(f);
      h.append(o, inner);
      h.release(inner);
      h.release(o);
      // o, the inner weakref and its lambda: 3 (the outside weakrefs survive)
      return `${h.gc.collect()} ${L.join(' ')}`;
    },
  },
  {
    name: 'resurrection: 0, then collected without a second __del__',
    python: `
saved = []
class P:
    def __del__(s): print('del'); saved.append(s)
p = P(); p.me = p
del p
print(gc.collect(), gc.is_finalized(saved[0]))
saved.clear()
print(gc.collect())`,
    mock: () => {
      const h = heap();
      const out: string[] = [];
      const saved = h.list([], 'saved');
      const P = h.cls('P', (s) => {
        out.push('del');
        h.append(saved, s);
      });
      const p = selfCycle(h, 'p', P);
      h.release(p);
      const n = h.gc.collect();
      out.push(`${n} ${show(h.gc.isFinalized(p))}`);
      h.remove(saved, p);
      out.push(String(h.gc.collect()));
      return out.join('\n');
    },
  },
  {
    name: 'tuple untracking depends on list order',
    python: `
x = 1
t = (x, 2); o = (t,); del t
u = (x, 3); v = (u,)
print(gc.is_tracked(o), gc.is_tracked(v))
gc.collect(0)
print(gc.is_tracked(o), gc.is_tracked(o[0]), gc.is_tracked(v), gc.is_tracked(u))
gc.collect(1)
print(gc.is_tracked(o))`,
    mock: () => {
      const h = heap();
      const x = h.int('1');
      const t = h.tuple([x, h.int()], 't');
      const o = h.tuple([t], 'o');
      h.release(t);
      const u = h.tuple([x, h.int()], 'u');
      const v = h.tuple([u], 'v');
      const tr = (a: Obj) => show(h.gc.isTracked(a));
      const out = [`${tr(o)} ${tr(v)}`];
      h.gc.collect(0);
      out.push(`${tr(o)} ${tr(t)} ${tr(v)} ${tr(u)}`);
      h.gc.collect(1);
      out.push(tr(o));
      return out.join('\n');
    },
  },
  {
    name: 'dicts are untracked by full collections only',
    python: `
x = 1
e = {}; e['x'] = []; del e['x']
f = {}; f['t'] = (x, 2)
print(gc.is_tracked(e), gc.is_tracked(f))
gc.collect(1)
print(gc.is_tracked(e), gc.is_tracked(f))
gc.collect()
print(gc.is_tracked(e), gc.is_tracked(f))`,
    mock: () => {
      const h = heap();
      const e = h.dict('e');
      h.dictSet(e, h.list());
      h.dictDelLast(e);
      const f = h.dict('f');
      const t = h.tuple([h.int(), h.int()], 't'); // built at run time: tracked until a collection
      h.dictSet(f, t);
      h.release(t);
      const tr = (a: Obj) => show(h.gc.isTracked(a));
      const out = [`${tr(e)} ${tr(f)}`];
      h.gc.collect(1);
      out.push(`${tr(e)} ${tr(f)}`);
      h.gc.collect();
      out.push(`${tr(e)} ${tr(f)}`);
      return out.join('\n');
    },
  },
  {
    name: 'collect(n) and the counts',
    python: `
r = []
gc.collect(0); r.append(gc.get_count())
gc.collect(0); r.append(gc.get_count())
gc.collect(1); r.append(gc.get_count())
gc.collect(0); gc.collect(0); gc.collect(0); r.append(gc.get_count())
gc.collect(2); r.append(gc.get_count())
print(*r)`,
    mock: () => {
      const h = heap();
      const r: string[] = [];
      const c = () => r.push(`(${h.gc.getCount().join(', ')})`);
      h.gc.collect(0); c();
      h.gc.collect(0); c();
      h.gc.collect(1); c();
      h.gc.collect(0); h.gc.collect(0); h.gc.collect(0); c();
      h.gc.collect(2); c();
      return r.join(' ');
    },
  },
  {
    name: 'get_referents order',
    python: `
class A: pass
a = A(); a.x = []; a.y = {}
print([type(r).__name__ for r in gc.get_referents([1, 's', None], a)])`,
    mock: () => {
      const h = heap();
      const l = h.list([h.int('int'), h.int('str'), h.int('NoneType')]);
      const A = h.cls('type');
      const a = h.instance('a', A);
      h.append(a, h.list([], 'list'));
      h.append(a, h.dict('dict'));
      return `[${h.gc.getReferents([l, a]).map((o) => `'${o.name}'`).join(', ')}]`;
    },
  },
  {
    name: 'a dict holding a dict stays tracked; a dict of atoms is untracked',
    python: `
d = {'a': {}}; e = {'b': {'c': 1}}
print(gc.is_tracked(d), gc.is_tracked(d['a']), gc.is_tracked(e), gc.is_tracked(e['b']))
gc.collect()
print(gc.is_tracked(d), gc.is_tracked(d['a']), gc.is_tracked(e), gc.is_tracked(e['b']))`,
    mock: () => {
      const h = heap();
      const d = h.dict('d');
      const da = h.dict('da');
      h.dictSet(d, da);
      h.release(da);
      const e = h.dict('e');
      const eb = h.dict('eb');
      h.dictSet(eb, h.int());
      h.dictSet(e, eb);
      h.release(eb);
      const tr = (a: Obj) => show(h.gc.isTracked(a));
      const line = () => `${tr(d)} ${tr(da)} ${tr(e)} ${tr(eb)}`;
      const out = [line()];
      h.gc.collect();
      out.push(line());
      return out.join('\n');
    },
  },
  {
    name: 'gc.collect() inside __del__ returns 0; callbacks see the counts',
    python: `
info = []
gc.callbacks.append(lambda p, i: info.append((p, i['generation'], i['collected'], i['uncollectable'])))
class D:
    def __del__(s): print('inner', gc.collect())
d = D(); d.me = d; del d
l = []; l.append(l); del l
print(gc.collect(), *info)`,
    mock: () => {
      const h = heap();
      const out: string[] = [];
      const info: string[] = [];
      h.onCallback = (phase, g) => {
        if (phase === 'start') info.push(`('start', ${g}, 0, 0)`);
      };
      const D = h.cls('D', () => out.push(`inner ${h.gc.collect()}`));
      h.release(selfCycle(h, 'd', D));
      const l = h.list([], 'l');
      h.append(l, l);
      h.release(l);
      const n = h.gc.collect();
      info.push(`('stop', 2, ${h.gc.lastCollected}, ${h.gc.lastUncollectable})`);
      out.push(`${n} ${info.join(' ')}`);
      return out.join('\n');
    },
  },
  {
    name: 'a weakref callback sees its referent gone and the survivors promoted',
    python: `
L = []
class O: pass
cb = lambda r: L.append((r() is None, len(gc.get_objects(1)) > 0))
keep = O()
x = O(); x.me = x; wx = weakref.ref(x, cb); del x
print(gc.collect(0), L, wx in gc.get_objects(1), gc.is_tracked(wx))`,
    mock: () => {
      const h = heap();
      const L: string[] = [];
      const cb = h.alloc('function', 'cb');
      const keep = h.instance('keep');
      const x = selfCycle(h, 'x');
      const wx = h.weakref(x, (r) => L.push(`(${show(r.referent === null)}, ${show(h.gc.getObjects(1).length > 0)})`), cb);
      h.release(x);
      const n = h.gc.collect(0);
      void keep;
      return `${n} [${L.join(', ')}] ${show(h.gc.getObjects(1).includes(wx))} ${show(h.gc.isTracked(wx))}`;
    },
  },
];

function selfCycle(h: Heap, name: string, cls: Obj | null = null): Obj {
  const o = h.instance(name, cls);
  h.append(o, o);
  return o;
}

describe.skipIf(!python)('the collector agrees with python3', () => {
  for (const s of scenarios) {
    it(s.name, () => {
      expect(s.mock()).toBe(py(s.python));
    });
  }
});
