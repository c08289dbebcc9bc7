// The heap state: what the simulated process looks like after some prefix of its events.
//
// It is plain data (objects, arrays, numbers, strings) so that the same value can be mutated
// in place while a program runs and be drafted by immer when checkpoints are made. Objects live
// in fixed-size pages indexed by object number, so a lookup is two array reads and a checkpoint
// shares every page the batch did not touch.
import type { Holder } from '../events/kinds.js';

/** Objects per page of `HeapState.pages`. */
export const PAGE_SIZE = 256;
export const PAGE_SHIFT = 8;
export const PAGE_MASK = PAGE_SIZE - 1;

/** CPython's default thresholds (gc.get_threshold()). */
export const DEFAULT_THRESHOLD: readonly [number, number, number] = [700, 10, 10];

/** References one object holds to another, by target object number. */
export interface HeldRef {
  /** How many references the holder has to the target right now. */
  n: number;
  /** The holder kind of the most recent incref (a Holder value). */
  holder: Holder;
  /** The slot of that incref: a string-table index (attribute, key, field name) or a list index. */
  slot: number;
}

export interface ObjectState {
  /** The object number (contracts.md: unique within the run, never reused). */
  id: number;
  /** Type name; '?' for objects that existed before the log started (None, builtins). */
  type: string;
  /** sys.getsizeof in bytes, following Resize events. */
  size: number;
  /** Reference count. Starts at 1 on Alloc (the creator's reference, as _Py_NewReference sets). */
  rc: number;
  /** Generation while tracked by the collector (0..2, 3 = frozen by gc.freeze); -1 when untracked. */
  gen: number;
  tracked: boolean;
  /** Line executing when the object was allocated (0 before the first Line event). */
  allocLine: number;
  /** Event index of the Alloc (-1 for objects first seen in an Incref/Decref). */
  allocEvent: number;
  alive: boolean;
  /** A collection found it unreachable (it stays set if a finalizer resurrected it). */
  unreachable: boolean;
  /** A finalizer (__del__) ran on it. */
  finalized: boolean;
  /** References this object holds to other objects, keyed by target number (from Incref/Decref with an object holder); null until it holds one. */
  refs: Record<number, HeldRef> | null;
}

export interface GcSummary {
  gen: number;
  collected: number;
  uncollectable: number;
  /** How many objects were found unreachable. */
  unreachable: number;
  /** Event indices of its GcStart and GcStop. */
  start: number;
  stop: number;
}

export interface GcState {
  /** gc.get_count(). */
  count: [number, number, number];
  /** gc.get_threshold(). No event changes it yet; see docs/events.md. */
  threshold: [number, number, number];
  /** Collections run, per generation. */
  collections: [number, number, number];
  collected: [number, number, number];
  uncollectable: [number, number, number];
  /** The generation being collected, or -1 outside a collection. */
  running: number;
  /** The current phase name while running ('' outside a collection). */
  phase: string;
  /** Objects found unreachable by the running collection. */
  pendingUnreachable: number;
  pendingStart: number;
  last: GcSummary | null;
}

export interface PoolState {
  /** Block size of the pool's size class. */
  size: number;
  /** Blocks in use. */
  used: number;
}

export interface AllocatorState {
  /** Arenas mapped now, keyed by arena index; each maps pool index to its pool. */
  arenas: Record<number, Record<number, PoolState>>;
  arenaCount: number;
  /** Bytes requested and not yet released, per domain. */
  pymallocBytes: number;
  rawBytes: number;
  /** Blocks in use in pymalloc pools. */
  blocks: number;
}

export interface FrameState {
  frame: number;
  name: string;
  line: number;
}

export interface HeapState {
  /** Index of the last event applied; -1 before any. */
  index: number;
  /** Objects by number: pages[n >> PAGE_SHIFT][n & PAGE_MASK]. */
  pages: ((ObjectState | null)[] | null)[];
  /** Live objects allocated in the log, and the sum of their sizes. */
  objects: number;
  bytes: number;
  /** Objects allocated in the log so far (live or not). */
  allocated: number;
  gc: GcState;
  alloc: AllocatorState;
  /** The line executing and the frame it is in (0 / -1 before the first Line event). */
  line: number;
  frame: number;
  /** The call stack, outermost first. */
  frames: FrameState[];
  stdout: string;
  stderr: string;
  /** The exit status once an Exit event was applied, else null. */
  exit: number | null;
}

export function createHeapState(): HeapState {
  return {
    index: -1,
    pages: [],
    objects: 0,
    bytes: 0,
    allocated: 0,
    gc: {
      count: [0, 0, 0],
      threshold: [DEFAULT_THRESHOLD[0], DEFAULT_THRESHOLD[1], DEFAULT_THRESHOLD[2]],
      collections: [0, 0, 0],
      collected: [0, 0, 0],
      uncollectable: [0, 0, 0],
      running: -1,
      phase: '',
      pendingUnreachable: 0,
      pendingStart: -1,
      last: null,
    },
    alloc: { arenas: {}, arenaCount: 0, pymallocBytes: 0, rawBytes: 0, blocks: 0 },
    line: 0,
    frame: -1,
    frames: [],
    stdout: '',
    stderr: '',
    exit: null,
  };
}

/** The object numbered `id`, or undefined if the log never mentioned it. */
export function getObject(state: HeapState, id: number): ObjectState | undefined {
  if (id < 0) return undefined;
  const page = state.pages[id >>> PAGE_SHIFT];
  return page?.[id & PAGE_MASK] ?? undefined;
}

/** Every object the log mentioned, in object-number order. */
export function* allObjects(state: HeapState): Generator<ObjectState> {
  for (const page of state.pages) {
    if (!page) continue;
    for (const o of page) if (o) yield o;
  }
}

/** Objects holding a reference to `id`, with the reference they hold (the "why is it alive" edges). */
export function referrers(state: HeapState, id: number): { holder: ObjectState; ref: HeldRef }[] {
  const out: { holder: ObjectState; ref: HeldRef }[] = [];
  for (const o of allObjects(state)) {
    const ref = o.refs?.[id];
    if (ref && ref.n > 0) out.push({ holder: o, ref });
  }
  return out;
}
