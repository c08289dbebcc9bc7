// The UI reducer, driven by a real recording's Inspector: every key, the bounds, search with
// wrap-around, watching an object's changes, sort and filter.
import { beforeAll, describe, expect, it } from 'vitest';
import { EventKind, EventLog, Timeline } from '@refscope/engine';
import { Inspector } from '../../packages/client/src/tui/inspect.js';
import { initialState, update, grow, SORT_KEYS, PANELS, SPEEDS, SEARCH_SLICE, type UiState } from '../../packages/client/src/tui/model.js';
import type { Opened } from '../../packages/client/src/open.js';
import { allocsOf, twoNode } from './fixture.js';

let run: Opened;
let nav: Inspector;
beforeAll(async () => {
  run = await twoNode();
  nav = new Inspector(run.timeline);
});

/** Applies keys in order. */
const press = (s: UiState, ...keys: string[]): UiState => keys.reduce((acc, k) => update(acc, k, nav), s);
const kind = (i: number): EventKind => run.log.kind(i);

describe('moving in time', () => {
  it('opens at the last event, or at --at', () => {
    expect(initialState(run.log.length).cursor).toBe(run.log.length - 1);
    expect(initialState(run.log.length, 40).cursor).toBe(40);
    expect(initialState(run.log.length, 1e9).cursor).toBe(run.log.length - 1);
  });

  it('← and → move one event and stop at the ends with a message', () => {
    const s = initialState(run.log.length, 10);
    expect(press(s, 'right').cursor).toBe(11);
    expect(press(s, 'left', 'left').cursor).toBe(8);
    const start = press(s, 'g', 'left');
    expect(start.cursor).toBe(0);
    expect(start.message).toMatch(/first event/);
    const end = press(s, 'G', 'right');
    expect(end.cursor).toBe(run.log.length - 1);
    expect(end.message).toMatch(/last event/);
    expect(press(end, 'left').message).toBe('');
  });

  it('n and N land on Line events, the next one stepping over calls', () => {
    let s = initialState(run.log.length, 0);
    const seen: number[] = [];
    for (let k = 0; k < 8; k++) {
      s = press(s, 'n');
      expect(kind(s.cursor)).toBe(EventKind.Line);
      seen.push(run.log.get(s.cursor).a);
    }
    // Strictly forward, and back again with N.
    const back = press(s, 'N');
    expect(back.cursor).toBeLessThan(s.cursor);
    expect(kind(back.cursor)).toBe(EventKind.Line);
    expect(seen.length).toBe(8);
  });

  it('c and C land on the ends of collections, in order, and stop at the last', () => {
    const ends: number[] = [];
    for (let i = 0; i < run.log.length; i++) if (kind(i) === EventKind.GcStop) ends.push(i);
    expect(ends.length).toBeGreaterThan(1);
    let s = initialState(run.log.length, 0);
    for (const end of ends) {
      s = press(s, 'c');
      expect(s.cursor).toBe(end);
    }
    const past = press(s, 'c');
    expect(past.cursor).toBe(ends[ends.length - 1]);
    expect(past.message).toMatch(/no later collection/);
    expect(press(s, 'C').cursor).toBe(ends[ends.length - 2]);
  });

  it(': jumps to an event number, clamps past the end, refuses text, and Escape cancels', () => {
    const s = initialState(run.log.length, 5);
    const typed = press(s, ':', '1', '2', '3');
    expect(typed.mode).toBe('jump');
    expect(typed.input).toBe('123');
    expect(press(typed, 'enter').cursor).toBe(123);
    expect(press(typed, 'backspace', 'enter').cursor).toBe(12);
    expect(press(typed, 'escape').cursor).toBe(5);
    const far = press(s, ':', '9', '9', '9', '9', '9', '9', 'enter');
    expect(far.cursor).toBe(run.log.length - 1);
    expect(far.message).toBe(`the last event is ${run.log.length - 1}`);
    const bad = press(s, ':', 'x', 'enter');
    expect(bad.cursor).toBe(5);
    expect(bad.message).toMatch(/not an event number/);
  });
});

describe('search', () => {
  it('/ finds the next event whose text matches, / ⏎ repeats, and wraps to the start', () => {
    const stops: number[] = [];
    for (let i = 0; i < run.log.length; i++) if (kind(i) === EventKind.GcStart) stops.push(i);
    let s = press(initialState(run.log.length, 0), '/', ...'gc_start', 'enter');
    expect(s.cursor).toBe(stops[0]);
    expect(s.search).toBe('gc_start');
    for (const next of stops.slice(1)) {
      s = press(s, '/', 'enter');
      expect(s.cursor).toBe(next);
    }
    const wrapped = press(s, '/', 'enter');
    expect(wrapped.cursor).toBe(stops[0]);
    expect(wrapped.message).toMatch(/wrapped/);
  });

  it('matches the described text: object labels, case-insensitively', () => {
    const [node] = allocsOf(run.log, 'Node');
    const s = press(initialState(run.log.length, 0), '/', ...`node#${node!.id} `, 'enter');
    expect(s.cursor).toBe(node!.at);
    const none = press(s, '/', ...'no such text', 'enter');
    expect(none.cursor).toBe(s.cursor);
    expect(none.message).toMatch(/no match/);
  });
});

describe('search in slices', () => {
  /** A log of `total` events where only `hits` match; counts the events looked at. */
  const fake = (total: number, hits: number[]) => {
    const seen = { events: 0 };
    const nav = {
      search: (_q: string, from: number, to: number) => {
        seen.events += to - from;
        return hits.find((h) => h > from && h <= to) ?? null;
      },
    } as unknown as Inspector;
    return { nav, seen };
  };

  it('a long search looks at SEARCH_SLICE events per key and reports progress until it finds', () => {
    const { nav: f, seen } = fake(10 * SEARCH_SLICE, [7 * SEARCH_SLICE + 5]);
    let s = update(update(initialState(10 * SEARCH_SLICE, 0), '/', f), 'x', f);
    s = update(s, 'enter', f);
    expect(s.mode).toBe('scanning');
    expect(s.message).toBe(`/x: searching… event ${SEARCH_SLICE} of ${10 * SEARCH_SLICE}`);
    expect(update(s, 'right', f)).toBe(s);
    let keys = 1;
    while (s.mode === 'scanning') (s = update(s, 'scan', f)), keys++;
    expect(keys).toBe(8);
    expect(s.cursor).toBe(7 * SEARCH_SLICE + 5);
    expect(seen.events).toBe(7 * SEARCH_SLICE + 5 + (SEARCH_SLICE - 5));
  });

  it('wraps to the start and stops at the cursor; Escape stops it', () => {
    const total = 3 * SEARCH_SLICE;
    const { nav: f } = fake(total, [10]);
    let s = update(update(update(initialState(total, 100), '/', f), 'x', f), 'enter', f);
    while (s.mode === 'scanning') s = update(s, 'scan', f);
    expect(s.cursor).toBe(10);
    expect(s.message).toBe('/x: wrapped to the start');
    const { nav: none } = fake(total, []);
    s = update(update(update(initialState(total, 100), '/', none), 'x', none), 'enter', none);
    let keys = 1;
    while (s.mode === 'scanning') (s = update(s, 'scan', none)), keys++;
    expect(s.message).toBe('/x: no match');
    expect(s.cursor).toBe(100);
    expect(keys).toBe(3);
    const stopped = update(update(update(update(initialState(total, 100), '/', none), 'x', none), 'enter', none), 'escape', none);
    expect(stopped.mode).toBe('normal');
    expect(stopped.message).toBe('/x: stopped');
    const running = update(update(update(initialState(total, 100), '/', none), 'x', none), 'enter', none);
    expect(update(running, 'q', none).quit).toBe(true);
  });
});

describe('objects', () => {
  it('↑/↓ walk the heap rows in table order; the selection is kept by number', () => {
    const at = run.log.length - 1;
    const rows = nav.heapRows(at, 'size', '');
    let s = press(initialState(run.log.length), 'down');
    expect(s.selected).toBe(rows[0]);
    s = press(s, 'down', 'down');
    expect(s.selected).toBe(rows[2]);
    expect(press(s, 'up').selected).toBe(rows[1]);
    expect(press(initialState(run.log.length), 'up').selected).toBe(rows[rows.length - 1]);
  });

  it('s cycles every sort key; rows follow it', () => {
    let s = initialState(run.log.length);
    const seen = [s.sort];
    for (let k = 1; k < SORT_KEYS.length; k++) seen.push((s = press(s, 's')).sort);
    expect(new Set(seen).size).toBe(SORT_KEYS.length);
    expect(press(s, 's').sort).toBe(seen[0]);
    const byId = nav.liveObjects(run.log.length - 1, 'id', '').map((o) => o.id);
    expect(byId).toEqual([...byId].sort((a, b) => a - b));
    const bySize = nav.liveObjects(run.log.length - 1, 'size', '').map((o) => o.size);
    expect(bySize).toEqual([...bySize].sort((a, b) => b - a));
  });

  it('f filters by type; an empty filter shows every type', () => {
    const nodes = allocsOf(run.log, 'Node');
    // While both nodes are alive (just after the second is allocated), the filter lists exactly them.
    const s = press(initialState(run.log.length, nodes[1]!.at), 'f', ...'Node', 'enter');
    expect(s.filter).toBe('Node');
    expect(nav.heapRows(s.cursor, s.sort, s.filter)).toEqual(nodes.map((n) => n.id).sort((a, b) => a - b));
    expect(nav.heapRows(s.cursor, s.sort, 'node')).toEqual(nav.heapRows(s.cursor, s.sort, 'Node'));
    const all = press(s, 'f', 'backspace', 'backspace', 'backspace', 'backspace', 'enter');
    expect(all.filter).toBe('');
    expect(press(s, 'down').selected).toBe(nav.heapRows(s.cursor, 'size', 'Node')[0]);
  });

  it('w / W jump to the selected object\'s next / previous change; without a selection they say so', () => {
    const [node] = allocsOf(run.log, 'Node');
    const changes = Array.from(run.timeline.eventsOf(node!.id));
    expect(changes.length).toBeGreaterThan(3);
    let s: UiState = { ...initialState(run.log.length, 0), selected: node!.id };
    for (const c of changes) {
      s = press(s, 'w');
      expect(s.cursor).toBe(c);
      expect(run.log.get(c).a).toBe(node!.id);
    }
    expect(press(s, 'w').message).toMatch(/no later change/);
    expect(press(s, 'W').cursor).toBe(changes[changes.length - 2]);
    expect(press(initialState(run.log.length), 'w').message).toMatch(/select an object/);
  });

  it('y opens why-alive for the selection and closes it again', () => {
    const s = { ...initialState(run.log.length), selected: 7 };
    const open = press(s, 'y');
    expect(open.why).toBe(7);
    expect(open.panel).toBe('why');
    expect(press(open, 'y').why).toBeNull();
    expect(press(initialState(run.log.length), 'y').message).toMatch(/select an object/);
  });
});

describe('modes, panels and play', () => {
  it('Tab and Shift-Tab cycle the panels', () => {
    let s = initialState(run.log.length);
    for (let k = 1; k <= PANELS.length; k++) expect((s = press(s, 'tab')).panel).toBe(PANELS[k % PANELS.length]);
    expect(press(s, 'shift-tab').panel).toBe(PANELS[PANELS.length - 1]);
  });

  it('? shows help; any key closes it; q quits', () => {
    const help = press(initialState(run.log.length), '?');
    expect(help.mode).toBe('help');
    expect(press(help, 'right').mode).toBe('normal');
    expect(press(help, 'right').cursor).toBe(help.cursor);
    expect(press(initialState(run.log.length), 'q').quit).toBe(true);
  });

  it('space plays from the start when at the end; ticks advance by the speed and stop at the end', () => {
    let s = press(initialState(run.log.length), 'space');
    expect(s.playing).toBe(true);
    expect(s.cursor).toBe(0);
    s = press(s, 'tick');
    expect(s.cursor).toBe(SPEEDS[1]);
    s = press(s, '+', 'tick');
    expect(s.cursor).toBe(SPEEDS[1] + SPEEDS[2]);
    s = press(s, '-', '-', '-', 'tick');
    expect(s.cursor).toBe(SPEEDS[1] + SPEEDS[2] + SPEEDS[0]);
    s = press(s, '+', '+', '+', '+', '+', '+', '+', 'tick');
    expect(s.cursor).toBe(run.log.length - 1);
    expect(s.playing).toBe(false);
    const paused = press(press(initialState(run.log.length, 3), 'space'), 'space', 'tick');
    expect(paused.cursor).toBe(3);
  });

  it('a growing log keeps a following cursor at the end, and others where they are', () => {
    const s = initialState(10, 4);
    expect(grow(s, 20).cursor).toBe(4);
    expect(grow({ ...s, follow: true }, 20).cursor).toBe(19);
    expect(grow(initialState(0), 5).cursor).toBe(4);
    expect(press(initialState(10), 'G').follow).toBe(true);
    expect(press({ ...initialState(10), follow: true }, 'left').follow).toBe(false);
  });
});

describe('an empty log', () => {
  it('every movement key stays at -1 and says why', () => {
    const empty = new Inspector(new Timeline(new EventLog()));
    let s = initialState(0);
    expect(s.cursor).toBe(-1);
    for (const k of ['right', 'left', 'g', 'G', 'n', 'N', 'c', 'C', 'space', 'down', 'tick']) {
      s = update(s, k, empty);
      expect(s.cursor).toBe(-1);
    }
    expect(update(initialState(0), 'n', empty).message).toMatch(/no events/);
    s = [':', '3', 'enter'].reduce((acc, k) => update(acc, k, empty), initialState(0));
    expect(s.cursor).toBe(-1);
    s = ['/', 'x', 'enter'].reduce((acc, k) => update(acc, k, empty), initialState(0));
    expect(s.cursor).toBe(-1);
  });
});
