// Events as JSON objects: the form `refscope events --json` prints and the server streams.
// Every event becomes `{ "i": index, "kind": name, ...named fields }`; string fields are resolved
// through the log's string table. docs/events.md lists the fields of each kind.
import { EVENT_NAMES, GC_PHASE_NAMES, HOLDER_NAMES, EventKind, Holder } from './kinds.js';
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
