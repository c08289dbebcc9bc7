// Public API of @refscope/engine. The server and the client use the engine only through this file.
export { Engine } from './engine.js';
export type { EngineOptions, RunLimit, StopReason, TrackedObject } from './engine.js';
export { EventLog, EVENT_WIDTH, LOG_PAGE_EVENTS, LOG_PAGE_MASK } from './events/log.js';
export type { EventRecord } from './events/log.js';
export { EventKind, Holder, GcPhase, Domain, EVENT_NAMES, HOLDER_NAMES, GC_PHASE_NAMES } from './events/kinds.js';
export { eventToJSON, eventFromJSON } from './events/json.js';
export type { EventJSON } from './events/json.js';
export {
  createHeapState, getObject, allObjects, referrers, applyEvent, reduceLog, summary,
  advance, buildCheckpoints, stateAt, CHECKPOINT_EVERY, PAGE_SIZE, DEFAULT_THRESHOLD,
} from './state/index.js';
export type {
  HeapState, ObjectState, HeldRef, GcState, GcSummary, AllocatorState, PoolState, FrameState, StateSummary,
} from './state/index.js';
export {
  RecordingWriter, encodeRecording, encodeIndex, readRecording, readIndex, FormatError, crc32, useNativeCrc32,
  MAGIC as RECORDING_MAGIC, FORMAT_VERSION, ENGINE_VERSION, BLOCK_EVENTS, decodeHeader,
} from './recording/index.js';
export type {
  BlockInfo, WriterOptions, Recording, RecordingLoss, RecordingInfo, RecordingHeader,
} from './recording/index.js';
export { Timeline, groupLive, whyAlive, rootHolds } from './timeline/index.js';
export type {
  TimelineOptions, HistoryEntry, ObjectHistory, Group, MemorySeries, Allocations, WhyAlive, RootRef, RootKind, PathStep,
} from './timeline/index.js';
export { diffLogs, firstDivergence } from './diff/index.js';
export type { LogDiff, DiffSide, DiffRow, Breakdown, Amount } from './diff/index.js';
