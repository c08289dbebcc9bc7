// Events as JSON text, written directly: the exact text of JSON.stringify(eventToJSON(...)) (the
// form `refscope events --json` prints), without building an object per event. Streaming is
// dominated by this, so strings of the log's string table are quoted once and kept.
import {
  EVENT_NAMES, GC_PHASE_NAMES, HOLDER_NAMES, EventKind, Holder, type EventLog, type EventRecord,
} from '@refscope/engine';

const q = (s: string): string => JSON.stringify(s);

/** A table of names as quoted JSON text, indexed by number. */
function quotedTable(names: Record<number, string>, wrap: (quoted: string) => string): string[] {
  const out: string[] = [];
  for (const [k, name] of Object.entries(names)) out[Number(k)] = wrap(q(name));
  return out;
}

const KIND = quotedTable(EVENT_NAMES, (n) => `,"kind":${n}`);
const HOLDER = quotedTable(HOLDER_NAMES, (n) => n);
const PHASE = quotedTable(GC_PHASE_NAMES, (n) => n);

/** Writes events of one log as JSON text. One per log: it caches the quoted string table. */
export class EventText {
  private readonly quoted: (string | undefined)[] = [];
  private readonly e: EventRecord = { kind: 0 as EventKind, a: 0, b: 0, c: 0, d: 0 };

  constructor(private readonly log: EventLog) {}

  private s(k: number): string {
    const strings = this.log.strings;
    if (k < 0 || k >= strings.length) return 'null';
    return (this.quoted[k] ??= q(strings[k]!));
  }

  /** Events [from, to) as the comma-separated members of a JSON array. */
  range(from: number, to: number): string {
    let out = '';
    for (let i = from; i < to; i++) {
      if (i > from) out += ',';
      out += this.event(i);
    }
    return out;
  }

  /** Event i as JSON text. */
  event(i: number): string {
    const e = this.log.read(i, this.e);
    const kind = e.kind;
    const head = `{"i":${i}${KIND[kind] ?? `,"kind":"unknown_${kind}"`}`;
    switch (kind) {
      case EventKind.Alloc:
        return `${head},"obj":${e.a},"type":${this.s(e.b)},"size":${e.c},"typeObj":${e.d}}`;
      case EventKind.Free:
      case EventKind.Untrack:
      case EventKind.Unreachable:
      case EventKind.Finalize:
      case EventKind.FrameExit:
        return `${head},"${kind === EventKind.FrameExit ? 'frame' : 'obj'}":${e.a}}`;
      case EventKind.Incref:
      case EventKind.Decref: {
        const slot = e.b === Holder.Item || e.b === Holder.Stack ? String(e.d) : this.s(e.d);
        return `${head},"obj":${e.a},"holder":${HOLDER[e.b] ?? q(String(e.b))},"holderObj":${e.c},"slot":${slot}}`;
      }
      case EventKind.Resize:
        return `${head},"obj":${e.a},"size":${e.b}}`;
      case EventKind.Track:
      case EventKind.Promote:
        return `${head},"obj":${e.a},"gen":${e.b}}`;
      case EventKind.GcStart:
        return `${head},"gen":${e.a},"count":[${e.b},${e.c},${e.d}]}`;
      case EventKind.GcPhase:
        return `${head},"phase":${PHASE[e.a] ?? q(String(e.a))},"n":${e.b}}`;
      case EventKind.GcStop:
        return `${head},"gen":${e.a},"collected":${e.b},"uncollectable":${e.c}}`;
      case EventKind.WeakrefCallback:
        return `${head},"ref":${e.a},"obj":${e.b}}`;
      case EventKind.GcCount:
        return `${head},"count":[${e.a},${e.b},${e.c}]}`;
      case EventKind.ArenaNew:
      case EventKind.ArenaFree:
        return `${head},"arena":${e.a}}`;
      case EventKind.PoolInit:
        return `${head},"arena":${e.a},"pool":${e.b},"size":${e.c}}`;
      case EventKind.PoolEmpty:
        return `${head},"arena":${e.a},"pool":${e.b}}`;
      case EventKind.Malloc:
      case EventKind.MemFree:
        return `${head},"obj":${e.a},"addr":${e.b},"bytes":${e.c},"domain":${e.d === 1 ? '"pymalloc"' : '"raw"'}}`;
      case EventKind.Line:
        return `${head},"line":${e.a},"frame":${e.b}}`;
      case EventKind.Stdout:
      case EventKind.Stderr:
        return `${head},"text":${this.s(e.a)}}`;
      case EventKind.FrameEnter:
        return `${head},"frame":${e.a},"name":${this.s(e.b)},"line":${e.c}}`;
      case EventKind.Exit:
        return `${head},"status":${e.a}}`;
      default:
        return `${head},"a":${e.a},"b":${e.b},"c":${e.c},"d":${e.d}}`;
    }
  }
}
