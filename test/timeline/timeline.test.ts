import { describe, expect, it } from 'vitest';
import {
  EventKind, EventLog, Holder, Timeline, reduceLog, allObjects, summary, type HeapState,
} from '@refscope/engine';
import { PROGRESS_EVENTS } from '../../packages/engine/src/timeline/index.js';
import { PROGRAMS, conformanceCases, find, run } from './helpers.js';

/** A compact fingerprint of a state: summary, call stack, allocator and every object's fields. */
function digest(s: HeapState): unknown {
  const objects: unknown[] = [];
  for (const o of allObjects(s)) {
    objects.push([o.id, o.type, o.size, o.rc, o.gen, o.tracked, o.allocLine, o.allocEvent, o.alive, o.unreachable, o.finalized, o.refs && Object.entries(o.refs).map(([k, r]) => [k, r.n, r.holder, r.slot])]);
  }
  return JSON.parse(JSON.stringify({ summary: summary(s), frames: s.frames, line: s.line, frame: s.frame, alloc: s.alloc, gc: s.gc, stderr: s.stderr, exit: s.exit, objects }));
}

/** Seeks in random order and compares each state with a sequential reduction to the same index. */
function checkSeeks(log: EventLog, count: number, seed: number, every?: number): void {
  const tl = new Timeline(log, every ? { checkpointEvery: every } : {});
  let x = seed;
  const random = (): number => ((x = (x * 1103515245 + 12345) >>> 0) / 2 ** 32);
  const picks = Array.from({ length: count }, () => Math.floor(random() * log.length));
  picks.push(0, log.length - 1);
  const expected = new Map<number, unknown>();
  const state = reduceLog(log, -1);
  for (const i of [...new Set(picks)].sort((a, b) => a - b)) {
    reduceLog(log, i, state);
    expected.set(i, digest(state));
  }
  for (const i of picks) expect(digest(tl.stateAt(i)), `state at ${i}`).toEqual(expected.get(i));
}

describe('Timeline.stateAt', () => {
  for (const [name, source] of Object.entries(PROGRAMS)) {
    it(`${name}: equals sequential reduction at random indices, with small and default spacing`, () => {
      const log = run(source);
      checkSeeks(log, 40, 7, 64);
      checkSeeks(log, 20, 11);
    });
  }

  it('reports the progress of a long build of checkpoints, ending at done === target, and seeks the same', () => {
    const log = new EventLog();
    const n = Math.floor(PROGRESS_EVENTS * 2.5);
    for (let i = 0; i < n; i++) log.push(EventKind.Line, 1 + (i % 50), 0);
    const calls: [number, number][] = [];
    const tl = new Timeline(log, { progress: (done, target) => calls.push([done, target]) });
    const at = n - 10;
    expect(tl.stateAt(at).line).toBe(reduceLog(log, at).line);
    const target = calls[calls.length - 1]![1];
    expect(calls.length).toBe(3);
    expect(calls.every(([, t]) => t === target)).toBe(true);
    expect(calls.map(([d]) => d)).toEqual([PROGRESS_EVENTS, 2 * PROGRESS_EVENTS, target]);
    // Short builds say nothing.
    calls.length = 0;
    tl.stateAt(n - 1);
    expect(calls).toEqual([]);
  });

  it('returns frozen states, so no one changes a state another shares', () => {
    const tl = new Timeline(run(PROGRAMS.cycle!), { checkpointEvery: 50 });
    const s = tl.stateAt(tl.length - 1);
    expect(Object.isFrozen(s)).toBe(true);
    expect(Object.isFrozen(s.gc.count)).toBe(true);
    expect(() => {
      (s.gc.count as number[])[0] = 99;
    }).toThrow();
    expect(() => tl.stateAt(tl.length)).toThrow(RangeError);
    expect(() => tl.stateAt(-1)).toThrow(RangeError);
  });

  const cases = conformanceCases();
  describe.skipIf(cases.length === 0)('conformance programs', () => {
    for (const { name, source } of cases) {
      it(`${name}: seek equals sequential reduction`, (ctx) => {
        let log: EventLog;
        try {
          log = run(source);
        } catch (e) {
          // An engine failure is the engine's tests' business; there is no recording to seek in.
          return ctx.skip(`the engine failed on ${name}: ${(e as Error).message}`);
        }
        checkSeeks(log, log.length > 1_000_000 ? 3 : 8, name.length * 7919);
      }, 180_000);
    }
  });
});

describe('stepping, history and why (a small program with known answers)', () => {
  const source = [
    'import gc', //        1
    'class Node:', //      2
    '    pass', //         3
    'def make():', //      4
    '    n = Node()', //   5
    '    return n', //     6
    'a = make()', //       7
    'b = [a]', //          8
    'del a', //            9
    'gc.collect()', //     10
    '',
  ].join('\n');
  const log = run(source);
  const tl = new Timeline(log, { checkpointEvery: 100 });
  const nodeType = log.strings.indexOf('Node');
  const allocAt = find(log, EventKind.Alloc, (e) => e.b === nodeType);
  const node = log.get(allocAt).a;
  const lineEvent = (line: number, from = 0): number => find(log, EventKind.Line, (e) => e.a === line, from);
  const moduleFrame = log.get(lineEvent(7)).b;

  it('steps over a call, into it, and back', () => {
    const at7 = lineEvent(7);
    const at8 = lineEvent(8);
    expect(tl.nextLine(at7)).toBe(at8);
    expect(log.get(tl.nextLine(at7)!).b).toBe(moduleFrame);
    // Step into lands on the callee's first line event (its `def` line, where RESUME is).
    const into = tl.stepInto(at7)!;
    expect(log.get(into)).toMatchObject({ kind: EventKind.Line, a: 4 });
    expect(log.get(into).b).not.toBe(moduleFrame);
    // Inside make, stepping over line 5's Node() call goes to line 6 of the same frame.
    const at5 = lineEvent(5, into);
    expect(log.get(tl.nextLine(at5)!)).toMatchObject({ kind: EventKind.Line, a: 6 });
    // From line 6 (the return), step over goes out to the caller's next line.
    expect(tl.nextLine(lineEvent(6, into))).toBe(at8);
    // Back over: from line 8 to line 7, skipping the lines inside make.
    expect(tl.prevLine(at8)).toBe(at7);
    expect(tl.prevEvent(at8)).toBe(at8 - 1);
    expect(tl.nextEvent(tl.length - 1)).toBeNull();
  });

  it('steps by collection', () => {
    const stop = find(log, EventKind.GcStop);
    expect(tl.nextCollection(0)).toBe(stop);
    expect(tl.prevCollection(stop)).toBeNull();
    expect(tl.prevCollection(stop + 1)).toBe(stop);
    expect(tl.collectionEnds().length).toBe(tl.stateAt(tl.length - 1).gc.collections.reduce((a, b) => a + b, 0));
  });

  it('tells the line executing at any event', () => {
    expect(tl.lineAt(allocAt)).toBe(5);
    expect(tl.lineAt(lineEvent(9))).toBe(9);
    for (const i of [0, allocAt, lineEvent(8) + 1, tl.length - 1]) expect(tl.lineAt(i)).toBe(reduceLog(log, i).line);
  });

  it('tells the frame running at any event, as the reducer does', () => {
    const state = reduceLog(log, -1);
    for (let i = 0; i < tl.length; i++) {
      reduceLog(log, i, state);
      expect(tl.frameAt(i), `event ${i}`).toBe(state.frame);
    }
  });

  it("gives an object's history: allocation line, every refcount change with its holder, free", () => {
    const h = tl.history(node);
    expect(h).toMatchObject({ obj: node, type: 'Node', allocEvent: allocAt, allocLine: 5 });
    expect(h.events[0]!.event).toMatchObject({ kind: 'alloc', obj: node, type: 'Node' });
    const refs = h.events.filter((e) => e.event.kind === 'incref' || e.event.kind === 'decref');
    expect(refs.some((e) => e.event.kind === 'decref' && e.event.holder === 'local' && e.event.slot === 'n' && e.line === 6)).toBe(true);
    expect(refs.some((e) => e.event.kind === 'incref' && e.event.holder === 'value' && e.event.slot === 'a' && e.line === 7)).toBe(true);
    expect(refs.some((e) => e.event.kind === 'incref' && e.event.holder === 'item' && e.event.slot === 0 && e.line === 8)).toBe(true);
    expect(refs.some((e) => e.event.kind === 'decref' && e.event.holder === 'value' && e.event.slot === 'a' && e.line === 9)).toBe(true);
    // The running refcount matches the reducer's at every step.
    for (const e of h.events) expect(e.rc).toBe(reduceLog(log, e.i).pages[node >> 8]![node & 255]!.rc);
    // The last change before/after an index is the neighbouring history entry.
    const k = Math.floor(h.events.length / 2);
    expect(tl.lastChange(node, h.events[k]!.i)).toBe(h.events[k - 1]!.i);
    expect(tl.nextChange(node, h.events[k]!.i)).toBe(h.events[k + 1]!.i);
    expect(tl.lastChange(node, allocAt)).toBeNull();
    expect(h.freeEvent === null ? null : tl.nextChange(node, h.freeEvent)).toBeNull();
  });

  it('says why an object is alive: a local inside make, then a global list', () => {
    const inMake = tl.whyAlive(node, lineEvent(6));
    expect(inMake.alive).toBe(true);
    expect(inMake.root).toMatchObject({ kind: 'local' });
    expect(inMake.path).toEqual([{ obj: node, type: 'Node', holder: 'local', slot: 'n' }]);

    const afterDel = tl.whyAlive(node, lineEvent(10));
    expect(afterDel.root).toMatchObject({ kind: 'global' });
    expect(afterDel.path.map((p) => [p.type, p.holder, p.slot])).toEqual([
      ['list', 'value', 'b'],
      ['Node', 'item', 0],
    ]);
    expect(afterDel.path[1]!.obj).toBe(node);

    const before = tl.whyAlive(node, allocAt - 1);
    expect(before).toMatchObject({ alive: false, root: null, path: [] });
  });

  it('finds no root for a cycle left as garbage, until the collector frees it', () => {
    const cyc = run(PROGRAMS.cycle!);
    const t = new Timeline(cyc);
    const nodeType = cyc.strings.indexOf('Node');
    const first = find(cyc, EventKind.Alloc, (e) => e.b === nodeType);
    const a = cyc.get(first).a;
    const collectLine = find(cyc, EventKind.Line, (e) => e.a === 9);
    const garbage = t.whyAlive(a, collectLine);
    expect(garbage).toMatchObject({ alive: true, root: null, path: [] });
    // While both names are bound, `a` is reached from the globals.
    const bound = t.whyAlive(a, find(cyc, EventKind.Line, (e) => e.a === 8));
    expect(bound.root).toMatchObject({ kind: 'global' });
    expect(bound.path[bound.path.length - 1]!.obj).toBe(a);
    expect(t.whyAlive(a, t.length - 1).alive).toBe(false);
  });

  it('finds the globals even when the module no longer holds its dict by an event (a long churn)', () => {
    const churn = run(PROGRAMS.churn!);
    const t = new Timeline(churn);
    // The last list appended to `keep`: held by keep's item, keep by the global 'keep'.
    const listType = churn.strings.indexOf('list');
    let kept = -1;
    for (let i = churn.length - 1; i >= 0 && kept < 0; i--) {
      if (churn.kind(i) !== EventKind.Incref) continue;
      const e = churn.get(i);
      if (e.b === Holder.Item && churn.get(find(churn, EventKind.Alloc, (x) => x.a === e.c)).b === listType && t.stateAt(i).pages[e.a >> 8]![e.a & 255]!.type === 'list') kept = e.a;
    }
    const at = find(churn, EventKind.Stdout) - 1;
    const why = t.whyAlive(kept, at);
    expect(why.root).toMatchObject({ kind: 'global' });
    expect(why.path.map((p) => [p.type, p.holder, p.slot])).toEqual([
      ['list', 'value', 'keep'],
      ['list', 'item', why.path[1]!.slot],
    ]);
    expect(why.path[1]!.obj).toBe(kept);
  });

  it('groups live objects by type and by allocation line, and samples memory over time', () => {
    const end = tl.length - 1;
    const state = reduceLog(log, lineEvent(10));
    const byType = tl.liveByType(lineEvent(10));
    const manual = new Map<string, { objects: number; bytes: number }>();
    for (const o of allObjects(state)) {
      if (!o.alive || o.allocEvent < 0) continue;
      const g = manual.get(o.type) ?? { objects: 0, bytes: 0 };
      g.objects++;
      g.bytes += o.size;
      manual.set(o.type, g);
    }
    expect(new Map(byType.map((g) => [g.key as string, { objects: g.objects, bytes: g.bytes }]))).toEqual(manual);
    expect(byType.find((g) => g.key === 'Node')).toMatchObject({ objects: 1, bytes: 56 });
    const byLine = tl.liveByLine(lineEvent(10));
    expect(byLine.find((g) => g.key === 5)?.objects).toBeGreaterThanOrEqual(1);
    expect(byLine.reduce((n, g) => n + g.objects, 0)).toBe(state.objects);

    const m = tl.memory(10);
    expect(m.index[m.index.length - 1]).toBe(end);
    expect(m.index.length).toBeLessThanOrEqual(11);
    expect(m.bytes[m.bytes.length - 1]).toBe(reduceLog(log).bytes);
    const peak = reduceLog(log, m.peak.index);
    expect(peak.bytes).toBe(m.peak.bytes);
    for (const i of m.index) expect(reduceLog(log, i).bytes).toBeLessThanOrEqual(m.peak.bytes);
    // Holder kinds seen in the program are what the reducer recorded.
    expect(Holder.Local).toBe(2);
  });

  it('totals every allocation of the run per line and per type, and summarises any state', () => {
    const all = tl.allocations();
    let count = 0;
    let bytes = 0;
    for (let i = 0; i < log.length; i++) {
      if (log.kind(i) !== EventKind.Alloc) continue;
      count++;
      bytes += log.get(i).c;
    }
    expect(all).toMatchObject({ count, bytes });
    expect(all.byType.reduce((n, g) => n + g.objects, 0)).toBe(count);
    expect(all.byLine.reduce((n, g) => n + g.bytes, 0)).toBe(bytes);
    expect(all.byLine.find((g) => g.key === 5)).toMatchObject({ objects: 1, bytes: 56 });
    expect(all.byType.find((g) => g.key === 'Node')).toMatchObject({ objects: 1, bytes: 56 });
    expect(tl.summaryAt(allocAt)).toEqual(summary(reduceLog(log, allocAt), log.length));
  });
});
