// Events as JSON objects: the form `refscope events --json` prints and the server streams.
// Every event becomes `{ "i": index, "kind": name, ...named fields }`; string fields are resolved
// through the log's string table. docs/events.md lists the fields of each kind.
import { EVENT_NAMES, GC_PHASE_NAMES, HOLDER_NAMES, Domain, EventKind, Holder } from './kinds.js';
import type { EventRecord } from './log.js';

export type EventJSON = { i: number; kind: string } & Record<string, unknown>;

export function eventToJSON(i: number, e: EventRecord, strings: readonly string[]): EventJSON {
  const s = (k: number): string | null => (k >= 0 && k < strings.length ? strings[k]! : null);
  const base = { i, kind: EVENT_NAMES[e.kind] ?? `unknown_${e.kind}` };
  switch (e.kind) {
    case EventKind.Alloc:
      return { ...base, obj: e.a, type: s(e.b), size: e.c, typeObj: e.d };
    case EventKind.Free:
    case EventKind.Untrack:
    case EventKind.Unreachable:
    case EventKind.Finalize:
      return { ...base, obj: e.a };
    case EventKind.Incref:
    case EventKind.Decref: {
      const numericSlot = e.b === Holder.Item || e.b === Holder.Stack;
      return {
        ...base,
        obj: e.a,
        holder: HOLDER_NAMES[e.b] ?? String(e.b),
        holderObj: e.c,
        slot: numericSlot ? e.d : s(e.d),
      };
    }
    case EventKind.Resize:
      return { ...base, obj: e.a, size: e.b };
    case EventKind.Track:
    case EventKind.Promote:
      return { ...base, obj: e.a, gen: e.b };
    case EventKind.GcStart:
      return { ...base, gen: e.a, count: [e.b, e.c, e.d] };
    case EventKind.GcPhase:
      return { ...base, phase: GC_PHASE_NAMES[e.a] ?? String(e.a), n: e.b };
    case EventKind.GcStop:
      return { ...base, gen: e.a, collected: e.b, uncollectable: e.c };
    case EventKind.WeakrefCallback:
      return { ...base, ref: e.a, obj: e.b };
    case EventKind.GcCount:
      return { ...base, count: [e.a, e.b, e.c] };
    case EventKind.ArenaNew:
    case EventKind.ArenaFree:
      return { ...base, arena: e.a };
    case EventKind.PoolInit:
      return { ...base, arena: e.a, pool: e.b, size: e.c };
    case EventKind.PoolEmpty:
      return { ...base, arena: e.a, pool: e.b };
    case EventKind.Malloc:
    case EventKind.MemFree:
      return { ...base, obj: e.a, addr: e.b, bytes: e.c, domain: e.d === 1 ? 'pymalloc' : 'raw' };
    case EventKind.Line:
      return { ...base, line: e.a, frame: e.b };
    case EventKind.Stdout:
    case EventKind.Stderr:
      return { ...base, text: s(e.a) };
    case EventKind.FrameEnter:
      return { ...base, frame: e.a, name: s(e.b), line: e.c };
    case EventKind.FrameExit:
      return { ...base, frame: e.a };
    case EventKind.Exit:
      return { ...base, status: e.a };
    default:
      return { ...base, a: e.a, b: e.b, c: e.c, d: e.d };
  }
}

const KIND_OF = invert(EVENT_NAMES);
const HOLDER_OF = invert(HOLDER_NAMES);
const PHASE_OF = invert(GC_PHASE_NAMES);

function invert(names: Record<number, string>): Map<string, number> {
  return new Map(Object.entries(names).map(([k, v]) => [v, Number(k)]));
}

/**
 * The exact inverse of `eventToJSON`: the record an event's JSON object came from, with its
 * string fields interned through `str` (for an EventLog: `(s) => log.str(s)`), so that
 * `eventToJSON(i, eventFromJSON(json, str), strings)` gives back `json`. A string field that
 * was null (an index outside the table) becomes -1. Throws a TypeError naming the field when
 * the object is not an event. Allocates nothing when given `out` (a live client decodes
 * millions of events).
 */
export function eventFromJSON(json: EventJSON, str: (s: string) => number, out?: EventRecord): EventRecord {
  const e = out ?? { kind: 0 as EventKind, a: 0, b: 0, c: 0, d: 0 };
  const kind = KIND_OF.get(json.kind) ?? (/^unknown_\d+$/.test(json.kind) ? Number(json.kind.slice(8)) : undefined);
  if (kind === undefined) throw new TypeError(`event ${json.i}: unknown kind ${JSON.stringify(json.kind)}`);
  let a = 0, b = 0, c = 0, d = 0;
  switch (kind) {
    case EventKind.Alloc:
      a = int(json, 'obj'); b = text(json, 'type', str); c = int(json, 'size'); d = int(json, 'typeObj');
      break;
    case EventKind.Free:
    case EventKind.Untrack:
    case EventKind.Unreachable:
    case EventKind.Finalize:
      a = int(json, 'obj');
      break;
    case EventKind.Incref:
    case EventKind.Decref:
      a = int(json, 'obj'); b = named(json, 'holder', HOLDER_OF); c = int(json, 'holderObj');
      d = b === Holder.Item || b === Holder.Stack ? int(json, 'slot') : text(json, 'slot', str);
      break;
    case EventKind.Resize:
      a = int(json, 'obj'); b = int(json, 'size');
      break;
    case EventKind.Track:
    case EventKind.Promote:
      a = int(json, 'obj'); b = int(json, 'gen');
      break;
    case EventKind.GcStart:
      a = int(json, 'gen'); b = item(json, 'count', 0); c = item(json, 'count', 1); d = item(json, 'count', 2);
      break;
    case EventKind.GcPhase:
      a = named(json, 'phase', PHASE_OF); b = int(json, 'n');
      break;
    case EventKind.GcStop:
      a = int(json, 'gen'); b = int(json, 'collected'); c = int(json, 'uncollectable');
      break;
    case EventKind.WeakrefCallback:
      a = int(json, 'ref'); b = int(json, 'obj');
      break;
    case EventKind.GcCount:
      a = item(json, 'count', 0); b = item(json, 'count', 1); c = item(json, 'count', 2);
      break;
    case EventKind.ArenaNew:
    case EventKind.ArenaFree:
      a = int(json, 'arena');
      break;
    case EventKind.PoolInit:
      a = int(json, 'arena'); b = int(json, 'pool'); c = int(json, 'size');
      break;
    case EventKind.PoolEmpty:
      a = int(json, 'arena'); b = int(json, 'pool');
      break;
    case EventKind.Malloc:
    case EventKind.MemFree:
      a = int(json, 'obj'); b = int(json, 'addr'); c = int(json, 'bytes'); d = json.domain === 'pymalloc' ? Domain.Pymalloc : Domain.Raw;
      break;
    case EventKind.Line:
      a = int(json, 'line'); b = int(json, 'frame');
      break;
    case EventKind.Stdout:
    case EventKind.Stderr:
      a = text(json, 'text', str);
      break;
    case EventKind.FrameEnter:
      a = int(json, 'frame'); b = text(json, 'name', str); c = int(json, 'line');
      break;
    case EventKind.FrameExit:
      a = int(json, 'frame');
      break;
    case EventKind.Exit:
      a = int(json, 'status');
      break;
    default:
      a = int(json, 'a'); b = int(json, 'b'); c = int(json, 'c'); d = int(json, 'd');
  }
  e.kind = kind as EventKind;
  e.a = a; e.b = b; e.c = c; e.d = d;
  return e;
}

function bad(json: EventJSON, field: string, what: string): TypeError {
  return new TypeError(`event ${json.i} (${json.kind}): "${field}" ${what}`);
}

function int(json: EventJSON, field: string): number {
  const v = json[field];
  if (typeof v !== 'number' || !Number.isInteger(v)) throw bad(json, field, 'is not an integer');
  return v;
}

function item(json: EventJSON, field: string, k: number): number {
  const v = json[field];
  if (!Array.isArray(v) || v.length !== 3) throw bad(json, field, 'is not a list of 3');
  const x: unknown = v[k];
  if (typeof x !== 'number' || !Number.isInteger(x)) throw bad(json, field, 'holds a non-integer');
  return x;
}

function text(json: EventJSON, field: string, str: (s: string) => number): number {
  const v = json[field];
  if (v === null) return -1;
  if (typeof v !== 'string') throw bad(json, field, 'is not a string');
  return str(v);
}

function named(json: EventJSON, field: string, table: Map<string, number>): number {
  const v = json[field];
  const k = typeof v === 'string' ? table.get(v) ?? (/^-?\d+$/.test(v) ? Number(v) : undefined) : undefined;
  if (k === undefined) throw bad(json, field, `is not a known name: ${JSON.stringify(v)}`);
  return k;
}
