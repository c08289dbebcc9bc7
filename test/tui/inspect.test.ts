// The Inspector's cached answers equal the ones computed from scratch.
import { beforeAll, describe, expect, it } from 'vitest';
import { allObjects, referrers } from '@refscope/engine';
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
  it('eventsAround describes each event with the state after it, as refscope events does', () => {
    const ins = new Inspector(run.timeline);
    const fresh = new Inspector(run.timeline);
    for (const c of [0, 1, 500, run.log.length - 1]) {
      for (const e of ins.eventsAround(c, 4, 4)) expect(e.text).toBe(fresh.describe(e.i, run.timeline.stateAt(e.i)));
    }
  });

  it('search text is the described text without the refcount', () => {
    const ins = new Inspector(run.timeline);
    for (let i = 0; i < run.log.length; i += 7) {
      expect(ins.searchText(i)).toBe(ins.describe(i, run.timeline.stateAt(i)).replace(/ rc=\S+$/, ''));
    }
  });
});
