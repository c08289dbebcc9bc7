// Properties of the collector on random object graphs (no finalizers or weakrefs, whose effects
// are covered scenario by scenario): a collection of generation g frees exactly the objects of
// generations 0..g that nothing outside those generations reaches, and leaves every list whole.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GC_COLLECTING, GC_UNREACHABLE, GEN_PERMANENT } from '../../packages/engine/src/gc/index.js';
import { Heap, type Kind, type Obj } from './heap.js';

interface Graph {
  kinds: Kind[];
  /** edges[i] = the objects node i holds (indices), in storage order. */
  edges: number[][];
  /** Nodes the test keeps a reference to. */
  roots: number[];
  /** Collections to run after each node is built: -1 none, else the generation. */
  collectAfter: number[];
  generation: number;
}

const graphs: fc.Arbitrary<Graph> = fc.integer({ min: 1, max: 40 }).chain((n) =>
  fc.record({
    kinds: fc.array(fc.constantFrom<Kind>('instance', 'list', 'list', 'tuple', 'dict'), { minLength: n, maxLength: n }),
    edges: fc.array(fc.array(fc.integer({ min: 0, max: n - 1 }), { maxLength: 3 }), { minLength: n, maxLength: n }),
    roots: fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { maxLength: 4 }),
    collectAfter: fc.array(fc.constantFrom(-1, -1, -1, -1, 0, 1, 2), { minLength: n, maxLength: n }),
    generation: fc.integer({ min: 0, max: 2 }),
  }),
);

/** Builds the graph: nodes in order, a tuple's items fixed at creation (only to earlier nodes). */
function build(h: Heap, g: Graph): Obj[] {
  const xs: Obj[] = [];
  g.kinds.forEach((kind, i) => {
    if (kind === 'tuple') {
      xs.push(h.tuple(g.edges[i]!.filter((j) => j < i).map((j) => xs[j]!), `t${i}`));
    } else {
      xs.push(kind === 'dict' ? h.dict(`d${i}`) : h.alloc(kind, `${kind[0]}${i}`));
    }
    if (g.collectAfter[i]! >= 0) h.gc.collect(g.collectAfter[i]);
  });
  g.kinds.forEach((kind, i) => {
    if (kind === 'tuple') return;
    for (const j of g.edges[i]!) {
      if (kind === 'dict') h.dictSet(xs[i]!, xs[j]!);
      else h.append(xs[i]!, xs[j]!);
    }
  });
  for (const r of g.roots) h.hold(xs[r]!);
  for (const x of xs) h.release(x);
  return xs;
}

const names = (xs: Obj[]): string[] => xs.map(String);

/** Everything reachable from `from` through strong references. */
function reach(from: Iterable<Obj>): Set<Obj> {
  const seen = new Set<Obj>();
  const stack = [...from];
  while (stack.length) {
    const o = stack.pop()!;
    if (seen.has(o)) continue;
    seen.add(o);
    stack.push(...o.refs);
  }
  return seen;
}

/** The generation lists hold exactly the tracked live objects, with consistent links and no marks. */
function checkLists(h: Heap, xs: Obj[]): void {
  const listed = new Set<Obj>();
  for (const gen of [0, 1, 2, GEN_PERMANENT]) {
    const objs = gen === GEN_PERMANENT ? [] : h.gc.getObjects(gen);
    for (const o of objs) {
      expect(o.gcGen).toBe(gen);
      expect(o.gcNext!.gcPrev).toBe(o);
      expect(o.gcPrev!.gcNext).toBe(o);
      expect(o.gcFlags & (GC_COLLECTING | GC_UNREACHABLE)).toBe(0);
      listed.add(o);
    }
  }
  for (const x of xs) {
    if (!x.alive) expect(x.gcNext).toBe(null);
    else expect(listed.has(x)).toBe(x.gcNext !== null);
  }
}

describe('collections on random graphs', () => {
  it('free exactly what nothing outside the collected generations reaches', () => {
    fc.assert(
      fc.property(graphs, (g) => {
        const h = new Heap();
        h.gc.enabled = false;
        const xs = build(h, g);
        checkLists(h, xs);
        const alive = xs.filter((x) => x.alive);
        // Roots of the collection: what the test holds, and the tracked objects of older
        // generations. Untracked objects (tuples and dicts of atoms) hold no cycles.
        const held = g.roots.map((r) => xs[r]!);
        const older = alive.filter((o) => o.gcNext !== null && o.gcGen > g.generation);
        const survivors = reach([...held, ...older]);
        const collectable = alive.filter((o) => !survivors.has(o) && o.gcNext !== null);
        expect(h.gc.collect(g.generation)).toBe(collectable.length);
        // The garbage is gone (and may take older objects it alone held with it); what the
        // test's references reach is all still there.
        expect(collectable.filter((o) => o.alive)).toEqual([]);
        expect([...reach(held)].filter((o) => !o.alive)).toEqual([]);
        checkLists(h, xs);
        // A full collection then leaves exactly what the test's references reach.
        h.gc.collect(2);
        expect(names(xs.filter((x) => x.alive))).toEqual(names(xs.filter((x) => reach(held).has(x))));
        checkLists(h, xs);
      }),
      { numRuns: 300 },
    );
  });
});

describe('collections with finalizers and weak references on random graphs', () => {
  const withExtras = fc.record({
    graph: graphs,
    /** Nodes whose class has __del__; the finalizer resurrects the object when its flag is set. */
    dels: fc.array(fc.tuple(fc.nat(), fc.boolean()), { maxLength: 6 }),
    /** Weakrefs: (referent, with a callback, kept by the test). */
    weak: fc.array(fc.tuple(fc.nat(), fc.boolean(), fc.boolean()), { maxLength: 6 }),
  });

  it('run each __del__ at most once, clear every weakref to a dead object, and keep the lists whole', () => {
    fc.assert(
      fc.property(withExtras, ({ graph, dels, weak }) => {
        const h = new Heap();
        h.gc.enabled = false;
        const n = graph.kinds.length;
        const saved = h.list([], 'saved');
        const delCount = new Map<Obj, number>();
        const resurrect = new Set<number>();
        const classes = new Map<number, Obj>();
        for (const [i, res] of dels) {
          const k = i % n;
          if (graph.kinds[k] !== 'instance' || classes.has(k)) continue;
          if (res) resurrect.add(k);
          classes.set(k, h.cls(`C${k}`, (self) => {
            delCount.set(self, (delCount.get(self) ?? 0) + 1);
            if (resurrect.has(k)) h.append(saved, self);
          }));
        }
        // Build as before, but instances with a class get it (and its __del__).
        const xs: Obj[] = [];
        graph.kinds.forEach((kind, i) => {
          if (kind === 'tuple') xs.push(h.tuple(graph.edges[i]!.filter((j) => j < i).map((j) => xs[j]!), `t${i}`));
          else if (kind === 'dict') xs.push(h.dict(`d${i}`));
          else if (kind === 'instance') xs.push(h.instance(`i${i}`, classes.get(i) ?? null));
          else xs.push(h.alloc(kind, `${kind[0]}${i}`));
          if (graph.collectAfter[i]! >= 0) h.gc.collect(graph.collectAfter[i]);
        });
        graph.kinds.forEach((kind, i) => {
          if (kind === 'tuple') return;
          for (const j of graph.edges[i]!) {
            if (kind === 'dict') h.dictSet(xs[i]!, xs[j]!);
            else h.append(xs[i]!, xs[j]!);
          }
        });
        const refs: Obj[] = [];
        for (const [i, cb, keep] of weak) {
          const target = xs[i % n]!;
          if (target.kind !== 'instance') continue;
          const wr = h.weakref(target, cb ? () => {} : null);
          if (keep) refs.push(wr);
          else h.append(target, wr); // a weakref held by its own referent: garbage with it
          if (!keep) h.release(wr);
        }
        for (const r of graph.roots) h.hold(xs[r]!);
        for (const x of xs) h.release(x);
        for (const c of classes.values()) h.release(c);

        h.gc.collect(graph.generation);
        checkLists(h, xs);
        h.gc.collect();
        checkLists(h, xs);
        // Let the resurrected objects go (their deaths may finalize, and resurrect, others).
        for (let round = 0; round <= n && (saved.refs.length > 0 || round === 0); round++) {
          h.clear(saved);
          h.gc.collect();
        }
        expect(saved.refs).toEqual([]);
        checkLists(h, xs);
        for (const count of delCount.values()) expect(count).toBe(1);
        for (const x of xs) if (!x.alive) expect(x.weakrefs).toEqual([]);
        for (const wr of refs) if (wr.referent !== null) expect(wr.referent.alive).toBe(true);
        const held = reach(graph.roots.map((r) => xs[r]!));
        expect(names(xs.filter((x) => x.alive))).toEqual(names(xs.filter((x) => held.has(x))));
      }),
      { numRuns: 300 },
    );
  });
});
