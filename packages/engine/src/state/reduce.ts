// The one reducer: `applyEvent` folds a single event into a HeapState.
//
// It is written as an immer recipe — it only mutates its first argument and returns nothing — so
// the same function runs on plain mutable state while a program runs (`reduceLog`, the CLI) and
// inside immer's `produce` over a batch of events when a checkpoint is made (checkpoint.ts). It must
// therefore stay deterministic and look at nothing but the state, the event and the string table.
import { EventKind, GC_PHASE_NAMES, Holder } from '../events/kinds.js';
import type { EventLog, EventRecord } from '../events/log.js';
import {
  PAGE_MASK,
  PAGE_SHIFT,
  PAGE_SIZE,
  createHeapState,
  type HeapState,
  type ObjectState,
} from './heap.js';

/** pymalloc addresses are arena * 2^20 + pool * 2^14 + offset (events/kinds.ts, Domain.Pymalloc). */
const ARENA_SHIFT = 20;
const POOL_SHIFT = 14;
const POOL_MASK = (1 << (ARENA_SHIFT - POOL_SHIFT)) - 1;
const PYMALLOC = 1;

/** 1 for the kinds whose `a` field is an object number (the kinds the reducer writes to). */
export const NAMES_OBJECT_IN_A = new Uint8Array(32);
for (const k of [
  EventKind.Alloc, EventKind.Free, EventKind.Incref, EventKind.Decref, EventKind.Resize, EventKind.Track,
  EventKind.Untrack, EventKind.Promote, EventKind.Unreachable, EventKind.Finalize,
]) NAMES_OBJECT_IN_A[k] = 1;

/**
 * Whether an Incref/Decref holder is another object, whose references the state records
 * (Item, Key, Value, Attr, Cell, Field, Root with an owner). Stack and Local name a frame;
 * Temp and Gc name nothing: those references come from roots.
 */
export function holdsObject(holder: number, holderObj: number): boolean {
  if (holderObj < 0) return false;
  switch (holder) {
    case Holder.Item:
    case Holder.Key:
    case Holder.Value:
    case Holder.Attr:
    case Holder.Cell:
    case Holder.Field:
    case Holder.Root:
      return true;
    default:
      return false;
  }
}

function newObject(id: number, type: string, size: number, rc: number, line: number, event: number): ObjectState {
  return {
    id, type, size, rc, gen: -1, tracked: false, allocLine: line, allocEvent: event,
    alive: true, unreachable: false, finalized: false, refs: null,
  };
}

/** The page holding object `id`, created if needed. */
function pageOf(state: HeapState, id: number): (ObjectState | null)[] {
  const p = id >>> PAGE_SHIFT;
  const pages = state.pages;
  let page = pages[p];
  if (!page) {
    while (pages.length < p) pages.push(null);
    page = new Array<ObjectState | null>(PAGE_SIZE).fill(null);
    pages[p] = page;
  }
  return page;
}

/** The object numbered `id`; objects the log never allocated (None, builtins) get a placeholder with a relative refcount. */
function object(state: HeapState, id: number): ObjectState {
  const page = state.pages[id >>> PAGE_SHIFT];
  const o = page?.[id & PAGE_MASK];
  if (o) return o;
  const made = newObject(id, '?', 0, 0, state.line, -1);
  pageOf(state, id)[id & PAGE_MASK] = made;
  return made;
}

/** Folds event `e` (the event after `draft.index`) into `draft`. */
export function applyEvent(draft: HeapState, e: EventRecord, strings: readonly string[]): void {
  const i = ++draft.index;
  if (e.a < 0 && e.kind < 32 && NAMES_OBJECT_IN_A[e.kind] === 1) return; // no object: nothing to change
  switch (e.kind) {
    case EventKind.Alloc: {
      const page = pageOf(draft, e.a);
      const prev = page[e.a & PAGE_MASK];
      if (prev && prev.alive && prev.allocEvent >= 0) {
        // A number allocated twice while alive breaks contracts.md; keep the totals consistent.
        draft.objects--;
        draft.bytes -= prev.size;
      }
      const o = newObject(e.a, strings[e.b] ?? '?', e.c, 1, draft.line, i);
      if (prev && prev.allocEvent < 0) {
        // Seen in an incref before its Alloc: keep the references it already holds and gave.
        o.rc += prev.rc;
        o.refs = prev.refs;
      }
      page[e.a & PAGE_MASK] = o;
      draft.objects++;
      draft.allocated++;
      draft.bytes += e.c;
      return;
    }
    case EventKind.Free: {
      const o = object(draft, e.a);
      if (!o.alive) return;
      o.alive = false;
      o.tracked = false;
      o.gen = -1;
      o.refs = null;
      if (o.allocEvent >= 0) {
        draft.objects--;
        draft.bytes -= o.size;
      }
      return;
    }
    case EventKind.Incref:
    case EventKind.Decref: {
      const delta = e.kind === EventKind.Incref ? 1 : -1;
      object(draft, e.a).rc += delta;
      if (!holdsObject(e.b, e.c)) return;
      const holder = object(draft, e.c);
      const ref = holder.refs?.[e.a];
      if (delta > 0) {
        if (ref) {
          ref.n++;
          ref.holder = e.b as Holder;
          ref.slot = e.d;
        } else {
          (holder.refs ??= {})[e.a] = { n: 1, holder: e.b as Holder, slot: e.d };
        }
      } else if (ref) {
        if (--ref.n <= 0) delete holder.refs![e.a];
      }
      return;
    }
    case EventKind.Resize: {
      const o = object(draft, e.a);
      if (o.alive && o.allocEvent >= 0) draft.bytes += e.b - o.size;
      o.size = e.b;
      return;
    }
    case EventKind.Track:
    case EventKind.Promote: {
      const o = object(draft, e.a);
      o.tracked = true;
      o.gen = e.b;
      return;
    }
    case EventKind.Untrack: {
      const o = object(draft, e.a);
      o.tracked = false;
      o.gen = -1;
      return;
    }
    case EventKind.GcStart: {
      const gc = draft.gc;
      gc.running = e.a;
      gc.phase = '';
      gc.count[0] = e.b;
      gc.count[1] = e.c;
      gc.count[2] = e.d;
      gc.pendingUnreachable = 0;
      gc.pendingStart = i;
      return;
    }
    case EventKind.GcPhase:
      draft.gc.phase = GC_PHASE_NAMES[e.a] ?? String(e.a);
      return;
    case EventKind.Unreachable:
      object(draft, e.a).unreachable = true;
      draft.gc.pendingUnreachable++;
      return;
    case EventKind.GcStop: {
      const gc = draft.gc;
      const g = e.a;
      if (g >= 0 && g <= 2) {
        gc.collections[g]++;
        gc.collected[g] += e.b;
        gc.uncollectable[g] += e.c;
      }
      gc.last = {
        gen: g, collected: e.b, uncollectable: e.c,
        unreachable: gc.pendingUnreachable, start: gc.pendingStart, stop: i,
      };
      gc.running = -1;
      gc.phase = '';
      return;
    }
    case EventKind.GcCount: {
      const c = draft.gc.count;
      c[0] = e.a;
      c[1] = e.b;
      c[2] = e.c;
      return;
    }
    case EventKind.Finalize:
      object(draft, e.a).finalized = true;
      return;
    case EventKind.WeakrefCallback:
      return;
    case EventKind.ArenaNew:
      if (!draft.alloc.arenas[e.a]) draft.alloc.arenaCount++;
      draft.alloc.arenas[e.a] = {};
      return;
    case EventKind.ArenaFree:
      if (draft.alloc.arenas[e.a]) draft.alloc.arenaCount--;
      delete draft.alloc.arenas[e.a];
      return;
    case EventKind.PoolInit: {
      const arena = draft.alloc.arenas[e.a] ?? (draft.alloc.arenaCount++, (draft.alloc.arenas[e.a] = {}));
      arena[e.b] = { size: e.c, used: 0 };
      return;
    }
    case EventKind.PoolEmpty: {
      const arena = draft.alloc.arenas[e.a];
      if (arena) delete arena[e.b];
      return;
    }
    case EventKind.Malloc:
    case EventKind.MemFree: {
      const sign = e.kind === EventKind.Malloc ? 1 : -1;
      const alloc = draft.alloc;
      if (e.d === PYMALLOC) {
        alloc.pymallocBytes += sign * e.c;
        alloc.blocks += sign;
        const pool = alloc.arenas[e.b >>> ARENA_SHIFT]?.[(e.b >>> POOL_SHIFT) & POOL_MASK];
        if (pool) pool.used += sign;
      } else {
        alloc.rawBytes += sign * e.c;
      }
      return;
    }
    case EventKind.Line: {
      draft.line = e.a;
      draft.frame = e.b;
      const top = draft.frames[draft.frames.length - 1];
      if (top && top.frame === e.b) top.line = e.a;
      return;
    }
    case EventKind.FrameEnter:
      draft.frames.push({ frame: e.a, name: strings[e.b] ?? '?', line: e.c });
      return;
    case EventKind.FrameExit: {
      const frames = draft.frames;
      for (let k = frames.length - 1; k >= 0; k--) {
        if (frames[k]!.frame === e.a) {
          frames.length = k;
          break;
        }
      }
      const top = frames[frames.length - 1];
      if (top) {
        draft.frame = top.frame;
        draft.line = top.line;
      }
      return;
    }
    case EventKind.Stdout:
      draft.stdout += strings[e.a] ?? '';
      return;
    case EventKind.Stderr:
      draft.stderr += strings[e.a] ?? '';
      return;
    case EventKind.Exit:
      draft.exit = e.a;
      return;
    default:
      // An event kind this reducer does not know yet changes nothing it tracks.
      return;
  }
}

/** The state after event `upTo` (contracts.md: "the state at N"); the whole log when omitted. */
export function reduceLog(log: EventLog, upTo: number = log.length - 1, from?: HeapState): HeapState {
  if (upTo >= log.length) throw new RangeError(`event ${upTo} is outside 0..${log.length - 1}`);
  const state = from ?? createHeapState();
  const e: EventRecord = { kind: 0 as EventKind, a: 0, b: 0, c: 0, d: 0 };
  const strings = log.strings;
  for (let i = state.index + 1; i <= upTo; i++) applyEvent(state, log.read(i, e), strings);
  return state;
}

/** The shape `replay --json` prints (contracts.md). */
export interface StateSummary {
  index: number;
  total: number;
  line: number;
  objects: number;
  bytes: number;
  gc: {
    count: [number, number, number];
    threshold: [number, number, number];
    collections: [number, number, number];
  };
  stdout: string;
}

export function summary(state: HeapState, total: number = state.index + 1): StateSummary {
  const gc = state.gc;
  return {
    index: state.index,
    total,
    line: state.line,
    objects: state.objects,
    bytes: state.bytes,
    gc: {
      count: [gc.count[0], gc.count[1], gc.count[2]],
      threshold: [gc.threshold[0], gc.threshold[1], gc.threshold[2]],
      collections: [gc.collections[0], gc.collections[1], gc.collections[2]],
    },
    stdout: state.stdout,
  };
}
