// From the UI state and the run to each panel's plain props. The Screen calls only the builders
// of the panels it shows, so a hidden panel costs nothing.
import { EventKind, getObject, type HeapState, type ObjectState } from '@refscope/engine';
import { holderText, objectLabel } from '../describe.js';
import { whyText } from '../commands/why.js';
import type { Inspector } from './inspect.js';
import { SPEEDS, type UiState } from './model.js';
import type { DebugSource } from './source.js';
import type { HeapRow } from './panels/HeapPanel.js';

export function headerStatus(ui: UiState, source: DebugSource): string {
  if (ui.playing) return `playing ×${SPEEDS[ui.speed]}`;
  if (!source.live) return '';
  if (source.done()) return 'ended';
  if (source.control?.paused()) return 'paused';
  return ui.follow ? 'following' : 'live';
}

export function heapRow(o: ObjectState): HeapRow {
  return { id: o.id, type: o.type, rc: o.rc, gen: o.tracked ? o.gen : -1, size: o.size, line: o.allocLine };
}

const genText = (o: ObjectState): string => (o.tracked ? `gen ${o.gen}` : 'untracked');

/** The object panel's text for object `id` after event i. */
export function objectView(ins: Inspector, state: HeapState, id: number): {
  summary: string; referrers: string[]; referents: string[]; history: string[];
} {
  const strings = ins.timeline.log.strings;
  const o = getObject(state, id);
  const at = state.index;
  if (!o) return { summary: `#${id} does not exist yet at event ${at}`, referrers: [], referents: [], history: [] };
  const born = o.allocEvent >= 0 ? `, allocated line ${o.allocLine} (event ${o.allocEvent})` : ', older than the log';
  const summary = o.alive
    ? `${objectLabel(state, id)} rc=${o.rc} ${genText(o)} ${o.size} bytes${born}`
    : `${objectLabel(state, id)} freed${born}`;
  // A holder names its own side ("attr 'partner' of Node#13"); a module's dict reads as globals.
  const globals = new Set<number>();
  const held = ins.referrers(state, id).map(({ holder, ref }) => {
    if (holder.type === 'dict' && isModuleDict(ins, state, holder.id, strings)) globals.add(holder.id);
    return holderText(state, ref.holder, holder.id, ref.slot, strings, globals) + (ref.n > 1 ? ` ×${ref.n}` : '');
  });
  const self = ` of ${objectLabel(state, id)}`;
  const holds: string[] = [];
  if (o.refs) {
    for (const key of Object.keys(o.refs)) {
      const target = Number(key);
      const ref = o.refs[target]!;
      if (ref.n <= 0) continue;
      const how = holderText(state, ref.holder, id, ref.slot, strings).replace(self, '');
      holds.push(`${objectLabel(state, target)}  (${how})${ref.n > 1 ? ` ×${ref.n}` : ''}`);
    }
  }
  return { summary, referrers: held, referents: holds, history: historyLines(ins, o, at, 12) };
}

/** At most this many events of a collection are read to name what it found. */
const FOUND_SCAN = 200_000;

/**
 * What the running collection (or else the last one) found unreachable so far, by label:
 * `Node#12, Node#13` (the first few, then how many more), read from its `unreachable` events.
 */
export function gcFound(ins: Inspector, state: HeapState, shown = 4): string {
  const gc = state.gc;
  const from = gc.running >= 0 ? gc.pendingStart : gc.last?.start ?? -1;
  const to = gc.running >= 0 ? state.index : gc.last?.stop ?? -1;
  if (from < 0) return '';
  const log = ins.timeline.log;
  const labels: string[] = [];
  let n = 0;
  for (let i = from; i <= Math.min(to, from + FOUND_SCAN); i++) {
    if (log.kind(i) !== EventKind.Unreachable) continue;
    if (n++ < shown) labels.push(objectLabel(state, log.get(i).a));
  }
  return n === 0 ? '' : labels.join(', ') + (n > shown ? ` and ${n - shown} more` : '');
}

/** A dict that some module holds as its `__dict__`: its values are global variables. */
function isModuleDict(ins: Inspector, state: HeapState, dict: number, strings: readonly string[]): boolean {
  return ins.referrers(state, dict).some(({ holder, ref }) => holder.type === 'module' && strings[ref.slot] === '__dict__');
}

/**
 * The last `n` events about object o up to event `at`, each with the refcount after it, found
 * by walking back from the refcount the state has now (no replay).
 */
function historyLines(ins: Inspector, o: ObjectState, at: number, n: number): string[] {
  const events = ins.timeline.eventsOf(o.id);
  // The last event index <= at.
  let hi = -1;
  for (let lo = 0, top = events.length - 1; lo <= top;) {
    const mid = (lo + top) >> 1;
    if (events[mid]! <= at) { hi = mid; lo = mid + 1; } else top = mid - 1;
  }
  const out: string[] = [];
  let rc = o.rc;
  const log = ins.timeline.log;
  for (let k = hi; k >= 0 && k > hi - n; k--) {
    const i = events[k]!;
    out.push(`${ins.searchText(i)} rc=${rc}`);
    const e = log.get(i);
    if (e.a === o.id) {
      if (e.kind === EventKind.Incref) rc--;
      else if (e.kind === EventKind.Decref) rc++;
    }
  }
  return out.reverse();
}

/**
 * `refscope why`'s lines for object `id` after event i. Finding the roots walks the log up to i,
 * so the answer is kept for the last (object, event) asked: the Screen asks only while the why
 * panel is on screen, and once per move.
 */
export function whyLines(ins: Inspector, id: number, i: number): string[] {
  if (i < 0) return [`#${id}: the log holds no events`];
  const last = whyCache.get(ins);
  if (last && last.id === id && last.i === i) return last.lines;
  const lines = whyText(ins.timeline.whyAlive(id, i)).trimEnd().split('\n');
  whyCache.set(ins, { id, i, lines });
  return lines;
}

const whyCache = new WeakMap<Inspector, { id: number; i: number; lines: string[] }>();
