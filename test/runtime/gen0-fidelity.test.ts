// gen0 counts (gc.get_count()[0]) around exception objects, against python3: each program
// measures the count change of small operations between full collections, so any extra or
// missing GC allocation in the model shows as a different number.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../packages/engine/src/engine.js';

function hasPython(): boolean {
  try {
    return execFileSync('python3', ['-c', 'import sys; print(sys.version_info[:2])'], { encoding: 'utf8' }).trim() === '(3, 11)';
  } catch {
    return false;
  }
}
const PY = hasPython();
const DIR = mkdtempSync(join(tmpdir(), 'refscope-gen0-'));

/** Runs the program in python3 and in the engine; returns both stdouts. */
function both(name: string, source: string): { want: string; got: string } {
  const file = join(DIR, `${name}.py`);
  writeFileSync(file, source);
  const want = execFileSync('python3', [file], { encoding: 'utf8', env: { PATH: process.env.PATH, PYTHONHASHSEED: '0', PYTHONUNBUFFERED: '1' } });
  const engine = new Engine(source, { filename: file });
  engine.run();
  return { want, got: engine.stdout };
}

const MEASURE = `import gc
r = []
keep = []
def m(f):
    gc.collect()
    x = gc.get_count()[0]
    f()
    y = gc.get_count()[0]
    r.append(y - x)
`;

describe.skipIf(!PY)('gen0 counts around exceptions match python3', () => {
  it('raise and catch through three frames, ValueError(1), one-item lists', () => {
    const { want, got } = both('raise', `${MEASURE}
def a(): raise ValueError(1)
def b(): a()
def c(): b()
def t1():
    try:
        c()
    except ValueError:
        pass
def t2():
    global e
    e = ValueError(1)
def t3(): keep.append([1])
def t4(): keep.append((1, 2))
def t5():
    try:
        raise KeyError('x')
    except KeyError:
        pass
def t6():
    for i in range(10):
        try:
            c()
        except ValueError:
            pass
for f in (t1, t2, t3, t4, t5, t6, t1, t2):
    m(f)
print(r)
`);
    expect(got).toBe(want);
  });

  it('a class call hands one argument tuple to BaseException.__new__ and __init__', () => {
    const { want, got } = both('args', `${MEASURE}
class E(Exception): pass
def t1(): keep.append(E(1))
def t2(): keep.append(KeyError('a', 'b'))
def t3(): keep.append(StopIteration(3))
def t4(): keep.append(OSError(2, 'x'))
for f in (t1, t2, t3, t4):
    m(f)
print(r, E(1).args, KeyError('a', 'b').args, StopIteration(3).value)
`);
    expect(got).toBe(want);
  });

  it('a kept exception keeps its frames: take_ownership links f_back, making the caller\'s frame object', () => {
    const { want, got } = both('fback', `${MEASURE}
def t1():
    try:
        {}['k']
    except KeyError as e:
        keep.append(e)
def t2():
    try:
        raise ValueError('v')
    except ValueError as e:
        keep.append(e)
def t3():
    try:
        {}['k']
    except KeyError:
        pass
for f in (t1, t2, t3):
    m(f)
print(r)
`);
    expect(got).toBe(want);
  });

  it('an exception gets an ordinary __dict__ on its first attribute', () => {
    const { want, got } = both('excdict', `${MEASURE}
import sys
class F(Exception):
    def __init__(self, m):
        super().__init__(m)
        self.m = m
class G(Exception): pass
def t1(): keep.append(F(1))
def t2():
    e = ValueError(1); e.x = 1; keep.append(e)
def t3():
    e = G(1); e.__dict__; keep.append(e)
for f in (t1, t2, t3):
    m(f)
e = ValueError(1); e.x = 5
print(r, e.x, e.__dict__, sys.getsizeof(e.__dict__), G(1).__dict__)
del e.x
print(e.__dict__, hasattr(e, 'x'))
`);
    expect(got).toBe(want);
  });

  it('a subclass of an exception is the size of its builtin base plus its own slots and __weakref__', () => {
    const { want, got } = both('excsize', `import sys
class G(Exception): pass
class H(Exception): __slots__ = ()
class I(G): pass
class J(Exception): __slots__ = ('a',)
class K(KeyError): pass
class L(OSError): pass
print([sys.getsizeof(c()) for c in (G, H, I, J, K, L, OSError, ValueError)])
`);
    expect(got).toBe(want);
  });

  it('print packs its positional arguments in a tuple; its writes allocate no GC object', () => {
    const { want, got } = both('print', `import gc, sys, io
print(end='')  # the first print of a process also initialises print's argument parser
s = io.StringIO()
out = []
def run(label, fn):
    r = []
    for k in range(5):
        gc.collect()
        x = gc.get_count()[0]
        for i in range(k):
            fn()
        y = gc.get_count()[0]
        r.append(y - x)
    out.append((label, r))
run('x', lambda: print('x', end=''))
run('nl', lambda: print())
run('a', lambda: print('a'))
run('ab', lambda: print('a', 'b'))
run('abc', lambda: print('a', 'b', 'c', sep='-', end='!'))
run('write', lambda: sys.stdout.write('w'))
run('file', lambda: print('a', 1, file=s))
print()
print(out)
`);
    expect(got).toBe(want);
  });
});
