// Events frames as UTF-8 bytes, written straight into one buffer: the bytes of
// JSON.stringify(eventToJSON(...)) (the form `refscope events --json` prints) without building an
// object or a string per event and encoding it again. Streaming a recording is dominated by this.
//
// Each event kind has a shape: its fields in eventToJSON's order, each a pre-encoded key
// (`,"obj":`) and how to write the value from the event's a..d. Strings of the log's string
// table are encoded once, as quoted JSON, and kept.
import {
  EVENT_NAMES, GC_PHASE_NAMES, HOLDER_NAMES, EventKind, Holder, type EventLog, type EventRecord,
} from '@refscope/engine';

/** How a field's value is written. */
const enum V {
  A, B, C, D,
  /** The string-table entry named by a / b / d (null when out of range). */
  StrA, StrB, StrD,
  /** b as a holder name. */
  Holder,
  /** d as a number for item/stack holders, else as a string-table entry. */
  Slot,
  /** a as a GC phase name. */
  Phase,
  /** d as "pymalloc" or "raw". */
  Domain,
  /** [b,c,d] / [a,b,c] */
  CountBCD, CountABC,
}

const utf8 = (s: string): Uint8Array => Buffer.from(s, 'utf8');
const quoted = (s: string): Uint8Array => utf8(JSON.stringify(s));

type Shape = { key: Uint8Array; v: V }[];
const shape = (...fields: [string, V][]): Shape => fields.map(([name, v]) => ({ key: utf8(`,"${name}":`), v }));

const SHAPES: Shape[] = [];
const DEFAULT = shape(['a', V.A], ['b', V.B], ['c', V.C], ['d', V.D]);
const KINDS: Uint8Array[] = [];
for (let k = 0; k < 32; k++) {
  SHAPES[k] = DEFAULT;
  KINDS[k] = utf8(`,"kind":${JSON.stringify(EVENT_NAMES[k] ?? `unknown_${k}`)}`);
}
const set = (kinds: EventKind[], s: Shape) => kinds.forEach((k) => (SHAPES[k] = s));
set([EventKind.Alloc], shape(['obj', V.A], ['type', V.StrB], ['size', V.C], ['typeObj', V.D]));
set([EventKind.Free, EventKind.Untrack, EventKind.Unreachable, EventKind.Finalize], shape(['obj', V.A]));
set([EventKind.Incref, EventKind.Decref], shape(['obj', V.A], ['holder', V.Holder], ['holderObj', V.C], ['slot', V.Slot]));
set([EventKind.Resize], shape(['obj', V.A], ['size', V.B]));
set([EventKind.Track, EventKind.Promote], shape(['obj', V.A], ['gen', V.B]));
set([EventKind.GcStart], shape(['gen', V.A], ['count', V.CountBCD]));
set([EventKind.GcPhase], shape(['phase', V.Phase], ['n', V.B]));
set([EventKind.GcStop], shape(['gen', V.A], ['collected', V.B], ['uncollectable', V.C]));
set([EventKind.WeakrefCallback], shape(['ref', V.A], ['obj', V.B]));
set([EventKind.GcCount], shape(['count', V.CountABC]));
set([EventKind.ArenaNew, EventKind.ArenaFree], shape(['arena', V.A]));
set([EventKind.PoolInit], shape(['arena', V.A], ['pool', V.B], ['size', V.C]));
set([EventKind.PoolEmpty], shape(['arena', V.A], ['pool', V.B]));
set([EventKind.Malloc, EventKind.MemFree], shape(['obj', V.A], ['addr', V.B], ['bytes', V.C], ['domain', V.Domain]));
set([EventKind.Line], shape(['line', V.A], ['frame', V.B]));
set([EventKind.Stdout, EventKind.Stderr], shape(['text', V.StrA]));
set([EventKind.FrameEnter], shape(['frame', V.A], ['name', V.StrB], ['line', V.C]));
set([EventKind.FrameExit], shape(['frame', V.A]));
set([EventKind.Exit], shape(['status', V.A]));

function nameTable(names: Record<number, string>): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const [k, name] of Object.entries(names)) out[Number(k)] = quoted(name);
  return out;
}
const HOLDERS = nameTable(HOLDER_NAMES);
const PHASES = nameTable(GC_PHASE_NAMES);
const NULL = utf8('null');
const PYMALLOC = quoted('pymalloc');
const RAW = quoted('raw');
const OPEN = utf8('{"i":');

/** Where frames are written before being copied out; shared (frame() runs to completion), grown as needed. */
let scratch: Buffer = Buffer.allocUnsafe(1 << 16);

/** Writes events of one log as UTF-8 JSON. One per log: it caches the encoded string table. */
export class EventBytes {
  private readonly strings: (Uint8Array | undefined)[] = [];
  private readonly e: EventRecord = { kind: 0 as EventKind, a: 0, b: 0, c: 0, d: 0 };
  private buf: Buffer = scratch;
  private pos = 0;

  constructor(private readonly log: EventLog) {}

  /** `head`, then events [from, to) separated by commas, then `tail`, as one new Buffer. */
  frame(head: string, from: number, to: number, tail: string): Buffer {
    this.buf = scratch;
    this.pos = 0;
    this.ensure(head.length * 3 + (to - from) * 128 + tail.length * 3);
    this.pos += this.buf.write(head, this.pos, 'utf8');
    const log = this.log;
    const e = this.e;
    for (let i = from; i < to; i++) {
      if (i > from) this.buf[this.pos++] = 0x2c; // ,
      log.read(i, e);
      this.bytes(OPEN);
      this.int(i);
      const kind = e.kind >= 0 && e.kind < 32 ? e.kind : -1;
      if (kind < 0) this.bytes(utf8(`,"kind":"unknown_${e.kind}"`));
      else this.bytes(KINDS[kind]!);
      const fields = kind < 0 ? DEFAULT : SHAPES[kind]!;
      for (let f = 0; f < fields.length; f++) {
        const field = fields[f]!;
        this.bytes(field.key);
        this.value(field.v, e);
      }
      this.buf[this.pos++] = 0x7d; // }
      // Every event takes well under 128 bytes except long strings: make room as it goes.
      if (this.buf.length - this.pos < 1024) this.ensure((to - i) * 128 + tail.length * 3);
    }
    this.ensure(tail.length * 3);
    this.pos += this.buf.write(tail, this.pos, 'utf8');
    scratch = this.buf;
    return Buffer.from(this.buf.subarray(0, this.pos));
  }

  private value(v: V, e: EventRecord): void {
    switch (v) {
      case V.A: return this.int(e.a);
      case V.B: return this.int(e.b);
      case V.C: return this.int(e.c);
      case V.D: return this.int(e.d);
      case V.StrA: return this.str(e.a);
      case V.StrB: return this.str(e.b);
      case V.StrD: return this.str(e.d);
      case V.Holder: return this.bytes(HOLDERS[e.b] ?? quoted(String(e.b)));
      case V.Slot: return e.b === Holder.Item || e.b === Holder.Stack ? this.int(e.d) : this.str(e.d);
      case V.Phase: return this.bytes(PHASES[e.a] ?? quoted(String(e.a)));
      case V.Domain: return this.bytes(e.d === 1 ? PYMALLOC : RAW);
      case V.CountBCD: return this.triple(e.b, e.c, e.d);
      case V.CountABC: return this.triple(e.a, e.b, e.c);
    }
  }

  private triple(x: number, y: number, z: number): void {
    const buf = this.buf;
    buf[this.pos++] = 0x5b; // [
    this.int(x);
    buf[this.pos++] = 0x2c;
    this.int(y);
    buf[this.pos++] = 0x2c;
    this.int(z);
    buf[this.pos++] = 0x5d; // ]
  }

  private str(k: number): void {
    const strings = this.log.strings;
    if (k < 0 || k >= strings.length) return this.bytes(NULL);
    const b = (this.strings[k] ??= quoted(strings[k]!));
    this.ensure(b.length);
    this.bytes(b);
  }

  private bytes(b: Uint8Array): void {
    const buf = this.buf;
    let p = this.pos;
    if (b.length > 24) {
      buf.set(b, p);
      p += b.length;
    } else {
      for (let j = 0; j < b.length; j++) buf[p++] = b[j]!;
    }
    this.pos = p;
  }

  /** An integer (the events' fields are int32, an index below 2^31) in decimal. */
  private int(n: number): void {
    const buf = this.buf;
    let p = this.pos;
    if (n < 0) {
      buf[p++] = 0x2d; // -
      n = -n;
    }
    if (n < 10) {
      buf[p] = 0x30 + n;
      this.pos = p + 1;
      return;
    }
    if (n >= 0x80000000) {
      this.pos = p + buf.write(String(n), p, 'latin1');
      return;
    }
    const digits = n < 100 ? 2 : n < 1000 ? 3 : n < 10000 ? 4 : n < 100000 ? 5 : n < 1000000 ? 6 : n < 10000000 ? 7 : n < 100000000 ? 8 : n < 1000000000 ? 9 : 10;
    p += digits;
    this.pos = p;
    while (n >= 10) {
      const q = (n / 10) | 0;
      buf[--p] = 0x30 + n - q * 10;
      n = q;
    }
    buf[--p] = 0x30 + n;
  }

  /** Makes room for `more` bytes after pos. */
  private ensure(more: number): void {
    if (this.buf.length - this.pos >= more) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + more));
    this.buf.copy(grown, 0, 0, this.pos);
    this.buf = grown;
  }
}
