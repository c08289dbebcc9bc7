// set and frozenset as Objects/setobject.c runs them. The table itself is memory/set.ts's
// SetTable, slot for slot (linear probing, dummies left by deletions, the pre-sizing of the bulk
// paths), keyed by object number; this file keeps the Python side: which object each number is,
// its value key (so that 1, 1.0 and True are one member), the references the set holds, and
// the Resize events when the table's size changes. Everything that depends on the table's
// layout (iteration and repr order, `sys.getsizeof`, `pop`, the order members are released and
// traversed) therefore follows CPython, including after deletions and for each bulk operation:
//
//   set(s), s.copy(), s | t, s.update(t), {1, 2, 3}   set_merge: pre-size, then copy or re-insert
//   s.update(dict)                                    pre-size for the dict, then add its keys
//   s & t                                             walk the smaller set, keep what the other has
//   s - t                                             walk s, or copy s and discard t when s is 4× bigger
//   s ^ t                                             a copy of t, updated with s's members
//   s -= t, s ^= t, s &= t                            in place; dummies trimmed after difference_update
import { EventKind, Holder } from '../events/kinds.js';
import { SetTable, type KeyEq } from '../memory/set.js';
import { PyDict, PySet, type PyObject } from './object.js';
import { dictItems } from './dict.js';
import { hashKey, pyHash, toArray } from './ops.js';
import type { Runtime } from './runtime.js';

/** What a set knows of one member: the object, its value key (dict/set equality), its hash. */
export interface SetMember {
  o: PyObject;
  k: unknown;
  h: number | bigint;
}

/** `sys.getsizeof(s)`: 216, plus the separately allocated table once it left the smalltable. */
export function setSize(s: PySet): number {
  return s.table.sizeof();
}

/** Members in slot order: what iteration, repr, traversal and teardown see. */
export function setMembers(s: PySet): PyObject[] {
  const ids = s.table.keysInOrder();
  const out = new Array<PyObject>(ids.length);
  for (let i = 0; i < ids.length; i++) out[i] = s.byId.get(ids[i]!)!.o;
  return out;
}

/** The value key and hash of a new candidate member (calls a class's `__hash__` once). */
function memberOf(rt: Runtime, x: PyObject): SetMember {
  const k = hashKey(rt, x);
  const h = typeof k === 'string' && k.startsWith('\u0000h') ? BigInt(k.slice(2)) : pyHash(rt, x);
  return { o: x, k, h };
}

/** Key equality between members of two sets (or of one), by value key: 1 == 1.0 == True. */
function equalBetween(a: PySet, b: PySet): KeyEq {
  return (stored, key) => {
    const x = a.byId.get(stored) ?? b.byId.get(stored);
    const y = b.byId.get(key) ?? a.byId.get(key);
    return x !== undefined && y !== undefined && x.k === y.k;
  };
}

function resized(rt: Runtime, s: PySet, before: number): void {
  const now = s.table.sizeof();
  if (now !== before) rt.log.push(EventKind.Resize, s.id, now);
}

/** Records a member the table just took, and the reference the set now holds. */
function took(rt: Runtime, s: PySet, m: SetMember): void {
  s.byId.set(m.o.id, m);
  s.keys.set(m.k, m.o);
  rt.incref(m.o, Holder.Item, s.id, -1);
}

/** Forgets a member the table dropped and releases the set's reference. */
function dropped(rt: Runtime, s: PySet, id: number): void {
  const m = s.byId.get(id)!;
  s.byId.delete(id);
  // An equal member from another set may have taken this value's place already (a &= b).
  if (s.keys.get(m.k) === m.o) s.keys.delete(m.k);
  rt.decref(m.o, Holder.Item, s.id, -1);
}

/** `set_add_entry` with a known member. */
function addMember(rt: Runtime, s: PySet, m: SetMember): void {
  if (s.keys.has(m.k)) return;
  const before = s.table.sizeof();
  s.table.add(m.o.id, m.h);
  took(rt, s, m);
  resized(rt, s, before);
}

/** `set_add_key`: s.add(x), BUILD_SET, and the item-by-item paths. */
export function setAdd(rt: Runtime, s: PySet, x: PyObject): void {
  const k = hashKey(rt, x);
  if (s.keys.has(k)) return;
  const h = typeof k === 'string' && k.startsWith('\u0000h') ? BigInt(k.slice(2)) : pyHash(rt, x);
  addMember(rt, s, { o: x, k, h });
}

/** `set_discard_key`: the slot becomes a dummy; true when x was a member. */
export function setDiscard(rt: Runtime, s: PySet, x: PyObject): boolean {
  const stored = s.keys.get(hashKey(rt, x));
  if (stored === undefined) return false;
  const m = s.byId.get(stored.id)!;
  s.table.discard(stored.id, m.h);
  dropped(rt, s, stored.id);
  return true;
}

/** `set.pop()`: the first live slot from the finger on; the caller gets the set's reference. */
export function setPop(rt: Runtime, s: PySet): PyObject | null {
  const id = s.table.pop();
  if (id < 0) return null;
  const m = s.byId.get(id)!;
  s.byId.delete(id);
  s.keys.delete(m.k);
  rt.take(m.o, Holder.Item, s.id, -1);
  return m.o;
}

/** `set_clear_internal`: back to the smalltable, members released in slot order. */
export function setClear(rt: Runtime, s: PySet): void {
  const before = s.table.sizeof();
  const ids = s.table.clear();
  resized(rt, s, before);
  const ms = ids.map((id) => s.byId.get(id)!);
  s.byId.clear();
  s.keys.clear();
  for (const m of ms) rt.decref(m.o, Holder.Item, s.id, -1);
}

/** `set_merge`: every member of `other` not already in `s`, with CPython's pre-sizing and copy paths. */
export function setMerge(rt: Runtime, s: PySet, other: PySet): void {
  if (other === s || other.table.used === 0) return;
  const before = s.table.sizeof();
  s.table.merge(other.table, equalBetween(s, other));
  for (const id of other.table.keysInOrder()) {
    const m = other.byId.get(id)!;
    if (!s.byId.has(id) && !s.keys.has(m.k)) took(rt, s, m);
  }
  resized(rt, s, before);
}

/** `set_update_internal`: from a set (merge), an exact dict (pre-sized), or any iterable. */
export function setUpdate(rt: Runtime, s: PySet, other: PyObject): void {
  if (other instanceof PySet) return setMerge(rt, s, other);
  if (other instanceof PyDict && other.type === rt.t.dict) {
    const before = s.table.sizeof();
    s.table.reserve(other.used);
    resized(rt, s, before);
    for (const [k] of dictItems(other)) setAdd(rt, s, k);
    return;
  }
  const items = toArray(rt, other);
  try {
    for (const x of items) setAdd(rt, s, x);
  } finally {
    for (const x of items) rt.tempDecref(x);
  }
}

/** A new empty set or frozenset (`make_new_set`); tracked once filled by the caller. */
function emptySet(rt: Runtime, frozen: boolean): PySet {
  const s = rt.alloc(new PySet(), frozen ? rt.t.frozenset! : rt.t.set!, 216, true);
  s.frozen = frozen;
  return s;
}

/** A new set of a table computed by a SetTable operation, holding a reference to each member. */
function fromTable(rt: Runtime, table: SetTable, frozen: boolean, a: PySet, b: PySet): PySet {
  const s = emptySet(rt, frozen);
  s.table = table;
  for (const id of table.keysInOrder()) took(rt, s, a.byId.get(id) ?? b.byId.get(id)!);
  if (table.sizeof() !== 216) rt.log.push(EventKind.Resize, s.id, table.sizeof());
  rt.track(s);
  return s;
}

/** `set(iterable)` / `frozenset(iterable)` / `s.copy()`: a new set updated from `src`. */
export function setFrom(rt: Runtime, src: PyObject | null, frozen: boolean): PySet {
  const s = emptySet(rt, frozen);
  if (src !== null) setUpdate(rt, s, src);
  rt.track(s);
  return s;
}

/** A new set of the given members, added one by one (their references stay the caller's). */
export function setOf(rt: Runtime, items: readonly PyObject[], frozen: boolean): PySet {
  const s = emptySet(rt, frozen);
  for (const x of items) setAdd(rt, s, x);
  rt.track(s);
  return s;
}

/** A temporary set of any iterable's members (the `make_new_set(other)` of the generic paths). */
function asSet(rt: Runtime, o: PyObject): { set: PySet; temp: boolean } {
  if (o instanceof PySet) return { set: o, temp: false };
  return { set: setFrom(rt, o, false), temp: true };
}

function release(rt: Runtime, t: { set: PySet; temp: boolean }): void {
  if (t.temp) rt.tempDecref(t.set);
}

/** `a | b` and `a.union(b)`: a copy of a, merged with b. */
export function setUnion(rt: Runtime, a: PySet, others: readonly PyObject[]): PySet {
  const r = setFrom(rt, a, a.frozen);
  for (const o of others) if (o !== a) setUpdate(rt, r, o);
  return r;
}

/** `a & b` (`set_intersection`): the smaller set walked, each member the other has kept. */
export function setIntersection(rt: Runtime, a: PySet, b: PyObject): PySet {
  if (b === a) return setFrom(rt, a, a.frozen);
  if (!(b instanceof PySet)) {
    // Walk the iterable, keeping what a has, in the iterable's order.
    const r = emptySet(rt, a.frozen);
    const items = toArray(rt, b);
    try {
      for (const x of items) {
        const m = memberOf(rt, x);
        if (a.keys.has(m.k)) addMember(rt, r, m);
      }
    } finally {
      for (const x of items) rt.tempDecref(x);
    }
    rt.track(r);
    return r;
  }
  return fromTable(rt, SetTable.intersection(a.table, b.table, equalBetween(a, b)), a.frozen, b, a);
}

/** `a - b` (`set_difference`). */
export function setDifference(rt: Runtime, a: PySet, b: PyObject): PySet {
  const other = b instanceof PySet ? b : null;
  const otherSize = other !== null ? other.table.used : b instanceof PyDict && b.type === rt.t.dict ? b.used : -1;
  if (otherSize < 0 || a.table.used >> 2 > otherSize) {
    // set_copy_and_difference
    const r = setFrom(rt, a, a.frozen);
    setDifferenceUpdate(rt, r, b);
    return r;
  }
  if (other !== null) return fromTable(rt, SetTable.difference(a.table, other.table, equalBetween(a, other)), a.frozen, a, other);
  const r = emptySet(rt, a.frozen);
  const d = b as PyDict;
  const inDict = new Set<unknown>();
  for (const [k] of dictItems(d)) inDict.add(hashKey(rt, k));
  for (const id of a.table.keysInOrder()) {
    const m = a.byId.get(id)!;
    if (!inDict.has(m.k)) addMember(rt, r, m);
  }
  rt.track(r);
  return r;
}

/** `a -= b` / `a.difference_update(b)` (`set_difference_update_internal`). */
export function setDifferenceUpdate(rt: Runtime, a: PySet, b: PyObject): void {
  if (b === a) return setClear(rt, a);
  const before = a.table.sizeof();
  if (b instanceof PySet) {
    const removed = a.table.differenceUpdate(b.table, equalBetween(a, b));
    resized(rt, a, before);
    for (const id of removed) dropped(rt, a, id);
    return;
  }
  const items = toArray(rt, b);
  try {
    for (const x of items) setDiscard(rt, a, x);
  } finally {
    for (const x of items) rt.tempDecref(x);
  }
  a.table.trimDummies();
  resized(rt, a, before);
}

/** `a &= b` / `a.intersection_update(b)`: a takes the intersection's table; the rest is released. */
export function setIntersectionUpdate(rt: Runtime, a: PySet, b: PyObject): void {
  const tmp = asSet(rt, b);
  try {
    const before = a.table.sizeof();
    const old = a.table.keysInOrder();
    a.table.intersectionUpdate(tmp.set.table, equalBetween(a, tmp.set));
    resized(rt, a, before);
    // The intersection holds the smaller set's objects, which may be b's (1 for a's 1.0).
    const kept = a.table.keysInOrder();
    for (const id of kept) if (!a.byId.has(id)) took(rt, a, tmp.set.byId.get(id)!);
    const keep = new Set(kept);
    for (const id of old) if (!keep.has(id)) dropped(rt, a, id);
  } finally {
    release(rt, tmp);
  }
}

/** `a ^= b` / `a.symmetric_difference_update(b)`: walk b, discarding what a has and adding the rest. */
export function setSymmetricDifferenceUpdate(rt: Runtime, a: PySet, b: PyObject): void {
  if (b === a) return setClear(rt, a);
  const tmp = asSet(rt, b);
  try {
    const before = a.table.sizeof();
    const had = new Set(a.byId.keys());
    const removed = a.table.symmetricDifferenceUpdate(tmp.set.table, equalBetween(a, tmp.set));
    resized(rt, a, before);
    for (const id of a.table.keysInOrder()) if (!had.has(id)) took(rt, a, tmp.set.byId.get(id)!);
    for (const id of removed) dropped(rt, a, id);
  } finally {
    release(rt, tmp);
  }
}

/** `a ^ b` (`set_symmetric_difference`): a copy of b, updated with a's members. */
export function setSymmetricDifference(rt: Runtime, a: PySet, b: PyObject): PySet {
  const r = setFrom(rt, b, a.frozen);
  setSymmetricDifferenceUpdate(rt, r, a);
  return r;
}

/** Whether every member of a is in b (by value). */
export function setIsSubset(a: PySet, b: PySet): boolean {
  if (a.table.used > b.table.used) return false;
  for (const k of a.keys.keys()) if (!b.keys.has(k)) return false;
  return true;
}

/** `set_dealloc`: release every member in slot order. */
export function setRelease(rt: Runtime, s: PySet): void {
  const ms = s.table.keysInOrder().map((id) => s.byId.get(id)!);
  s.table = new SetTable();
  s.byId.clear();
  s.keys.clear();
  for (const m of ms) rt.decref(m.o, Holder.Item, s.id, -1);
}
