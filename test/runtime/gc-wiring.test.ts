// The runtime's side of the collector: who records Finalize, and when the automatic trigger may
// run (against python3).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../packages/engine/src/engine.js';
import { EventKind } from '../../packages/engine/src/events/kinds.js';

function hasPython(): boolean {
  try {
    return execFileSync('python3', ['-c', 'import sys; print(sys.version_info[:2])'], { encoding: 'utf8' }).trim() === '(3, 11)';
  } catch {
    return false;
  }
}
const PY = hasPython();
const DIR = mkdtempSync(join(tmpdir(), 'refscope-gcw-'));

function run(source: string, file = 'prog.py'): Engine {
  const engine = new Engine(source, { filename: file });
  engine.run();
  return engine;
}

/** Finalize events by object, split by whether a collection (GcStart..GcStop) was running. */
function finalizes(engine: Engine): { inGc: number[]; outside: number[]; unreachable: Set<number> } {
  const e = { kind: 0 as EventKind, a: 0, b: 0, c: 0, d: 0 };
  const inGc: number[] = [];
  const outside: number[] = [];
  const unreachable = new Set<number>();
  let depth = 0;
  for (let i = 0; i < engine.log.length; i++) {
    engine.log.read(i, e);
    if (e.kind === EventKind.GcStart) depth++;
    else if (e.kind === EventKind.GcStop) depth--;
    else if (e.kind === EventKind.Unreachable) unreachable.add(e.a);
    else if (e.kind === EventKind.Finalize) (depth > 0 ? inGc : outside).push(e.a);
  }
  return { inGc, outside, unreachable };
}

describe('Finalize is recorded once per __del__', () => {
  it('for a cycle collected by gc.collect() and for refcount death', () => {
    const src = `import gc
class A:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print('del', self.name)
gc.disable()
a = A('a')
b = A('b')
a.other = b
b.other = a
del a, b
print('collected', gc.collect())
c = A('c')
del c
print('end')
`;
    const engine = run(src);
    expect(engine.stdout).toBe('del a\ndel b\ncollected 2\ndel c\nend\n');
    const { inGc, outside, unreachable } = finalizes(engine);
    // Two __del__ calls by the collector, each recorded once (by the collector).
    expect(inGc).toHaveLength(2);
    expect(new Set(inGc).size).toBe(2);
    for (const id of inGc) expect(unreachable.has(id)).toBe(true);
    // One by refcount death, recorded once (by the runtime).
    expect(outside).toHaveLength(1);
    expect(inGc).not.toContain(outside[0]);
  });

  it('for a generator finalized by the collector', () => {
    const src = `import gc
def gen():
    try:
        yield 1
    finally:
        print('closed')
gc.disable()
g = gen()
next(g)
l = [g]
l.append(l)
del g, l
gc.collect()
`;
    const engine = run(src);
    expect(engine.stdout).toBe('closed\n');
    const { inGc } = finalizes(engine);
    expect(inGc).toHaveLength(1);
  });
});

// CPython 3.11 skips the automatic collection when an exception is set (_PyErr_Occurred), but
// no allocation of the raise/unwind path happens with it set: _PyFrame_MakeAndSetFrameObject and
// PyTraceBack_Here fetch the exception before allocating, and the exception is normalized after
// _PyErr_Fetch. So collections run during unwinding, at exactly threshold + 1.
const UNWIND = `import gc

state = 'idle'
log = []
def cb(phase, info):
    if phase == 'start':
        log.append((state, gc.get_count()[0]))

def inner(i):
    global state
    e = ValueError(i)
    state = 'unwinding'
    raise e

def middle(i):
    inner(i)

def outer(i, keep):
    global state
    try:
        middle(i)
    except ValueError as e:
        state = 'caught'
        keep.append(e)

gc.collect()
gc.callbacks.append(cb)
for th in (3, 4, 5, 6, 7):
    keep = []
    log.clear()
    gc.set_threshold(th)
    for i in range(12):
        outer(i, keep)
    gc.set_threshold(700)
    during = sorted(set(c for s, c in log if s == 'unwinding'))
    print(th, len(log) > 0, during)
    del keep
    gc.collect()
gc.callbacks.remove(cb)
`;

describe.skipIf(!PY)('the automatic trigger while exceptions propagate matches python3', () => {
  it('collects during unwinding, never skipping an allocation', () => {
    const file = join(DIR, 'unwind.py');
    writeFileSync(file, UNWIND);
    const want = execFileSync('python3', [file], { encoding: 'utf8', env: { PATH: process.env.PATH, PYTHONHASHSEED: '0' } });
    expect(want).toBe('3 True [4]\n4 True [5]\n5 True [6]\n6 True [7]\n7 True [8]\n');
    const engine = run(UNWIND, file);
    expect(engine.stderr).toBe('');
    expect(engine.stdout).toBe(want);
  });
});
