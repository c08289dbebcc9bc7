// Collector throughput on 100,000 objects, over a lean host (no events but the collector's own).
// Not a test (timings are not asserted anywhere): run with `npx tsx test/gc/bench.ts`.
import { EventLog } from '../../packages/engine/src/events/log.js';
import { Collector, type GcHost, type GcObject } from '../../packages/engine/src/gc/index.js';

class Obj implements GcObject {
  rc = 1;
  gcPrev: GcObject | null = null;
  gcNext: GcObject | null = null;
  gcRefs = 0;
  gcFlags = 0;
  gcGen = -1;
  refs: Obj[] = [];
  constructor(readonly id: number) {}
}

const N = 100_000;
const dying: Obj[] = [];
let draining = false;
let gc: Collector<Obj>;

const host: GcHost<Obj> = {
  isGc: () => true,
  traverse(o, visit) {
    const r = o.refs;
    for (let i = r.length - 1; i >= 0; i--) visit(r[i]!);
  },
  clear(o) {
    const r = o.refs;
    o.refs = [];
    for (const x of r) host.decref(x);
  },
  incref(o) {
    o.rc++;
  },
  decref(o) {
    if (--o.rc !== 0) return;
    dying.push(o);
    if (draining) return;
    draining = true;
    while (dying.length) {
      const d = dying.pop()!;
      gc.untrack(d);
      for (const x of d.refs) if (--x.rc === 0) dying.push(x);
      d.refs = [];
      gc.onGcFree();
    }
    draining = false;
  },
  hasFinalizer: () => false,
  finalize() {},
  hasLegacyFinalizer: () => false,
  isWeakref: () => false,
  firstWeakref: () => null,
  clearWeakref() {},
  weakrefHasCallback: () => false,
  callWeakrefCallback() {},
  isExactTuple: () => false,
  isExactDict: () => false,
  saveGarbage() {},
  clearFreeLists() {},
  invokeCallbacks() {},
  errorOccurred: () => false,
};

/** A ring of N objects; `held` keeps one outside reference on each. */
function ring(held: boolean): Obj[] {
  const xs: Obj[] = [];
  for (let i = 0; i < N; i++) {
    const o = new Obj(i + 1);
    gc.onGcAlloc();
    gc.track(o);
    xs.push(o);
  }
  for (let i = 0; i < N; i++) {
    xs[i]!.refs.push(xs[(i + 1) % N]!);
    xs[(i + 1) % N]!.rc++;
  }
  if (!held) for (const x of xs) x.rc--;
  return xs;
}

function time(f: () => void): number {
  const t = performance.now();
  f();
  return performance.now() - t;
}

const rows: string[] = [];
for (let round = 0; round < 8; round++) {
  gc = new Collector<Obj>(host, new EventLog());
  gc.enabled = false;
  const xs = ring(true);
  const young = time(() => gc.collect(0));
  const full = time(() => gc.collect(2));
  for (const x of xs) x.rc--;
  let n = 0;
  const garbage = time(() => {
    n = gc.collect(2);
  });
  if (n !== N) throw new Error(`collected ${n}`);
  rows.push(`survivors gen0→gen1 ${young.toFixed(1)} ms, full ${full.toFixed(1)} ms, garbage ${garbage.toFixed(1)} ms`);
}
console.log(`100,000 objects per collection (last rounds, JIT warm):\n${rows.slice(-3).join('\n')}`);
