// The heap state and its reducer (see heap.ts, reduce.ts, checkpoint.ts).
export {
  createHeapState, getObject, allObjects, referrers, PAGE_SIZE, DEFAULT_THRESHOLD,
} from './heap.js';
export type {
  HeapState, ObjectState, HeldRef, GcState, GcSummary, AllocatorState, PoolState, FrameState,
} from './heap.js';
export { applyEvent, reduceLog, summary } from './reduce.js';
export type { StateSummary } from './reduce.js';
export { advance, buildCheckpoints, extendCheckpoints, emptyState, stateAt, CHECKPOINT_EVERY } from './checkpoint.js';
