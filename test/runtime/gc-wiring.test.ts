// The runtime's side of the collector: who records Finalize, and when the automatic trigger may
// run (against python3).
import { describe, expect, it } from 'vitest';
import { Engine } from '../../packages/engine/src/engine.js';
import { EventKind } from '../../packages/engine/src/events/kinds.js';

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
