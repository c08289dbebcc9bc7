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
 * the object is not an event.
 */
export function eventFromJSON(json: EventJSON, str: (s: string) => number, out?: EventRecord): EventRecord {
  const e = out ?? { kind: 0 as EventKind, a: 0, b: 0, c: 0, d: 0 };
  const kind = KIND_OF.get(json.kind) ?? (/^unknown_\d+$/.test(json.kind) ? Number(json.kind.slice(8)) : undefined);
  if (kind === undefined) throw new TypeError(`event ${json.i}: unknown kind ${JSON.stringify(json.kind)}`);
  const int = (field: string, v: unknown = json[field]): number => {
    if (typeof v !== 'number' || !Number.isInteger(v)) throw new TypeError(`event ${json.i} (${json.kind}): "${field}" is not an integer`);
    return v;
  };
  const text = (field: string): number => {
    const v = json[field];
    if (v === null) return -1;
    if (typeof v !== 'string') throw new TypeError(`event ${json.i} (${json.kind}): "${field}" is not a string`);
    return str(v);
  };
  const named = (field: string, table: Map<string, number>): number => {
    const v = json[field];
    const k = typeof v === 'string' ? table.get(v) ?? (/^-?\d+$/.test(v) ? Number(v) : undefined) : undefined;
    if (k === undefined) throw new TypeError(`event ${json.i} (${json.kind}): unknown ${field} ${JSON.stringify(v)}`);
    return k;
  };
  const triple = (field: string): [number, number, number] => {
    const v = json[field];
    if (!Array.isArray(v) || v.length !== 3) throw new TypeError(`event ${json.i} (${json.kind}): "${field}" is not a list of 3`);
    return [int(field, v[0]), int(field, v[1]), int(field, v[2])];
  };
  let a = 0, b = 0, c = 0, d = 0;
  switch (kind) {
    case EventKind.Alloc:
      a = int('obj'); b = text('type'); c = int('size'); d = int('typeObj');
      break;
    case EventKind.Free:
    case EventKind.Untrack:
    case EventKind.Unreachable:
    case EventKind.Finalize:
      a = int('obj');
      break;
    case EventKind.Incref:
    case EventKind.Decref:
      a = int('obj'); b = named('holder', HOLDER_OF); c = int('holderObj');
      d = b === Holder.Item || b === Holder.Stack ? int('slot') : text('slot');
      break;
    case EventKind.Resize:
      a = int('obj'); b = int('size');
      break;
    case EventKind.Track:
    case EventKind.Promote:
      a = int('obj'); b = int('gen');
      break;
    case EventKind.GcStart:
      a = int('gen'); [b, c, d] = triple('count');
      break;
    case EventKind.GcPhase:
      a = named('phase', PHASE_OF); b = int('n');
      break;
    case EventKind.GcStop:
      a = int('gen'); b = int('collected'); c = int('uncollectable');
      break;
    case EventKind.WeakrefCallback:
      a = int('ref'); b = int('obj');
      break;
    case EventKind.GcCount:
      [a, b, c] = triple('count');
      break;
    case EventKind.ArenaNew:
    case EventKind.ArenaFree:
      a = int('arena');
      break;
    case EventKind.PoolInit:
      a = int('arena'); b = int('pool'); c = int('size');
      break;
    case EventKind.PoolEmpty:
      a = int('arena'); b = int('pool');
      break;
    case EventKind.Malloc:
    case EventKind.MemFree:
      a = int('obj'); b = int('addr'); c = int('bytes'); d = json.domain === 'pymalloc' ? Domain.Pymalloc : Domain.Raw;
      break;
    case EventKind.Line:
      a = int('line'); b = int('frame');
      break;
    case EventKind.Stdout:
    case EventKind.Stderr:
      a = text('text');
      break;
    case EventKind.FrameEnter:
      a = int('frame'); b = text('name'); c = int('line');
      break;
    case EventKind.FrameExit:
      a = int('frame');
      break;
    case EventKind.Exit:
      a = int('status');
      break;
    default:
      a = int('a'); b = int('b'); c = int('c'); d = int('d');
  }
  e.kind = kind as EventKind;
  e.a = a; e.b = b; e.c = c; e.d = d;
  return e;
}
