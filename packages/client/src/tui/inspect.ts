// The questions the screen asks of a Timeline, answered fast and cached: the Navigator the model
// reducer moves with, the heap table's rows, the events around the cursor, and event search.
//
// Nothing here walks the whole log on a keypress except the first use of a lazy index (the
// Timeline's line track, object index, collection list; the search's type table), each one pass.
import {
  createHeapState, EventKind, getObject, Holder, PAGE_SIZE, referrers,
  type EventRecord, type HeldRef, type HeapState, type ObjectState, type Timeline,
} from '@refscope/engine';
import { describeEvent } from '../describe.js';
import type { Navigator, SortKey } from './model.js';

/** One line of the events panel. */
export interface EventLine {
  i: number;
  text: string;
}

const scratch = (): EventRecord => ({ kind: 0 as EventKind, a: 0, b: 0, c: 0, d: 0 });

/** How the heap table orders rows; ties fall back to the object number. */
const COMPARE: Record<SortKey, (x: ObjectState, y: ObjectState) => number> = {
  size: (x, y) => y.size - x.size || x.id - y.id,
  rc: (x, y) => y.rc - x.rc || x.id - y.id,
  id: (x, y) => x.id - y.id,
  type: (x, y) => (x.type < y.type ? -1 : x.type > y.type ? 1 : x.id - y.id),
  gen: (x, y) => genRank(x) - genRank(y) || x.id - y.id,
  line: (x, y) => x.allocLine - y.allocLine || x.id - y.id,
};
const genRank = (o: ObjectState): number => (o.tracked ? o.gen : 9);

/** HeapState.pages: PAGE_SIZE objects a page, by object number. */
const PAGE_SHIFT = Math.log2(PAGE_SIZE);
const PAGE_MASK = PAGE_SIZE - 1;

/** Objects with more events than this are asked about by scanning every object instead. */
const FULL_SCAN = 200_000;

/** Steps of at most this many events update the heap rows instead of listing them again. */
const INCREMENTAL = 4096;

/** Event kinds that change a heap row's columns (of the object in `a`): state/reduce.ts. */
const CHANGES_ROW = new Uint8Array(64);
for (const k of [EventKind.Alloc, EventKind.Free, EventKind.Incref, EventKind.Decref, EventKind.Resize,
  EventKind.Track, EventKind.Promote, EventKind.Untrack]) CHANGES_ROW[k] = 1;

export class Inspector implements Navigator {
  private rowsKey: { state: HeapState; sort: SortKey; filter: string } | null = null;
  private rows: ObjectState[] = [];
  private types: Int32Array | null = null;
  private blocks: boolean | null = null;
  private globalSet: Set<number> | null = null;
  private readonly e = scratch();

  constructor(readonly timeline: Timeline) {}

  get total(): number {
    return this.timeline.length;
  }

  state(i: number): HeapState {
    return i < 0 ? createHeapState() : this.timeline.stateAt(i);
  }

  nextLine(i: number): number | null {
    return this.timeline.nextLine(i);
  }

  prevLine(i: number): number | null {
    return this.timeline.prevLine(i);
  }

  nextCollection(i: number): number | null {
    return this.timeline.nextCollection(i);
  }

  prevCollection(i: number): number | null {
    return this.timeline.prevCollection(i);
  }

  nextChange(obj: number, i: number): number | null {
    return this.timeline.nextChange(obj, i);
  }

  prevChange(obj: number, i: number): number | null {
    return this.timeline.lastChange(obj, i);
  }

  heapRows(i: number, sort: SortKey, filter: string): readonly number[] {
    return this.liveObjects(i, sort, filter).map((o) => o.id);
  }

  /**
   * Live objects the log allocated, after event i, sorted and filtered (by type name, in any
   * case) as the table shows them.
   * A step of up to INCREMENTAL events from the last answer updates that answer: only the
   * objects those events are about can have changed a column, so they are taken out and put
   * back in order; a longer jump lists every object of the state again.
   */
  liveObjects(i: number, sort: SortKey, filter: string): readonly ObjectState[] {
    const state = this.state(i);
    const k = this.rowsKey;
    if (k && k.sort === sort && k.filter === filter) {
      if (k.state === state) return this.rows;
      if (Math.abs(k.state.index - state.index) <= INCREMENTAL) {
        this.rows = this.updateRows(this.rows, k.state.index, state, sort, filter);
        this.rowsKey = { state, sort, filter };
        return this.rows;
      }
    }
    const rows: ObjectState[] = [];
    const want = filter.toLowerCase();
    for (const page of state.pages) {
      if (!page) continue;
      for (let j = 0; j < page.length; j++) {
        const o = page[j];
        if (o && o.alive && o.allocEvent >= 0 && (want === '' || o.type.toLowerCase() === want)) rows.push(o);
      }
    }
    rows.sort(COMPARE[sort]);
    this.rowsKey = { state, sort, filter };
    this.rows = rows;
    return rows;
  }

  private updateRows(rows: readonly ObjectState[], from: number, state: HeapState, sort: SortKey, filter: string): ObjectState[] {
    const log = this.timeline.log;
    const touched = new Set<number>();
    const lo = Math.min(from, state.index);
    const hi = Math.max(from, state.index);
    for (let j = lo + 1; j <= hi; j++) if (CHANGES_ROW[log.kind(j)] === 1) touched.add(log.read(j, this.e).a);
    if (touched.size === 0) return rows as ObjectState[];
    const out = rows.filter((o) => !touched.has(o.id));
    const want = filter.toLowerCase();
    const compare = COMPARE[sort];
    for (const id of touched) {
      const o = getObject(state, id);
      if (!o || !o.alive || o.allocEvent < 0 || (want !== '' && o.type.toLowerCase() !== want)) continue;
      let a = 0;
      let b = out.length;
      while (a < b) {
        const mid = (a + b) >> 1;
        if (compare(out[mid]!, o) < 0) a = mid + 1;
        else b = mid;
      }
      out.splice(a, 0, o);
    }
    return out;
  }

  /**
   * The objects holding a reference to `id` in `state`, in object-number order: what the
   * engine's referrers() answers, without visiting every object. Every holder took its
   * reference in an Incref event about `id`, so only the holders named in `id`'s own events
   * (found in the Timeline's per-object index) are looked at; an object with more events than
   * there are objects to scan is answered by the full scan.
   */
  referrers(state: HeapState, id: number): { holder: ObjectState; ref: HeldRef }[] {
    const events = this.timeline.eventsOf(id);
    if (events.length > FULL_SCAN) return referrers(state, id);
    const log = this.timeline.log;
    const seen = new Set<number>();
    const out: { holder: ObjectState; ref: HeldRef }[] = [];
    for (const i of events) {
      if (i > state.index) break;
      if (log.kind(i) !== EventKind.Incref) continue;
      const c = log.read(i, this.e).c;
      if (this.e.a !== id || c < 0 || seen.has(c)) continue;
      seen.add(c);
      const holder = getObject(state, c);
      const ref = holder?.refs?.[id];
      if (holder && ref && ref.n > 0) out.push({ holder, ref });
    }
    return out.sort((x, y) => x.holder.id - y.holder.id);
  }

  /** The log records pymalloc blocks (malloc / mem_free events); one pass over the kinds, once. */
  hasBlocks(): boolean {
    if (this.blocks === null) {
      const log = this.timeline.log;
      this.blocks = false;
      for (let i = 0; i < log.length && !this.blocks; i++) {
        const k = log.kind(i);
        if (k === EventKind.Malloc || k === EventKind.MemFree) this.blocks = true;
      }
    }
    return this.blocks;
  }

  /** The line executing when event i happened (a Line event shows the line it moves to), as `refscope events` prints. */
  lineOf(i: number): number {
    const log = this.timeline.log;
    if (log.kind(i) === EventKind.Line) return log.read(i, this.e).a;
    return i > 0 ? this.timeline.lineAt(i - 1) : 0;
  }

  /** Event i as `refscope events` prints it, given the state after it. */
  describe(i: number, after: HeapState): string {
    const log = this.timeline.log;
    return describeEvent(i, this.lineOf(i), log.read(i, this.e), after, log.strings, this.globals());
  }

  /**
   * Module namespaces: every dict a module (allocated in the log) took as its `__dict__`, so a
   * value held by one reads `global 'x'`, as `refscope events` prints it (describe.ts
   * noteGlobals). One pass over the log, on first use.
   */
  globals(): ReadonlySet<number> {
    if (this.globalSet) return this.globalSet;
    const log = this.timeline.log;
    const types = this.typeTable();
    const dictName = log.strings.indexOf('__dict__');
    const moduleName = log.strings.indexOf('module');
    const set = new Set<number>();
    const e = scratch();
    if (dictName >= 0 && moduleName >= 0) {
      for (let i = 0; i < log.length; i++) {
        if (log.kind(i) !== EventKind.Incref) continue;
        log.read(i, e);
        if (e.b === Holder.Field && e.d === dictName && e.c >= 0 && types[e.c] === moduleName + 1) set.add(e.a);
      }
    }
    return (this.globalSet = set);
  }

  /** The events from `cursor - before` to `cursor + after` (clamped), described with the state after each. */
  eventsAround(cursor: number, before: number, after: number): EventLine[] {
    if (cursor < 0) return [];
    const from = Math.max(0, cursor - before);
    const to = Math.min(this.total - 1, cursor + after);
    const out: EventLine[] = [];
    // Forward from `from`: the Timeline keeps the last state, so each step replays one event.
    for (let i = from; i <= to; i++) out.push({ i, text: this.describe(i, this.timeline.stateAt(i)) });
    return out;
  }

  /**
   * Search: the first event in from+1..to whose described text contains `query`
   * (case-insensitive). The text is `refscope events`' line without the refcount, which needs
   * the state at each event; object types come from a table of allocations built on first use.
   */
  search(query: string, from: number, to: number): number | null {
    const q = new RegExp(query.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i');
    const last = Math.min(to, this.total - 1);
    for (let i = Math.max(0, from + 1); i <= last; i++) if (q.test(this.searchText(i))) return i;
    return null;
  }

  /** A state holding only the objects an event names, each known by its type: describeEvent's view for search. */
  private readonly shim = createHeapState();
  /** The shim's objects, reused from event to event (a search looks at millions). */
  private readonly shimObjects = [{ type: '' }, { type: '' }, { type: '' }] as ObjectState[];

  /** describeEvent's text for event i with objects known by type only (no refcount). */
  searchText(i: number): string {
    const log = this.timeline.log;
    const e = log.read(i, this.e);
    const names = e.kind === EventKind.Incref || e.kind === EventKind.Decref || e.kind === EventKind.WeakrefCallback;
    const a = this.place(e.a, 0);
    const b = names ? this.place(e.b, 1) : -1;
    const c = names ? this.place(e.c, 2) : -1;
    let text = describeEvent(i, this.lineOf(i), e, this.shim, log.strings, this.globals());
    if (e.kind === EventKind.Incref || e.kind === EventKind.Decref) text = text.slice(0, text.lastIndexOf(' rc='));
    for (const id of [a, b, c]) if (id >= 0) this.shim.pages[id >>> PAGE_SHIFT]![id & PAGE_MASK] = null;
    return text;
  }

  /** Puts object `id` into the shim as the k-th shim object; its number, or -1 if the log never allocated it. */
  private place(id: number, k: number): number {
    const types = this.typeTable();
    if (id < 0 || id >= types.length || types[id] === 0) return -1;
    const page = (this.shim.pages[id >>> PAGE_SHIFT] ??= new Array<ObjectState | null>(PAGE_SIZE).fill(null));
    const o = this.shimObjects[k]!;
    o.type = this.timeline.log.strings[types[id]! - 1] ?? '?';
    page[id & PAGE_MASK] = o;
    return id;
  }

  /** Object number → 1 + string index of its type, from every Alloc (0: not allocated in the log). */
  private typeTable(): Int32Array {
    if (this.types) return this.types;
    const log = this.timeline.log;
    const e = scratch();
    let max = -1;
    for (let i = 0; i < log.length; i++) if (log.kind(i) === EventKind.Alloc && log.read(i, e).a > max) max = e.a;
    const t = new Int32Array(max + 1);
    for (let i = 0; i < log.length; i++) if (log.kind(i) === EventKind.Alloc) t[log.read(i, e).a] = e.b + 1;
    return (this.types = t);
  }
}
