// The GC header every collectable object carries, and the intrusive lists threaded through it.
//
// CPython puts a PyGC_Head (two words: _gc_next, _gc_prev) in front of every GC object. The
// generation lists are circular doubly-linked lists through those words, each headed by a
// sentinel, so tracking, untracking, moving and merging are O(1) and a collection allocates
// nothing per object. gcmodule.c packs flags and the scratch refcount into spare bits of the
// two pointers; here they are fields of their own (`gcFlags`, `gcRefs`), and `gcGen` records
// which generation list holds the object, so `gc.get_objects(g)` and the timeline need no scan.

/** The header the runtime's object base class carries (PyObject + PyGC_Head). */
export interface GcObject {
  /** The object number events name it by. */
  id: number;
  /** ob_refcnt. */
  rc: number;
  /** Previous object in the list holding it (a generation or a collection's work list); null when untracked. */
  gcPrev: GcObject | null;
  /** Next object in that list; null when untracked (gc.is_tracked is `gcNext !== null`). */
  gcNext: GcObject | null;
  /** The collector's scratch count (gc_refs): during a collection, references from outside the set. */
  gcRefs: number;
  /** GC_* bits below. */
  gcFlags: number;
  /** The generation whose list holds it: 0..2, GEN_PERMANENT after gc.freeze(), -1 when untracked. */
  gcGen: number;
}

/** tp_finalize (`__del__`) has run (PEP 442); it never runs again for this object. */
export const GC_FINALIZED = 1;
/** The object is in the set being collected (PREV_MASK_COLLECTING). */
export const GC_COLLECTING = 2;
/** The object is on a generation list (the runtime's historical bit; mirrors `gcNext !== null`). */
export const GC_TRACKED = 4;
/** move_unreachable put the object on the tentatively-unreachable list (NEXT_MASK_UNREACHABLE). */
export const GC_UNREACHABLE = 8;

/** gcGen of objects in the permanent generation (gc.freeze). */
export const GEN_PERMANENT = 3;
/** gcGen of untracked objects. */
export const GEN_UNTRACKED = -1;

/** A list head: a sentinel that is never a real object. Its `id` is -1. */
export function gcListNew(): GcObject {
  const head: GcObject = { id: -1, rc: 0, gcPrev: null, gcNext: null, gcRefs: 0, gcFlags: 0, gcGen: -1 };
  head.gcPrev = head;
  head.gcNext = head;
  return head;
}

export function gcListIsEmpty(head: GcObject): boolean {
  return head.gcNext === head;
}

/** Appends `o` (currently on no list) at the tail of `head` (gc_list_append). */
export function gcListAppend(o: GcObject, head: GcObject): void {
  const last = head.gcPrev!;
  last.gcNext = o;
  o.gcPrev = last;
  o.gcNext = head;
  head.gcPrev = o;
}

/** Unlinks `o` from whatever list holds it (gc_list_remove). */
export function gcListRemove(o: GcObject): void {
  o.gcPrev!.gcNext = o.gcNext;
  o.gcNext!.gcPrev = o.gcPrev;
  o.gcPrev = null;
  o.gcNext = null;
}

/** Moves `o` from its list to the tail of `head` (gc_list_move). */
export function gcListMove(o: GcObject, head: GcObject): void {
  o.gcPrev!.gcNext = o.gcNext;
  o.gcNext!.gcPrev = o.gcPrev;
  gcListAppend(o, head);
}

/** Appends all of `from` at the tail of `to`, leaving `from` empty (gc_list_merge). */
export function gcListMerge(from: GcObject, to: GcObject): void {
  if (from.gcNext === from) return;
  const first = from.gcNext!;
  const last = from.gcPrev!;
  const tail = to.gcPrev!;
  tail.gcNext = first;
  first.gcPrev = tail;
  last.gcNext = to;
  to.gcPrev = last;
  from.gcNext = from;
  from.gcPrev = from;
}

export function gcListSize(head: GcObject): number {
  let n = 0;
  for (let o = head.gcNext!; o !== head; o = o.gcNext!) n++;
  return n;
}
