// A suspended generator's close is its tp_finalize (_PyGen_Finalize): recorded as one Finalize
// whichever path runs it — refcount death here, the collector in gc-wiring.test.ts — and none
// for a generator that is finished or never started (nothing to close).
import { describe, expect, it } from 'vitest';
import { Engine } from '../../packages/engine/src/engine.js';
import { EventKind } from '../../packages/engine/src/events/kinds.js';

function finalizeIds(source: string): { ids: number[]; stdout: string } {
  const engine = new Engine(source, { filename: 'prog.py' });
  engine.run();
  const e = { kind: 0 as EventKind, a: 0, b: 0, c: 0, d: 0 };
  const ids: number[] = [];
  for (let i = 0; i < engine.log.length; i++) {
    engine.log.read(i, e);
    if (e.kind === EventKind.Finalize) ids.push(e.a);
  }
  return { ids, stdout: engine.stdout };
}

describe('generator Finalize on refcount death', () => {
  it('records one Finalize when a suspended generator dies by refcount', () => {
    const { ids, stdout } = finalizeIds(`def gen():
    try:
        yield 1
    finally:
        print('closed')
g = gen()
next(g)
del g
print('end')
`);
    expect(stdout).toBe('closed\nend\n');
    expect(ids).toHaveLength(1);
  });

  it('records none for a finished or unstarted generator', () => {
    const { ids, stdout } = finalizeIds(`def gen():
    yield 1
g = gen()
list(g)
del g
h = gen()
del h
print('end')
`);
    expect(stdout).toBe('end\n');
    expect(ids).toHaveLength(0);
  });
});
