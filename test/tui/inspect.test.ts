// The Inspector's cached answers equal the ones computed from scratch.
import { beforeAll, describe, expect, it } from 'vitest';
import { allObjects, applyEvent, createHeapState, EventKind, referrers } from '@refscope/engine';
import { describeEvent, noteGlobals } from '../../packages/client/src/describe.js';
import type { Opened } from '../../packages/client/src/open.js';
import { Inspector } from '../../packages/client/src/tui/inspect.js';
import { SORT_KEYS } from '../../packages/client/src/tui/model.js';
import { twoNode } from './fixture.js';

let run: Opened;
beforeAll(async () => {
  run = await twoNode();
});

/** Every live object the log allocated, straight from the state, in the order of `sort`. */
function fromScratch(ins: Inspector, i: number, sort: (typeof SORT_KEYS)[number], filter: string): number[] {
  const fresh = new Inspector(run.timeline);
  const ids = fresh.heapRows(i, sort, filter);
  const live = [...allObjects(ins.state(i))].filter((o) => o.alive && o.allocEvent >= 0 && (!filter || o.type === filter));
  expect(new Set(ids)).toEqual(new Set(live.map((o) => o.id)));
  return [...ids];
}

describe('heap rows', () => {
  it('stepping forward and back event by event gives the rows a fresh listing gives, for every sort', () => {
    for (const sort of SORT_KEYS) {
      const ins = new Inspector(run.timeline);
      const n = run.log.length;
      const path = [...Array(n).keys(), ...Array.from({ length: 200 }, (_, k) => n - 1 - 3 * k)];
      for (const i of path) expect(ins.heapRows(i, sort, '')).toEqual(fromScratch(ins, i, sort, ''));
    }
  });

  it('with a type filter, and across a long jump', () => {
    const ins = new Inspector(run.timeline);
    for (const i of [0, 5, 900, 901, 950, 1000, 10, run.log.length - 1]) {
      expect(ins.heapRows(i, 'rc', 'Node')).toEqual(fromScratch(ins, i, 'rc', 'Node'));
      expect(ins.heapRows(i, 'type', 'str')).toEqual(fromScratch(ins, i, 'type', 'str'));
    }
  });
});

describe('referrers', () => {
  it('equal the engine\'s full scan for every object at many events', () => {
    const ins = new Inspector(run.timeline);
    for (let i = 0; i < run.log.length; i += 37) {
      const state = run.timeline.stateAt(i);
      for (const o of allObjects(state)) {
        const fast = ins.referrers(state, o.id).map((r) => [r.holder.id, r.ref.n]);
        expect(fast).toEqual(referrers(state, o.id).map((r) => [r.holder.id, r.ref.n]));
      }
    }
  });
});

describe('events', () => {
  it('eventsAround and the header describe each event exactly as `refscope events` prints it', () => {
    // What commands/events.ts prints: the reducer alongside, module dicts noted as globals.
    const printed: string[] = [];
    const state = createHeapState();
    const globals = new Set<number>();
    for (let i = 0; i < run.log.length; i++) {
      const e = run.log.get(i);
      const line = state.line;
      noteGlobals(globals, state, e, run.log.strings);
      applyEvent(state, e, run.log.strings);
      printed.push(describeEvent(i, e.kind === EventKind.Line ? e.a : line, e, state, run.log.strings, globals));
    }
    expect(printed.some((t) => t.includes("holder: global 'a'"))).toBe(true);
    const ins = new Inspector(run.timeline);
    for (const c of [0, 1, 500, 950, run.log.length - 1]) {
      for (const e of ins.eventsAround(c, 4, 4)) expect(e.text).toBe(printed[e.i]);
    }
    for (let i = 0; i < run.log.length; i += 3) expect(new Inspector(run.timeline).describe(i, run.timeline.stateAt(i))).toBe(printed[i]);
  });

  it('search text is the described text without the refcount', () => {
    const ins = new Inspector(run.timeline);
    for (let i = 0; i < run.log.length; i += 7) {
      expect(ins.searchText(i)).toBe(ins.describe(i, run.timeline.stateAt(i)).replace(/ rc=\S+$/, ''));
      expect(new Inspector(run.timeline).searchText(i)).toBe(ins.searchText(i));
    }
  });
});
