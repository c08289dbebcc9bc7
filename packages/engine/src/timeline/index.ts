// Time travel over a recorded run: seek, step, object history, why-alive, groupings, memory series.
export { Timeline, groupLive } from './timeline.js';
export type { TimelineOptions, HistoryEntry, ObjectHistory, Group, MemorySeries, Allocations } from './timeline.js';
export { whyAlive, rootHolds } from './why.js';
export type { WhyAlive, RootRef, RootKind, PathStep } from './why.js';
export { LineTrack } from './lines.js';
export { ObjectIndex } from './objects.js';
