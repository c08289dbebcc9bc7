// dict storage: insertion-ordered entries over CPython 3.11's keys-table accounting, so that
// sys.getsizeof, resizes and the GC tracking rules come out as dictobject.c's do.
//
// Keys are looked up by a "hash key" (hashkey.ts): a JS value equal for equal Python keys.
import { EventKind, Holder } from '../events/kinds.js';
import { PyDict, PyStr, PyTuple, type DictEntry, type PyInstance, type PyObject } from './object.js';
import type { Runtime } from './runtime.js';

const usableFraction = (size: number): number => ((size << 1) / 3) | 0;

function indexBytes(size: number): number {
  if (size <= 0x80) return 1;
  if (size <= 0x8000) return 2;
  if (size <= 0x80000000) return 4;
  return 8;
}

/** calculate_log2_keysize: next power of two ≥ (m | 8). */
export function log2KeysizeFor(m: number): number {
  let v = m | 8;
  let log = 3;
  while (1 << log < v) log++;
  return log;
}

/** estimate_log2_keysize for presized dicts. */
export function estimateLog2Keysize(n: number): number {
  return log2KeysizeFor(((n * 3 + 1) >> 1) | 8);
}

export function dictSize(d: PyDict): number {
  if (d.log2size === 0) return 64;
  const size = 1 << d.log2size;
  return 64 + 32 + indexBytes(size) * size + usableFraction(size) * (d.unicode ? 16 : 24);
}

/** Whether an object may hold references the collector must see (_PyObject_GC_MAY_BE_TRACKED). */
export function mayBeTracked(rt: Runtime, o: PyObject): boolean {
  if (!rt.isGcObject(o)) return false;
  if (o instanceof PyTuple) return o.gcNext !== null;
  return true;
}

export function keySlot(rt: Runtime, key: PyObject): number {
  if (!(key instanceof PyStr)) return -1;
  let id = key.strId;
  if (id < 0) id = key.strId = rt.log.str(key.value);
  return id;
}

function resizeTo(rt: Runtime, d: PyDict, log2: number): void {
  const before = dictSize(d);
  // Compact the entries (dictresize drops dummies).
  if (d.used !== d.entries.length) {
    const live = d.entries.filter((e) => e.key !== null);
    d.entries = live;
    d.index.clear();
    for (let i = 0; i < live.length; i++) d.index.set(live[i]!.hkey, i);
  }
  d.log2size = log2;
  d.usable = usableFraction(1 << log2) - d.used;
  const after = dictSize(d);
  if (after !== before) rt.log.push(EventKind.Resize, d.id, after);
}

/** Borrowed value for hkey, or null. */
export function dictGet(d: PyDict, hkey: unknown): PyObject | null {
  const i = d.index.get(hkey);
  return i === undefined ? null : d.entries[i]!.value;
}

export function dictGetEntryKey(d: PyDict, hkey: unknown): PyObject | null {
  const i = d.index.get(hkey);
  return i === undefined ? null : d.entries[i]!.key;
}

/**
 * The entry holding hkey, or null. An entry stays the same object while its key is in the dict
 * (a resize keeps it); when the key is deleted, or the dict cleared, its `key` becomes null. So a
 * caller may keep an entry and trust it while `key !== null` (NameCache does).
 */
export function dictEntry(d: PyDict, hkey: unknown): DictEntry | null {
  const i = d.index.get(hkey);
  return i === undefined ? null : d.entries[i]!;
}

/** d[key] = value where `e` is key's entry in d (dictSet's path for a key already there). */
export function dictReplace(rt: Runtime, d: PyDict, e: DictEntry, key: PyObject, value: PyObject): void {
  const slot = keySlot(rt, key);
  trackFor(rt, d, key, value);
  const old = e.value!;
  rt.incref(value, Holder.Value, d.id, slot);
  e.value = value;
  rt.decref(old, Holder.Value, d.id, slot);
}

/** MAINTAIN_TRACKING: an untracked dict is tracked once it holds something the collector must see. */
function trackFor(rt: Runtime, d: PyDict, key: PyObject, value: PyObject): void {
  if (d.gcNext === null && (mayBeTracked(rt, key) || mayBeTracked(rt, value)) && d.type !== undefined) {
    rt.track(d);
  }
}

/** d[key] = value; borrows both (takes its own references). */
export function dictSet(rt: Runtime, d: PyDict, key: PyObject, hkey: unknown, value: PyObject): void {
  const i = d.index.get(hkey);
  if (i !== undefined) {
    dictReplace(rt, d, d.entries[i]!, key, value);
    return;
  }
  const slot = keySlot(rt, key);
  trackFor(rt, d, key, value);
  const isStr = key instanceof PyStr && key.type === rt.strType;
  if (d.split) {
    // A materialised instance dict shares its class's keys: a new str name joins them (every
    // instance's dict grows by it) while they have room; otherwise the dict becomes an ordinary
    // combined table sized for its items (insertion_resize).
    const shared = (d.owner as PyInstance | null)?.type.sharedKeys ?? null;
    if (shared === null || !isStr || shared.store((key as PyStr).value) < 0) {
      d.split = false;
      d.unicode = d.unicode && isStr;
      resizeTo(rt, d, log2KeysizeFor(d.used * 3));
    }
  }
  if (d.log2size === 0) {
    d.log2size = 3;
    d.usable = 5;
    d.unicode = isStr;
    rt.log.push(EventKind.Resize, d.id, dictSize(d));
  } else if (d.unicode && !isStr) {
    d.unicode = false;
    resizeTo(rt, d, log2KeysizeFor(d.used * 3));
  }
  if (d.usable <= 0) resizeTo(rt, d, log2KeysizeFor(d.used * 3));
  rt.incref(key, Holder.Key, d.id, slot);
  rt.incref(value, Holder.Value, d.id, slot);
  d.index.set(hkey, d.entries.length);
  d.entries.push({ key, value, hkey });
  d.used++;
  d.usable--;
}

/** Removes key; returns the value reference (now owned by the caller) or null if absent. Decrefs the key. */
export function dictPop(rt: Runtime, d: PyDict, hkey: unknown): PyObject | null {
  const i = d.index.get(hkey);
  if (i === undefined) return null;
  const e = d.entries[i]!;
  d.index.delete(hkey);
  const key = e.key!;
  const value = e.value!;
  e.key = null;
  e.value = null;
  d.used--;
  const slot = keySlot(rt, key);
  rt.take(value, Holder.Value, d.id, slot);
  rt.decref(key, Holder.Key, d.id, slot);
  return value;
}

/** del d[key]: key then value are released. Returns false when absent. */
export function dictDel(rt: Runtime, d: PyDict, hkey: unknown): boolean {
  const v = dictPop(rt, d, hkey);
  if (v === null) return false;
  rt.tempDecref(v);
  return true;
}

/** Releases every entry in order (key, then value), leaving the static empty keys. */
export function dictClear(rt: Runtime, d: PyDict, resize = true): void {
  let entries = d.entries;
  // A split dict's values array is in the shared keys' order, and is released in that order.
  const shared = d.split ? (d.owner as PyInstance | null)?.type.sharedKeys ?? null : null;
  if (shared !== null) {
    const at = (e: (typeof entries)[number]): number => (e.key instanceof PyStr ? shared.indexOf(e.key.value) : -1);
    entries = entries.filter((e) => e.key !== null).sort((a, b) => at(a) - at(b));
  }
  d.entries = [];
  d.index = new Map();
  d.used = 0;
  const before = dictSize(d);
  d.log2size = 0;
  d.usable = 0;
  d.unicode = true;
  if (resize && before !== 64) rt.log.push(EventKind.Resize, d.id, 64);
  // The entries leave the dict: their keys become null first (dictEntry), then are released.
  const keys: (PyObject | null)[] = entries.map((e) => e.key);
  for (const e of entries) e.key = null;
  for (let i = 0; i < entries.length; i++) {
    const key = keys[i]!;
    if (key === null) continue;
    const slot = keySlot(rt, key);
    rt.decref(key, Holder.Key, d.id, slot);
    rt.decref(entries[i]!.value!, Holder.Value, d.id, slot);
  }
}

/**
 * dict_merge into an empty dict from an exact dict that is clean (no deleted entries) and either
 * of the minimum size or more than half full: the target takes a clone of the source's keys
 * table (clone_combined_dict_keys), so its size is the source's, and a split instance dict
 * becomes combined. Returns false when that path does not apply.
 */
export function dictCloneInto(rt: Runtime, d: PyDict, other: PyDict): boolean {
  if (other.type !== rt.dictT || other.split || other.log2size === 0) return false;
  if (other.used !== other.entries.length) return false;
  const size = 1 << other.log2size;
  if (!(other.log2size === 3 || usableFraction(size >> 1) < other.used)) return false;
  const before = d.split ? -1 : dictSize(d);
  d.split = false;
  d.log2size = other.log2size;
  d.unicode = other.unicode;
  d.usable = other.usable;
  if (dictSize(d) !== before) rt.log.push(EventKind.Resize, d.id, dictSize(d));
  if (d.gcNext === null && other.gcNext !== null) rt.track(d);
  for (const e of other.entries) {
    const key = e.key!;
    const value = e.value!;
    const slot = keySlot(rt, key);
    rt.incref(key, Holder.Key, d.id, slot);
    rt.incref(value, Holder.Value, d.id, slot);
    d.index.set(e.hkey, d.entries.length);
    d.entries.push({ key, value, hkey: e.hkey });
    d.used++;
  }
  return true;
}

/** Presizes an empty dict for n items (dict_new_presized, n > 5). */
export function dictPresize(rt: Runtime, d: PyDict, n: number, unicode: boolean): void {
  if (n <= 5) return;
  d.log2size = estimateLog2Keysize(n);
  d.usable = usableFraction(1 << d.log2size);
  d.unicode = unicode;
  rt.log.push(EventKind.Resize, d.id, dictSize(d));
}

/** Live entries in order. */
export function* dictItems(d: PyDict): Generator<[PyObject, PyObject]> {
  for (const e of d.entries) if (e.key !== null) yield [e.key, e.value!];
}
