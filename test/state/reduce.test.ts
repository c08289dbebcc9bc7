import { describe, expect, it } from 'vitest';
import { produce } from 'immer';
import {
  EventLog, EventKind, Holder, GcPhase, Domain, applyEvent,
  reduceLog, summary, getObject, referrers, buildCheckpoints, stateAt, advance, createHeapState,
  type EventRecord,
} from '@refscope/engine';

/**
 * The classic two-node cycle, written by hand as the engine should record it:
 *   a = Node(); b = Node(); a.other = b; b.other = a; del a, b; gc.collect()
 */
function twoNodeCycle(): EventLog {
  const log = new EventLog();
  const node = log.str('Node');
  const other = log.str('other');
  const a = log.str('a');
  const b = log.str('b');
  log.push(EventKind.FrameEnter, 0, log.str('<module>'), 1);
  log.push(EventKind.Line, 1, 0);
  log.push(EventKind.Alloc, 10, node, 56, -1);
  log.push(EventKind.Track, 10, 0);
  log.push(EventKind.GcCount, 1, 0, 0);
  log.push(EventKind.Incref, 10, Holder.Value, 1, a); // globals['a'] = ...
  log.push(EventKind.Decref, 10, Holder.Temp, -1, -1); // the creator's reference
  log.push(EventKind.Line, 2, 0);
  log.push(EventKind.Alloc, 11, node, 56, -1);
  log.push(EventKind.Track, 11, 0);
  log.push(EventKind.GcCount, 2, 0, 0);
  log.push(EventKind.Incref, 11, Holder.Value, 1, b);
  log.push(EventKind.Decref, 11, Holder.Temp, -1, -1);
  log.push(EventKind.Line, 3, 0);
  log.push(EventKind.Incref, 11, Holder.Attr, 10, other);
  log.push(EventKind.Line, 4, 0);
  log.push(EventKind.Incref, 10, Holder.Attr, 11, other);
  log.push(EventKind.Line, 5, 0);
  log.push(EventKind.Decref, 10, Holder.Value, 1, a);
  log.push(EventKind.Decref, 11, Holder.Value, 1, b);
  log.push(EventKind.Line, 6, 0);
  log.push(EventKind.GcStart, 2, 0, 0, 0);
  log.push(EventKind.GcPhase, GcPhase.UpdateRefs, 2);
  log.push(EventKind.GcPhase, GcPhase.MoveUnreachable, 2);
  log.push(EventKind.Unreachable, 10);
  log.push(EventKind.Unreachable, 11);
  log.push(EventKind.GcPhase, GcPhase.DeleteGarbage, 2);
  log.push(EventKind.Decref, 11, Holder.Attr, 10, other);
  log.push(EventKind.Free, 11); // b's last reference went with a.other... (order as the engine picks)
  log.push(EventKind.Decref, 10, Holder.Attr, 11, other);
  log.push(EventKind.Free, 10);
  log.push(EventKind.GcStop, 2, 2, 0);
  log.push(EventKind.Stdout, log.str('2\n'));
  log.push(EventKind.FrameExit, 0);
  log.push(EventKind.Exit, 0);
  return log;
}

describe('applyEvent / reduceLog', () => {
  it('follows refcounts, references held and the collection of a two-node cycle', () => {
    const log = twoNodeCycle();
    // After line 4 (index of the second Attr incref): both alive, rc 2 each, each holds the other.
    const at = 16;
    expect(log.get(at)).toMatchObject({ kind: EventKind.Incref, b: Holder.Attr });
    const mid = reduceLog(log, at);
    expect(mid.index).toBe(at);
    expect(mid.line).toBe(4);
    expect(getObject(mid, 10)).toMatchObject({ type: 'Node', rc: 2, alive: true, tracked: true, gen: 0, allocLine: 1 });
    expect(getObject(mid, 11)).toMatchObject({ rc: 2, allocLine: 2 });
    expect(getObject(mid, 10)!.refs![11]).toEqual({ n: 1, holder: Holder.Attr, slot: log.str('other') });
    expect(referrers(mid, 10).map((r) => r.holder.id)).toEqual([1, 11]); // globals dict and b.other
    expect(summary(mid, log.length)).toMatchObject({ objects: 2, bytes: 112, gc: { count: [2, 0, 0] } });

    // After del: refcount 1 each, only the cycle keeps them.
    const afterDel = reduceLog(log, 19);
    expect(getObject(afterDel, 10)!.rc).toBe(1);
    expect(getObject(afterDel, 11)!.rc).toBe(1);

    const end = reduceLog(log);
    expect(getObject(end, 10)).toMatchObject({ alive: false, rc: 0, unreachable: true });
    expect(end.gc.last).toEqual({ gen: 2, collected: 2, uncollectable: 0, unreachable: 2, start: 21, stop: 31 });
    expect(end.exit).toBe(0);
    expect(summary(end)).toEqual({
      index: log.length - 1,
      total: log.length,
      line: 6,
      objects: 0,
      bytes: 0,
      gc: { count: [0, 0, 0], threshold: [700, 10, 10], collections: [0, 0, 1] },
      stdout: '2\n',
    });
  });

  it('keeps object bytes and allocator state in step with Resize, Malloc and MemFree', () => {
    const log = new EventLog();
    log.push(EventKind.ArenaNew, 0);
    log.push(EventKind.PoolInit, 0, 3, 64);
    log.push(EventKind.Alloc, 1, log.str('list'), 56, -1);
    log.push(EventKind.Malloc, 1, (0 << 20) + (3 << 14) + 48, 56, Domain.Pymalloc);
    log.push(EventKind.Resize, 1, 88);
    log.push(EventKind.Malloc, 1, 1, 4096, Domain.Raw);
    let s = reduceLog(log);
    expect(s.bytes).toBe(88);
    expect(s.alloc).toMatchObject({ arenaCount: 1, pymallocBytes: 56, rawBytes: 4096, blocks: 1 });
    expect(s.alloc.arenas[0]![3]).toEqual({ size: 64, used: 1 });
    log.push(EventKind.MemFree, 1, 1, 4096, Domain.Raw);
    log.push(EventKind.MemFree, 1, (3 << 14) + 48, 56, Domain.Pymalloc);
    log.push(EventKind.Free, 1);
    log.push(EventKind.PoolEmpty, 0, 3);
    log.push(EventKind.ArenaFree, 0);
    s = reduceLog(log);
    expect(s).toMatchObject({ objects: 0, bytes: 0, allocated: 1 });
    expect(s.alloc).toEqual({ arenas: {}, arenaCount: 0, pymallocBytes: 0, rawBytes: 0, blocks: 0 });
  });

  it('tracks frames and lines, and objects that predate the log', () => {
    const log = new EventLog();
    log.push(EventKind.FrameEnter, 0, log.str('<module>'), 1);
    log.push(EventKind.Line, 3, 0);
    log.push(EventKind.FrameEnter, 1, log.str('f'), 1);
    log.push(EventKind.Line, 2, 1);
    log.push(EventKind.Incref, 0, Holder.Local, 1, log.str('x')); // None, never allocated in the log
    expect(reduceLog(log).frames).toEqual([
      { frame: 0, name: '<module>', line: 3 },
      { frame: 1, name: 'f', line: 2 },
    ]);
    log.push(EventKind.FrameExit, 1);
    const s = reduceLog(log);
    expect(s.frames).toEqual([{ frame: 0, name: '<module>', line: 3 }]);
    expect(s).toMatchObject({ line: 3, frame: 0, objects: 0 });
    expect(getObject(s, 0)).toMatchObject({ type: '?', rc: 1, allocEvent: -1 });
  });

  it('refuses an index past the end', () => {
    const log = twoNodeCycle();
    expect(() => reduceLog(log, log.length)).toThrow(RangeError);
  });
});

describe('checkpoints (copy-on-write, frozen, shared)', () => {
  it('gives the state reduceLog gives at every event, without changing earlier checkpoints', () => {
    const log = twoNodeCycle();
    const cps = buildCheckpoints(log, 5);
    expect(cps.map((c) => c.index)).toEqual([4, 9, 14, 19, 24, 29, 34, 35].filter((n) => n < log.length - 1).concat(log.length - 1));
    const before = JSON.stringify(cps);
    for (let n = 0; n < log.length; n++) {
      expect(JSON.parse(JSON.stringify(stateAt(cps, log, n)))).toEqual(JSON.parse(JSON.stringify(reduceLog(log, n))));
    }
    expect(JSON.stringify(cps)).toBe(before);
    expect(Object.isFrozen(cps[0])).toBe(true);
  });

  it('shares the object pages a batch did not touch', () => {
    const log = new EventLog();
    const t = log.str('list');
    for (let i = 0; i < 1000; i++) log.push(EventKind.Alloc, i, t, 56, -1);
    const base = advance(createHeapState(), log, 999);
    log.push(EventKind.Incref, 5, Holder.Temp, -1, -1);
    const next = advance(base, log, 1000);
    expect(next.pages[0]).not.toBe(base.pages[0]);
    expect(next.pages[1]).toBe(base.pages[1]);
    expect(next.pages[3]).toBe(base.pages[3]);
    expect(getObject(next, 5)!.rc).toBe(2);
    expect(getObject(base, 5)!.rc).toBe(1);
  });

  it('copies only the held-reference entry an event updates, and refuses writes to a checkpoint', () => {
    const log = new EventLog();
    const t = log.str('list');
    log.push(EventKind.Alloc, 1, t, 56, -1);
    log.push(EventKind.Alloc, 2, t, 56, -1);
    log.push(EventKind.Alloc, 3, t, 56, -1);
    log.push(EventKind.Incref, 2, Holder.Item, 1, 0);
    log.push(EventKind.Incref, 3, Holder.Item, 1, 1);
    const base = advance(createHeapState(), log, 4);
    log.push(EventKind.Incref, 3, Holder.Item, 1, 1);
    const next = advance(base, log, 5);
    expect(getObject(next, 1)!.refs![3]!.n).toBe(2);
    expect(getObject(base, 1)!.refs![3]!.n).toBe(1);
    expect(getObject(next, 1)!.refs![2]).toBe(getObject(base, 1)!.refs![2]);
    expect(() => {
      (getObject(base, 1) as { rc: number }).rc = 9;
    }).toThrow(TypeError);
  });
});

describe('the reducer is an immer recipe', () => {
  it('gives under produce, over a draft, the state it gives on plain state and through checkpoints', () => {
    const log = twoNodeCycle();
    const e: EventRecord = { kind: 0 as EventKind, a: 0, b: 0, c: 0, d: 0 };
    const drafted = produce(createHeapState(), (draft) => {
      for (let i = 0; i < log.length; i++) applyEvent(draft, log.read(i, e), log.strings);
    });
    const plain = (x: unknown) => JSON.parse(JSON.stringify(x)) as unknown;
    expect(plain(drafted)).toEqual(plain(reduceLog(log)));
    expect(plain(drafted)).toEqual(plain(stateAt(buildCheckpoints(log, 7), log, log.length - 1)));
  });
});
