// The Engine end to end: output against python3, resumability, determinism, and that the
// event log folds into a consistent heap.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../packages/engine/src/engine.js';
import { EventKind } from '../../packages/engine/src/events/kinds.js';
import type { EventLog } from '../../packages/engine/src/events/log.js';
import { reduceLog, allObjects, getObject } from '../../packages/engine/src/state/index.js';

function hasPython(): boolean {
  try {
    return execFileSync('python3', ['-c', 'import sys; print(sys.version_info[:2])'], { encoding: 'utf8' }).trim() === '(3, 11)';
  } catch {
    return false;
  }
}
const PY = hasPython();

/** What CPython 3.11 prints for a program (stdout, stderr with the path replaced, status). */
const DIR = mkdtempSync(join(tmpdir(), 'refscope-rt-'));

function python(file: string, source: string): { out: string; err: string; code: number } {
  writeFileSync(file, source);
  // stderr is compared even when the program succeeds: SyntaxWarnings are printed there.
  const r = spawnSync('python3', [file], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, PYTHONHASHSEED: '0', PYTHONUNBUFFERED: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return { out: r.stdout, err: r.stderr, code: r.status ?? 1 };
}

function run(source: string, slice = 0, file = 'prog.py'): Engine {
  const engine = new Engine(source, { filename: file });
  if (slice > 0) while (!engine.finished) engine.run({ steps: slice });
  else engine.run();
  return engine;
}

function logWords(log: EventLog): number[] {
  const out: number[] = [];
  const e = { kind: 0 as EventKind, a: 0, b: 0, c: 0, d: 0 };
  for (let i = 0; i < log.length; i++) {
    log.read(i, e);
    out.push(e.kind, e.a, e.b, e.c, e.d);
  }
  return out;
}

const PROGRAMS: Record<string, string> = {
  refcounts: `import sys
a = [1, 2, 3]
b = a
print(sys.getrefcount(a))
holder = [a, a]
print(sys.getrefcount(a))
del holder[0]
print(sys.getrefcount(a))
def f(x):
    return sys.getrefcount(x)
print(f(a))
class C:
    def m(self):
        return sys.getrefcount(self)
c = C()
print(sys.getrefcount(c), c.m())
print(sys.getrefcount([]))
`,
  sizes: `import sys
print([sys.getsizeof(x) for x in (0, 2**30, 2**60, 1.5, None, '', 'abc', '\\xe9', b'ab', (), (1, 2))])
l = []
sizes = []
for i in range(20):
    l.append(i)
    sizes.append(sys.getsizeof(l))
print(sizes)
d = {}
ds = []
for i in range(12):
    d[str(i)] = i
    ds.append(sys.getsizeof(d))
print(ds)
class P:
    pass
class S:
    __slots__ = ('a', 'b')
print(sys.getsizeof(P()), sys.getsizeof(S()), sys.getsizeof(list(range(5))), sys.getsizeof([1, 2, 3]))
`,
  identity: `a = 256
b = int('256')
c = int('257')
print(a is b, c is 257, int('-5') is -5)
s = ''.join(['ab', 'c'])
print(s is 'abc', s == 'abc')
`,
  dels: `class N:
    def __init__(self, t):
        self.t = t
    def __del__(self):
        print('del', self.t)
x = N('x')
l = [N('a'), N('b'), N('c')]
del l
d = {'p': N('p'), 'q': N('q')}
d.clear()
x = None
def g():
    y = N('local')
    print('in g')
g()
print('end')
`,
  generators: `def gen(n):
    for i in range(n):
        got = yield i
        if got:
            print('got', got)
    return 'done'
g = gen(3)
print(next(g), g.send('hi'), next(g))
try:
    next(g)
except StopIteration as e:
    print('stop', e.value)
print(sum(x * x for x in range(10)), [y for y in range(5) if y % 2])
def outer():
    r = yield from gen(2)
    print('outer got', r)
print(list(outer()))
`,
  exceptions: `class E(Exception):
    pass
def f(n):
    try:
        if n == 0:
            raise E('zero')
        return 10 // n
    except ZeroDivisionError:
        return -1
    finally:
        print('finally', n)
print(f(2))
try:
    f(0)
except E as e:
    print('caught', repr(e))
try:
    {}['k']
except KeyError as e:
    try:
        raise ValueError('v') from e
    except ValueError as v:
        print(type(v.__cause__).__name__, v.__context__ is e)
`,
  classes: `class A:
    def __init__(self, x):
        self.x = x
    def __repr__(self):
        return f'A({self.x!r})'
    def __eq__(self, o):
        return isinstance(o, A) and o.x == self.x
    __hash__ = None
class B(A):
    def __init__(self, x, y):
        super().__init__(x)
        self.y = y
    @property
    def total(self):
        return self.x + self.y
    @staticmethod
    def s():
        return 'static'
    @classmethod
    def c(cls):
        return cls.__name__
b = B(1, 2)
print(b, b.total, B.s(), B.c(), b == A(1), [k for k in vars(b)])
print(sorted([3, 1, 2], reverse=True), '%5.2f|%-4s|%d' % (3.14159, 'ab', 7), '{:>6}|{:.3e}'.format('x', 12345.678))
`,
  uncaught: `def inner(d):
    return d['missing'] + 1
def outer():
    return inner({'present': 1})
outer()
`,
  nameerror: `counter_value = 1
print(counter_valu)
`,
};

describe.skipIf(!PY)('engine output matches python3', () => {
  for (const [name, src] of Object.entries(PROGRAMS)) {
    it(name, () => {
      const file = join(DIR, `${name}.py`);
      const want = python(file, src);
      const engine = run(src, 0, file);
      expect(engine.stdout).toBe(want.out);
      expect(engine.stderr).toBe(want.err);
      expect(engine.exitCode).toBe(want.code);
    });
  }
});

describe('the engine is a resumable, deterministic stepper', () => {
  const src = PROGRAMS.dels! + PROGRAMS.generators! + PROGRAMS.exceptions!;

  it('gives byte-identical logs for the same program', () => {
    expect(logWords(run(src).log)).toEqual(logWords(run(src).log));
  });

  it('gives the same log and output when run in slices of steps', () => {
    const whole = run(src);
    for (const n of [1, 7, 100]) {
      const sliced = run(src, n);
      expect(sliced.stdout).toBe(whole.stdout);
      expect(logWords(sliced.log)).toEqual(logWords(whole.log));
    }
  });

  it('stops at a line and goes on', () => {
    const engine = new Engine('x = 1\ny = 2\nz = x + y\nprint(z)\n', { filename: 'l.py' });
    expect(engine.run({ line: 3 })).toBe('line');
    expect(engine.stdout).toBe('');
    expect(engine.run()).toBe('done');
    expect(engine.stdout).toBe('3\n');
  });

  it('reports an exhausted step budget with status 1', () => {
    const engine = new Engine('x = 0\nwhile True:\n    x += 1\n', { filename: 'loop.py', maxSteps: 1000 });
    while (!engine.finished) engine.run({ steps: 300 });
    expect(engine.exitCode).toBe(1);
    expect(engine.stderr).toMatch(/step budget of 1000 instructions ran out at line 3\n$/);
    const whole = new Engine('x = 0\nwhile True:\n    x += 1\n', { filename: 'loop.py', maxSteps: 1000 });
    whole.run();
    expect(whole.stderr).toBe(engine.stderr);
  });
});

describe('the log folds into a consistent heap', () => {
  it('never drives a count below zero and frees only what it allocated', () => {
    const engine = run(PROGRAMS.dels! + PROGRAMS.classes!);
    const state = reduceLog(engine.log);
    for (const o of allObjects(state)) {
      if (o.allocEvent >= 0 && o.alive) expect(o.rc).toBeGreaterThan(0);
    }
    const e = { kind: 0 as EventKind, a: 0, b: 0, c: 0, d: 0 };
    const allocated = new Set<number>();
    for (let i = 0; i < engine.log.length; i++) {
      engine.log.read(i, e);
      if (e.kind === EventKind.Alloc) allocated.add(e.a);
      if (e.kind === EventKind.Free) expect(allocated.has(e.a)).toBe(true);
    }
  });
});

describe('run limits', () => {
  it('stops after a collection and at an event index', () => {
    const src = 'import gc\nx = [1]\ngc.collect()\nprint("after")\ngc.collect()\nprint("end")\n';
    const engine = new Engine(src, { filename: 'c.py' });
    expect(engine.run({ collection: true })).toBe('collection');
    expect(engine.stdout).toBe('');
    expect(engine.run({ collection: true })).toBe('collection');
    expect(engine.stdout).toBe('after\n');
    expect(engine.run()).toBe('done');
    const e2 = new Engine(src, { filename: 'c.py' });
    expect(e2.run({ event: 50 })).toBe('event');
    expect(e2.log.length).toBeGreaterThan(50);
    e2.run();
    expect(e2.stdout).toBe('after\nend\n');
  });
});

describe('the heap the log folds into is the runtime heap', () => {
  it('matches every tracked object: alive, refcount, size, generation', () => {
    const src = PROGRAMS.classes! + PROGRAMS.sizes! + 'import gc\ngc.collect(0)\nkeep = [[i] for i in range(50)]\ncyc = []\ncyc.append(cyc)\nend = 1\n';
    const engine = new Engine(src, { filename: 'h.py' });
    expect(engine.run({ line: src.split('\n').length - 1 })).toBe('line');
    // The collector's lists hold every tracked object the program still has.
    const state = reduceLog(engine.log);
    let checked = 0;
    for (const o of engine.trackedObjects()) {
      const s = getObject(state, o.id)!;
      expect(s.alive).toBe(true);
      expect(s.rc).toBe(o.rc);
      expect(s.gen).toBe(o.gen);
      expect(s.size).toBe(o.size);
      checked++;
    }
    expect(checked).toBeGreaterThan(50);
  });
});
