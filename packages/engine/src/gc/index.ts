// The cyclic garbage collector, as Modules/gcmodule.c runs it, over a host object model.
export type { GcObject } from './object.js';
export {
  GC_FINALIZED, GC_COLLECTING, GC_TRACKED, GC_UNREACHABLE, GEN_PERMANENT, GEN_UNTRACKED,
  gcListNew, gcListIsEmpty, gcListAppend, gcListRemove, gcListMove, gcListMerge, gcListSize,
} from './object.js';
export type { GcHost, GcVisit, GcCallbackPhase } from './host.js';
export {
  Collector, NUM_GENERATIONS, DEBUG_STATS, DEBUG_COLLECTABLE, DEBUG_UNCOLLECTABLE, DEBUG_SAVEALL, DEBUG_LEAK,
} from './collector.js';
export type { GcGenerationStats } from './collector.js';
