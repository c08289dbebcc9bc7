// Time travel over a recorded run: seek, step, object history, why-alive, groupings, memory series.
export { Timeline, groupLive, PROGRESS_EVENTS } from './timeline.js';
export type { TimelineOptions, HistoryEntry, ObjectHistory, Group, MemorySeries, Allocations } from './timeline.js';
export { whyAlive, rootHolds, rootLedger, moduleGlobals, dictTakes, heapGraph } from './why.js';
export type { WhyAlive, RootRef, RootKind, PathStep, RootHold, HeapGraph, WhyContext } from './why.js';
export { LineTrack } from './lines.js';
export { ObjectIndex } from './objects.js';
