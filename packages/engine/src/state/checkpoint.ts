// Checkpoints: immutable snapshots of the heap state every K events, for seeking in a recording.
//
// Each checkpoint is `produce(previous, draft => apply the next K events)`, running the very
// recipe the live reducer runs. immer gives structural sharing for free: object pages, arenas and
// frames the batch did not touch are the same arrays as in the previous checkpoint, so memory
// grows with what changed, not with the size of the heap. produce runs once per batch, never per
// event (a draft per event would cost more than the event).
import { Immer } from 'immer';
import type { EventKind } from '../events/kinds.js';
import type { EventLog, EventRecord } from '../events/log.js';
import { createHeapState, type HeapState } from './heap.js';
import { applyEvent } from './reduce.js';

// The heap state is plain data (no getters, symbols or non-enumerable properties), so immer's
// faster iteration is safe; checkpoints stay frozen so no one mutates shared pages by mistake.
const immer = new Immer({ autoFreeze: true, useStrictIteration: false, useStrictShallowCopy: false });
const produce = immer.produce;

/** Events between checkpoints unless told otherwise. */
export const CHECKPOINT_EVERY = 4096;

/** `base` advanced through event `upTo` (inclusive) as a new immutable state; `base` is unchanged. */
export function advance(base: HeapState, log: EventLog, upTo: number): HeapState {
  if (upTo >= log.length) throw new RangeError(`event ${upTo} is outside 0..${log.length - 1}`);
  if (upTo <= base.index) return base;
  const e: EventRecord = { kind: 0 as EventKind, a: 0, b: 0, c: 0, d: 0 };
  const strings = log.strings;
  return produce(base, (draft) => {
    for (let i = base.index + 1; i <= upTo; i++) applyEvent(draft, log.read(i, e), strings);
  });
}

/** Checkpoints at events K-1, 2K-1, ... and at the last event. checkpoints[j].index is their position. */
export function buildCheckpoints(log: EventLog, every: number = CHECKPOINT_EVERY): HeapState[] {
  const out: HeapState[] = [];
  let state = produce(createHeapState(), () => {});
  for (let end = every - 1; state.index < log.length - 1; end += every) {
    state = advance(state, log, Math.min(end, log.length - 1));
    out.push(state);
  }
  return out;
}

/** The state at event `n`, starting from the nearest checkpoint at or before it. */
export function stateAt(checkpoints: readonly HeapState[], log: EventLog, n: number): HeapState {
  let lo = 0;
  let hi = checkpoints.length - 1;
  let best = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (checkpoints[mid]!.index <= n) {
      best = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  const base = best >= 0 ? checkpoints[best]! : produce(createHeapState(), () => {});
  return advance(base, log, n);
}
