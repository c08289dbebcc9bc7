// The event vocabulary. Every change the simulated CPython makes to its memory is one event:
// a kind and up to four integer fields (a, b, c, d). Strings (type names, attribute names,
// printed text) are stored once in the log's string table and referenced by index.
// docs/events.md describes every kind and field for readers of recordings; keep the two in step.

export const enum EventKind {
  /** An object was allocated. a: object number, b: type name (string), c: size in bytes (sys.getsizeof), d: the type object's number (-1 for builtin types). */
  Alloc = 1,
  /** An object was deallocated. a: object number. */
  Free = 2,
  /** A reference was taken. a: object, b: holder kind (Holder), c: holder object (-1 if none), d: slot (string index, or list index for items, -1 if none). */
  Incref = 3,
  /** A reference was released. Fields as Incref. */
  Decref = 4,
  /** An object's size changed (a list grew, a dict resized). a: object, b: new size. */
  Resize = 5,
  /** The collector started tracking an object. a: object, b: generation. */
  Track = 6,
  /** The collector stopped tracking an object. a: object. */
  Untrack = 7,
  /** A collection started. a: generation collected, b..d: gen0..gen2 counts (after the counters were updated). */
  GcStart = 8,
  /** A phase of a collection. a: GcPhase, b: how many objects it concerned. */
  GcPhase = 9,
  /** A collection ended. a: generation, b: collected, c: uncollectable. */
  GcStop = 10,
  /** An object moved to another generation's list (survivors promoted, younger generations merged into the one collected, gc.freeze/unfreeze). a: object, b: new generation (3 = the permanent generation of gc.freeze). */
  Promote = 11,
  /** The collector found an object unreachable. a: object. */
  Unreachable = 12,
  /** A finalizer (__del__) is about to run. a: object. */
  Finalize = 13,
  /** A weakref callback is about to run. a: weakref object, b: referent object. */
  WeakrefCallback = 14,
  /** The gen0/gen1/gen2 counts changed outside a collection. a..c: new counts. */
  GcCount = 15,
  /** pymalloc mapped a new arena. a: arena index. */
  ArenaNew = 16,
  /** pymalloc released an arena. a: arena index. */
  ArenaFree = 17,
  /** A pool was given a size class. a: arena index, b: pool index in arena, c: block size. */
  PoolInit = 18,
  /** A pool became empty. a: arena index, b: pool index. */
  PoolEmpty = 19,
  /** Memory was allocated for an object (or its buffer). a: object, b: address (block index or raw id), c: bytes requested, d: Domain. */
  Malloc = 20,
  /** Memory was released. a: object, b: address, c: bytes, d: Domain. */
  MemFree = 21,
  /** A source line started executing. a: line number, b: frame number. */
  Line = 22,
  /** The program wrote to stdout. a: text (string index). */
  Stdout = 23,
  /** A frame was entered. a: frame number, b: code name (string), c: first line. */
  FrameEnter = 24,
  /** A frame was left. a: frame number. */
  FrameExit = 25,
  /** The program wrote to stderr (tracebacks). a: text (string index). */
  Stderr = 26,
  /** The program ended. a: exit status. */
  Exit = 27,
}

/** Who holds a reference (the b field of Incref/Decref). */
export const enum Holder {
  /** A temporary held by the interpreter itself (a C local in CPython). */
  Temp = 0,
  /** A slot of a frame's value stack. c: frame number, d: stack depth. */
  Stack = 1,
  /** A frame's local variable. c: frame number, d: variable name. */
  Local = 2,
  /** An item of a list, tuple, set or deque. c: container, d: index (-1 when not meaningful). */
  Item = 3,
  /** A dict key. c: dict, d: key text when the key is a str, else -1. */
  Key = 4,
  /** A dict value (module globals are values of the module's dict). c: dict, d: key text when the key is a str, else -1. */
  Value = 5,
  /** An attribute (instance inline value, slot, class attribute). c: owner, d: attribute name. */
  Attr = 6,
  /** A closure cell's content. c: the cell. */
  Cell = 7,
  /** An internal field of an object (a function's defaults, a bound method's self, an iterator's sequence, a generator's frame). c: owner, d: field name. */
  Field = 8,
  /** The collector's own lists (gc.garbage, objects held during a collection). c: -1. */
  Gc = 9,
  /** An interpreter root (sys.modules, builtins, the interned-string table, constants of a code object). c: owner or -1, d: name. */
  Root = 10,
}

/** Phases reported by GcPhase events, in the order gcmodule.c runs them. */
export const enum GcPhase {
  UpdateRefs = 1,
  SubtractRefs = 2,
  MoveUnreachable = 3,
  HandleWeakrefs = 4,
  FinalizeGarbage = 5,
  CheckResurrected = 6,
  DeleteGarbage = 7,
}

/** Allocation domain of a Malloc/MemFree event. */
export const enum Domain {
  /** pymalloc: the address is arena * 2^20 + pool * 2^14 + offset. */
  Pymalloc = 1,
  /** The raw allocator (requests over 512 bytes). */
  Raw = 2,
}

export const EVENT_NAMES: Record<number, string> = {
  1: 'alloc', 2: 'free', 3: 'incref', 4: 'decref', 5: 'resize', 6: 'track', 7: 'untrack',
  8: 'gc_start', 9: 'gc_phase', 10: 'gc_stop', 11: 'promote', 12: 'unreachable', 13: 'finalize',
  14: 'weakref_callback', 15: 'gc_count', 16: 'arena_new', 17: 'arena_free', 18: 'pool_init',
  19: 'pool_empty', 20: 'malloc', 21: 'mem_free', 22: 'line', 23: 'stdout', 24: 'frame_enter',
  25: 'frame_exit', 26: 'stderr', 27: 'exit',
};

export const HOLDER_NAMES: Record<number, string> = {
  0: 'temp', 1: 'stack', 2: 'local', 3: 'item', 4: 'key', 5: 'value', 6: 'attr', 7: 'cell',
  8: 'field', 9: 'gc', 10: 'root',
};

export const GC_PHASE_NAMES: Record<number, string> = {
  1: 'update_refs', 2: 'subtract_refs', 3: 'move_unreachable', 4: 'handle_weakrefs',
  5: 'finalize_garbage', 6: 'check_resurrected', 7: 'delete_garbage',
};
