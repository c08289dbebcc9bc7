// The event encoding inside a block: one tag byte per event, then only what could not be predicted.
//
// The tag's low 5 bits are the event kind, its high 3 bits a kind-specific variant saying which
// fields follow and which are predicted from a small context that encoder and decoder keep in
// step (`Context.after` runs on both sides after every event). The predictions follow how the
// engine emits events: an allocation takes the next object number, the creator's temporary
// reference is dropped right after the object was stored somewhere, a Free follows the Decref
// that released the last reference, the next Line is usually the next line in the same frame.
//
// Tag 0 escapes: kind and all four fields follow as zigzag varints. The encoder uses it for any
// event whose fields do not fit a specialised form (an unknown kind, an unused field that is not
// 0), so every event round-trips exactly. docs/format.md tabulates the forms.
import { EventKind, Holder } from '../events/kinds.js';
import { ByteReader, type ByteWriter } from './bytes.js';

const ESCAPE = 0;

/** How an object number is coded: 0 explicit delta from the last allocated, 1 = previous object, 2 = last allocated. */
const OBJ_EXPLICIT = 0;
const OBJ_PREV = 1;
const OBJ_LAST_ALLOC = 2;

/** Fields a generically coded kind uses (the rest must be 0). */
const GENERIC_FIELDS: Record<number, number> = {
  [EventKind.GcStart]: 4,
  [EventKind.GcPhase]: 2,
  [EventKind.GcStop]: 3,
  [EventKind.WeakrefCallback]: 2,
  [EventKind.ArenaNew]: 1,
  [EventKind.ArenaFree]: 1,
  [EventKind.PoolInit]: 3,
  [EventKind.PoolEmpty]: 2,
  [EventKind.Stdout]: 1,
  [EventKind.Stderr]: 1,
  [EventKind.Exit]: 1,
};

/**
 * A map from int keys to int32 values for the context's per-key predictions. Keys below
 * DENSE_KEYS (string-table indices, in practice) live in typed arrays stamped with an epoch, so
 * `clear()` between blocks is O(1) and a lookup allocates nothing; other keys go to a Map.
 */
const DENSE_KEYS = 1 << 16;

class IntTable {
  private values = new Int32Array(64);
  private stamps = new Int32Array(64);
  private epoch = 1;
  private readonly sparse = new Map<number, number>();

  get(k: number): number | undefined {
    if (k >= 0 && k < DENSE_KEYS) {
      return k < this.stamps.length && this.stamps[k] === this.epoch ? this.values[k] : undefined;
    }
    return this.sparse.get(k);
  }

  has(k: number): boolean {
    return this.get(k) !== undefined;
  }

  set(k: number, v: number): void {
    if (k >= 0 && k < DENSE_KEYS) {
      if (k >= this.stamps.length) this.grow(k);
      this.values[k] = v;
      this.stamps[k] = this.epoch;
    } else this.sparse.set(k, v);
  }

  clear(): void {
    this.epoch++;
    if (this.sparse.size > 0) this.sparse.clear();
  }

  private grow(k: number): void {
    let n = this.stamps.length * 2;
    while (n <= k) n *= 2;
    const values = new Int32Array(n);
    const stamps = new Int32Array(n);
    values.set(this.values);
    stamps.set(this.stamps);
    this.values = values;
    this.stamps = stamps;
  }
}

/** The prediction context. Reset at the start of every block, so each block decodes on its own. */
export class Context {
  lastAlloc = 0;
  prevObj = 0;
  allocType = -1;
  readonly typeSize = new IntTable();
  readonly typeObj = new IntTable();
  holderObj = -1;
  slot = -1;
  gen = 0;
  line = 0;
  lineFrame = -1;
  entered = -1;
  readonly frames: number[] = [];
  readonly firstLine = new IntTable();
  g0 = 0;
  g1 = 0;
  g2 = 0;
  /** The address each object's last malloc returned, and the last address seen per size class. */
  readonly addrOf = new Map<number, number>();
  readonly classAddr = new Map<number, number>();

  /** Back to the state of a fresh context (a writer reuses one context for all its blocks). */
  reset(): void {
    this.lastAlloc = 0;
    this.prevObj = 0;
    this.allocType = -1;
    this.typeSize.clear();
    this.typeObj.clear();
    this.holderObj = -1;
    this.slot = -1;
    this.gen = 0;
    this.line = 0;
    this.lineFrame = -1;
    this.entered = -1;
    this.frames.length = 0;
    this.firstLine.clear();
    this.g0 = 0;
    this.g1 = 0;
    this.g2 = 0;
    this.addrOf.clear();
    this.classAddr.clear();
  }

  objMode(a: number): number {
    return a === this.prevObj ? OBJ_PREV : a === this.lastAlloc ? OBJ_LAST_ALLOC : OBJ_EXPLICIT;
  }

  /** Folds an event into the context; the encoder and the decoder call it after every event. */
  after(kind: number, a: number, b: number, c: number, d: number): void {
    switch (kind) {
      case EventKind.Alloc:
        this.lastAlloc = a;
        this.prevObj = a;
        this.allocType = b;
        this.typeSize.set(b, c);
        this.typeObj.set(b, d);
        return;
      case EventKind.Incref:
      case EventKind.Decref:
        this.prevObj = a;
        if (!(b === Holder.Temp && c === -1 && d === -1)) {
          this.holderObj = c;
          this.slot = d;
        }
        return;
      case EventKind.Track:
      case EventKind.Promote:
        this.prevObj = a;
        this.gen = b;
        return;
      case EventKind.Free:
      case EventKind.Untrack:
      case EventKind.Unreachable:
      case EventKind.Finalize:
      case EventKind.Resize:
        this.prevObj = a;
        return;
      case EventKind.Line:
        this.line = a;
        this.lineFrame = b;
        return;
      case EventKind.FrameEnter:
        this.entered = a;
        this.frames.push(a);
        this.firstLine.set(b, c);
        return;
      case EventKind.FrameExit: {
        const f = this.frames;
        const k = f.lastIndexOf(a);
        if (k >= 0) f.length = k;
        return;
      }
      case EventKind.GcCount:
        this.g0 = a;
        this.g1 = b;
        this.g2 = c;
        return;
      case EventKind.GcStart:
        this.g0 = b;
        this.g1 = c;
        this.g2 = d;
        return;
      case EventKind.Malloc:
      case EventKind.MemFree:
        this.classAddr.set(sizeClass(c, d), b);
        if (a >= 0) {
          this.prevObj = a;
          if (kind === EventKind.Malloc) this.addrOf.set(a, b);
        }
        return;
      default:
        return;
    }
  }
}

/**
 * The size class of a malloc/mem_free for address prediction: pymalloc's 16-byte classes (a block
 * freed is the next one its class hands out; a fresh one follows the last), one per raw domain.
 */
function sizeClass(bytes: number, domain: number): number {
  return domain === 1 ? Math.ceil(bytes / 16) : -1 - domain;
}

function writeObj(out: ByteWriter, ctx: Context, mode: number, a: number): void {
  if (mode === OBJ_EXPLICIT) out.int(a - ctx.lastAlloc);
}

function readObj(r: ByteReader, ctx: Context, mode: number): number {
  if (mode === OBJ_PREV) return ctx.prevObj;
  if (mode === OBJ_LAST_ALLOC) return ctx.lastAlloc;
  if (mode === OBJ_EXPLICIT) return ctx.lastAlloc + r.int();
  return r.fail(`bad object mode ${mode}`);
}

function isInt32(n: number): boolean {
  return (n | 0) === n;
}

/** The most bytes one event takes (an escaped event: tag + five zigzag varints of at most 5 bytes). */
const MAX_EVENT_BYTES = 32;

/** Writes `n` (0 ≤ n ≤ 2^53) as a varint at buf[p] and returns the position after it. */
function putUint(buf: Uint8Array, p: number, n: number): number {
  if (n < 0x80) {
    buf[p] = n;
    return p + 1;
  }
  while (n >= 0x80000000) {
    buf[p++] = (n % 0x80) | 0x80;
    n = Math.floor(n / 0x80);
  }
  while (n >= 0x80) {
    buf[p++] = (n & 0x7f) | 0x80;
    n >>>= 7;
  }
  buf[p] = n;
  return p + 1;
}

/** Writes `n` zigzag-mapped as a varint (ByteWriter.int's bytes). */
function putInt(buf: Uint8Array, p: number, n: number): number {
  return putUint(buf, p, n >= 0 ? n * 2 : -n * 2 - 1);
}

/**
 * Appends one event to `out` and advances `ctx`. The forms of the frequent kinds are written
 * here together with their context update (what `Context.after` does for them), so an event
 * costs one dispatch and no bounds checks beyond one reservation; the rest go through
 * `encodeSpecial` and `Context.after`. The bytes are the same either way.
 */
export function encodeEvent(out: ByteWriter, ctx: Context, kind: number, a: number, b: number, c: number, d: number): void {
  out.reserve(MAX_EVENT_BYTES);
  const buf = out.bytes;
  let p = out.length;
  switch (kind) {
    case EventKind.Incref:
    case EventKind.Decref: {
      if (b < 0 || b > 15) break;
      const last = ctx.lastAlloc;
      const mode = a === ctx.prevObj ? OBJ_PREV : a === last ? OBJ_LAST_ALLOC : OBJ_EXPLICIT;
      ctx.prevObj = a;
      if (b === Holder.Temp && c === -1 && d === -1) {
        buf[p++] = kind | ((mode + 3) << 5);
        if (mode === OBJ_EXPLICIT) p = putInt(buf, p, a - last);
        out.length = p;
        return;
      }
      buf[p++] = kind | (mode << 5);
      if (mode === OBJ_EXPLICIT) p = putInt(buf, p, a - last);
      const cm = c === -1 ? 0 : c === ctx.holderObj ? 1 : c === last ? 2 : 3;
      const slot = ctx.slot;
      const dm = d === -1 ? 0 : d === slot ? 1 : d === slot + 1 ? 2 : 3;
      buf[p++] = b | (cm << 4) | (dm << 6);
      if (cm === 3) p = putInt(buf, p, c - last);
      if (dm === 3) p = putInt(buf, p, d);
      out.length = p;
      ctx.holderObj = c;
      ctx.slot = d;
      return;
    }
    case EventKind.Alloc: {
      if (b < 0 || c < 0) break;
      const last = ctx.lastAlloc;
      const next = a === last + 1;
      const sameType = b === ctx.allocType;
      const cached = ctx.typeSize.get(b) === c && ctx.typeObj.get(b) === d;
      buf[p++] = kind | ((next ? 1 : 0) << 5) | ((sameType ? 2 : 0) << 5) | ((cached ? 4 : 0) << 5);
      if (!next) p = putInt(buf, p, a - last);
      if (!sameType) p = putUint(buf, p, b);
      if (!cached) {
        p = putUint(buf, p, c);
        p = putInt(buf, p, d);
        ctx.typeSize.set(b, c);
        ctx.typeObj.set(b, d);
      }
      out.length = p;
      ctx.lastAlloc = a;
      ctx.prevObj = a;
      ctx.allocType = b;
      return;
    }
    case EventKind.Free:
    case EventKind.Untrack:
    case EventKind.Unreachable:
    case EventKind.Finalize: {
      if (b !== 0 || c !== 0 || d !== 0) break;
      const mode = a === ctx.prevObj ? OBJ_PREV : a === ctx.lastAlloc ? OBJ_LAST_ALLOC : OBJ_EXPLICIT;
      buf[p++] = kind | (mode << 5);
      if (mode === OBJ_EXPLICIT) p = putInt(buf, p, a - ctx.lastAlloc);
      out.length = p;
      ctx.prevObj = a;
      return;
    }
    case EventKind.Track:
    case EventKind.Promote: {
      if (b < 0 || c !== 0 || d !== 0) break;
      const mode = a === ctx.prevObj ? OBJ_PREV : a === ctx.lastAlloc ? OBJ_LAST_ALLOC : OBJ_EXPLICIT;
      const sameGen = b === ctx.gen;
      buf[p++] = kind | ((mode | (sameGen ? 0 : 4)) << 5);
      if (mode === OBJ_EXPLICIT) p = putInt(buf, p, a - ctx.lastAlloc);
      if (!sameGen) p = putUint(buf, p, b);
      out.length = p;
      ctx.prevObj = a;
      ctx.gen = b;
      return;
    }
    case EventKind.Line: {
      if (c !== 0 || d !== 0) break;
      const sameFrame = b === ctx.lineFrame;
      const nextLine = a === ctx.line + 1;
      buf[p++] = kind | (((sameFrame ? 1 : 0) | (nextLine ? 2 : 0)) << 5);
      if (!nextLine) p = putInt(buf, p, a - ctx.line);
      if (!sameFrame) p = putInt(buf, p, b);
      out.length = p;
      ctx.line = a;
      ctx.lineFrame = b;
      return;
    }
    default:
      break;
  }
  if (!encodeSpecial(out, ctx, kind, a, b, c, d)) {
    out.byte(ESCAPE);
    out.int(kind);
    out.int(a);
    out.int(b);
    out.int(c);
    out.int(d);
  }
  ctx.after(kind, a, b, c, d);
}

/**
 * Encodes `n` consecutive records of `page` from int32 offset `o` (EVENT_WIDTH = 5 each): the
 * same bytes as `encodeEvent` on each, but the frequent kinds run here with the context's hot
 * fields and the output position in locals, and the room for all `n` reserved at once. Anything
 * else goes through `encodeEvent` (the locals are written back around it). Returns the highest
 * string index the records name (strings.ts: stringField) that is below `strings`, or `maxString`.
 */
export function encodeRecords(out: ByteWriter, ctx: Context, page: Int32Array, o: number, n: number, maxString: number, strings: number): number {
  out.reserve(n * MAX_EVENT_BYTES);
  let buf = out.bytes;
  let p = out.length;
  let lastAlloc = ctx.lastAlloc;
  let prevObj = ctx.prevObj;
  let holderObj = ctx.holderObj;
  let slot = ctx.slot;
  let line = ctx.line;
  let lineFrame = ctx.lineFrame;
  const end = o + n * 5;
  for (; o < end; o += 5) {
    const kind = page[o]!;
    const a = page[o + 1]!;
    const b = page[o + 2]!;
    const c = page[o + 3]!;
    const d = page[o + 4]!;
    if ((kind === EventKind.Incref || kind === EventKind.Decref) && b >= 0 && b <= 15) {
      const mode = a === prevObj ? OBJ_PREV : a === lastAlloc ? OBJ_LAST_ALLOC : OBJ_EXPLICIT;
      prevObj = a;
      if (b === Holder.Temp && c === -1 && d === -1) {
        buf[p++] = kind | ((mode + 3) << 5);
        if (mode === OBJ_EXPLICIT) p = putInt(buf, p, a - lastAlloc);
        continue;
      }
      buf[p++] = kind | (mode << 5);
      if (mode === OBJ_EXPLICIT) p = putInt(buf, p, a - lastAlloc);
      const cm = c === -1 ? 0 : c === holderObj ? 1 : c === lastAlloc ? 2 : 3;
      const dm = d === -1 ? 0 : d === slot ? 1 : d === slot + 1 ? 2 : 3;
      buf[p++] = b | (cm << 4) | (dm << 6);
      if (cm === 3) p = putInt(buf, p, c - lastAlloc);
      if (dm === 3) p = putInt(buf, p, d);
      holderObj = c;
      slot = d;
      // The holder's slot names a string unless the holder is an item or a stack slot.
      if (b !== Holder.Item && b !== Holder.Stack && d > maxString && d < strings) maxString = d;
      continue;
    }
    if ((kind === EventKind.Free || kind === EventKind.Untrack) && b === 0 && c === 0 && d === 0) {
      const mode = a === prevObj ? OBJ_PREV : a === lastAlloc ? OBJ_LAST_ALLOC : OBJ_EXPLICIT;
      buf[p++] = kind | (mode << 5);
      if (mode === OBJ_EXPLICIT) p = putInt(buf, p, a - lastAlloc);
      prevObj = a;
      continue;
    }
    if (kind === EventKind.Line && c === 0 && d === 0) {
      const sameFrame = b === lineFrame;
      const nextLine = a === line + 1;
      buf[p++] = kind | (((sameFrame ? 1 : 0) | (nextLine ? 2 : 0)) << 5);
      if (!nextLine) p = putInt(buf, p, a - line);
      if (!sameFrame) p = putInt(buf, p, b);
      line = a;
      lineFrame = b;
      continue;
    }
    // Everything else: through encodeEvent, with the context brought up to date around it.
    ctx.lastAlloc = lastAlloc;
    ctx.prevObj = prevObj;
    ctx.holderObj = holderObj;
    ctx.slot = slot;
    ctx.line = line;
    ctx.lineFrame = lineFrame;
    out.length = p;
    encodeEvent(out, ctx, kind, a, b, c, d);
    buf = out.bytes;
    p = out.length;
    lastAlloc = ctx.lastAlloc;
    prevObj = ctx.prevObj;
    holderObj = ctx.holderObj;
    slot = ctx.slot;
    line = ctx.line;
    lineFrame = ctx.lineFrame;
    const s =
      kind === EventKind.Incref || kind === EventKind.Decref ? (b === Holder.Item || b === Holder.Stack ? -1 : d)
      : kind === EventKind.Alloc || kind === EventKind.FrameEnter ? b
      : kind === EventKind.Stdout || kind === EventKind.Stderr ? a
      : -1;
    if (s > maxString && s < strings) maxString = s;
  }
  ctx.lastAlloc = lastAlloc;
  ctx.prevObj = prevObj;
  ctx.holderObj = holderObj;
  ctx.slot = slot;
  ctx.line = line;
  ctx.lineFrame = lineFrame;
  out.length = p;
  return maxString;
}

function encodeSpecial(out: ByteWriter, ctx: Context, kind: number, a: number, b: number, c: number, d: number): boolean {
  switch (kind) {
    case EventKind.Incref:
    case EventKind.Decref: {
      if (b < 0 || b > 15) return false;
      const mode = ctx.objMode(a);
      if (b === Holder.Temp && c === -1 && d === -1) {
        out.byte(kind | ((mode + 3) << 5));
        writeObj(out, ctx, mode, a);
        return true;
      }
      out.byte(kind | (mode << 5));
      writeObj(out, ctx, mode, a);
      const cm = c === -1 ? 0 : c === ctx.holderObj ? 1 : c === ctx.lastAlloc ? 2 : 3;
      const dm = d === -1 ? 0 : d === ctx.slot ? 1 : d === ctx.slot + 1 ? 2 : 3;
      out.byte(b | (cm << 4) | (dm << 6));
      if (cm === 3) out.int(c - ctx.lastAlloc);
      if (dm === 3) out.int(d);
      return true;
    }
    case EventKind.Alloc: {
      if (b < 0 || c < 0) return false;
      const next = a === ctx.lastAlloc + 1;
      const sameType = b === ctx.allocType;
      const cached = ctx.typeSize.get(b) === c && ctx.typeObj.get(b) === d;
      out.byte(kind | ((next ? 1 : 0) << 5) | ((sameType ? 2 : 0) << 5) | ((cached ? 4 : 0) << 5));
      if (!next) out.int(a - ctx.lastAlloc);
      if (!sameType) out.uint(b);
      if (!cached) {
        out.uint(c);
        out.int(d);
      }
      return true;
    }
    case EventKind.Free:
    case EventKind.Untrack:
    case EventKind.Unreachable:
    case EventKind.Finalize: {
      if (b !== 0 || c !== 0 || d !== 0) return false;
      const mode = ctx.objMode(a);
      out.byte(kind | (mode << 5));
      writeObj(out, ctx, mode, a);
      return true;
    }
    case EventKind.Resize: {
      if (b < 0 || c !== 0 || d !== 0) return false;
      const mode = ctx.objMode(a);
      out.byte(kind | (mode << 5));
      writeObj(out, ctx, mode, a);
      out.uint(b);
      return true;
    }
    case EventKind.Track:
    case EventKind.Promote: {
      if (b < 0 || c !== 0 || d !== 0) return false;
      const mode = ctx.objMode(a);
      const sameGen = b === ctx.gen;
      out.byte(kind | ((mode | (sameGen ? 0 : 4)) << 5));
      writeObj(out, ctx, mode, a);
      if (!sameGen) out.uint(b);
      return true;
    }
    case EventKind.Line: {
      if (c !== 0 || d !== 0) return false;
      const sameFrame = b === ctx.lineFrame;
      const nextLine = a === ctx.line + 1;
      out.byte(kind | (((sameFrame ? 1 : 0) | (nextLine ? 2 : 0)) << 5));
      if (!nextLine) out.int(a - ctx.line);
      if (!sameFrame) out.int(b);
      return true;
    }
    case EventKind.FrameEnter: {
      if (b < 0 || d !== 0) return false;
      const next = a === ctx.entered + 1;
      const known = ctx.firstLine.get(b) === c;
      out.byte(kind | (((next ? 1 : 0) | (known ? 2 : 0)) << 5));
      if (!next) out.int(a - ctx.entered);
      out.uint(b);
      if (!known) out.int(c);
      return true;
    }
    case EventKind.FrameExit: {
      if (b !== 0 || c !== 0 || d !== 0) return false;
      const top = ctx.frames.length > 0 && ctx.frames[ctx.frames.length - 1] === a;
      out.byte(kind | ((top ? 1 : 0) << 5));
      if (!top) out.int(a);
      return true;
    }
    case EventKind.GcCount: {
      if (d !== 0) return false;
      const v = b === ctx.g1 && c === ctx.g2 ? (a === ctx.g0 + 1 ? 1 : a === ctx.g0 - 1 ? 2 : 0) : 0;
      out.byte(kind | (v << 5));
      if (v === 0) {
        out.int(a - ctx.g0);
        out.int(b - ctx.g1);
        out.int(c - ctx.g2);
      }
      return true;
    }
    case EventKind.Malloc:
    case EventKind.MemFree: {
      // bits 0-1: object mode, 3 for "no object" (-1); bit 2: a mem_free of the address the
      // object's malloc returned. Then bytes * 4 + domain, then (unless bit 2) the address as a
      // delta from the last address of its size class.
      if (c < 0 || d < 0 || d > 3 || a < -1) return false;
      const mode = a === -1 ? 3 : ctx.objMode(a);
      const known = kind === EventKind.MemFree && a >= 0 && ctx.addrOf.get(a) === b;
      out.byte(kind | ((mode | (known ? 4 : 0)) << 5));
      if (mode === OBJ_EXPLICIT) out.int(a - ctx.lastAlloc);
      out.uint(c * 4 + d);
      if (!known) out.int(b - (ctx.classAddr.get(sizeClass(c, d)) ?? 0));
      return true;
    }
    default: {
      const n = GENERIC_FIELDS[kind];
      if (n === undefined) return false;
      if ((n < 4 && d !== 0) || (n < 3 && c !== 0) || (n < 2 && b !== 0)) return false;
      out.byte(kind);
      out.int(a);
      if (n > 1) out.int(b);
      if (n > 2) out.int(c);
      if (n > 3) out.int(d);
      return true;
    }
  }
}

/**
 * Decodes `count` events from `r` into `out` (five int32s per event: kind, a, b, c, d), advancing
 * `ctx`. Throws FormatError on anything malformed.
 */
export function decodeEvents(r: ByteReader, ctx: Context, count: number, out: Int32Array): void {
  let o = 0;
  for (let n = 0; n < count; n++) {
    const at = r.pos;
    const tag = r.byte();
    const kind = tag & 31;
    const v = tag >>> 5;
    let a = 0;
    let b = 0;
    let c = 0;
    let d = 0;
    if (tag === ESCAPE) {
      const k = r.int();
      a = r.int();
      b = r.int();
      c = r.int();
      d = r.int();
      if (!isInt32(k) || !isInt32(a) || !isInt32(b) || !isInt32(c) || !isInt32(d)) r.fail('escaped event field out of range', at);
      out[o++] = k;
      out[o++] = a;
      out[o++] = b;
      out[o++] = c;
      out[o++] = d;
      ctx.after(k, a, b, c, d);
      continue;
    }
    switch (kind) {
      case EventKind.Incref:
      case EventKind.Decref:
        if (v >= 3) {
          if (v > 5) r.fail(`bad variant ${v} of event kind ${kind}`, at);
          a = readObj(r, ctx, v - 3);
          b = Holder.Temp;
          c = -1;
          d = -1;
        } else {
          a = readObj(r, ctx, v);
          const hb = r.byte();
          b = hb & 15;
          const cm = (hb >>> 4) & 3;
          const dm = hb >>> 6;
          c = cm === 0 ? -1 : cm === 1 ? ctx.holderObj : cm === 2 ? ctx.lastAlloc : ctx.lastAlloc + r.int();
          d = dm === 0 ? -1 : dm === 1 ? ctx.slot : dm === 2 ? ctx.slot + 1 : r.int();
        }
        break;
      case EventKind.Alloc:
        a = v & 1 ? ctx.lastAlloc + 1 : ctx.lastAlloc + r.int();
        b = v & 2 ? ctx.allocType : r.uint();
        if (v & 4) {
          if (!ctx.typeSize.has(b)) r.fail('allocation refers to a type size never seen in this block', at);
          c = ctx.typeSize.get(b)!;
          d = ctx.typeObj.get(b)!;
        } else {
          c = r.uint();
          d = r.int();
        }
        break;
      case EventKind.Free:
      case EventKind.Untrack:
      case EventKind.Unreachable:
      case EventKind.Finalize:
        a = readObj(r, ctx, v);
        break;
      case EventKind.Resize:
        a = readObj(r, ctx, v);
        b = r.uint();
        break;
      case EventKind.Track:
      case EventKind.Promote:
        a = readObj(r, ctx, v & 3);
        b = v & 4 ? r.uint() : ctx.gen;
        break;
      case EventKind.Line:
        a = v & 2 ? ctx.line + 1 : ctx.line + r.int();
        b = v & 1 ? ctx.lineFrame : r.int();
        if (v > 3) r.fail(`bad variant ${v} of a line event`, at);
        break;
      case EventKind.FrameEnter:
        if (v > 3) r.fail(`bad variant ${v} of a frame_enter event`, at);
        a = v & 1 ? ctx.entered + 1 : ctx.entered + r.int();
        b = r.uint();
        if (v & 2) {
          if (!ctx.firstLine.has(b)) r.fail('frame_enter refers to a first line never seen in this block', at);
          c = ctx.firstLine.get(b)!;
        } else c = r.int();
        break;
      case EventKind.FrameExit:
        if (v > 1) r.fail(`bad variant ${v} of a frame_exit event`, at);
        if (v === 1) {
          if (ctx.frames.length === 0) r.fail('frame_exit with no frame entered in this block', at);
          a = ctx.frames[ctx.frames.length - 1]!;
        } else a = r.int();
        break;
      case EventKind.Malloc:
      case EventKind.MemFree: {
        const mode = v & 3;
        a = mode === 3 ? -1 : readObj(r, ctx, mode);
        const z = r.uint();
        c = Math.floor(z / 4);
        d = z % 4;
        if (v & 4) {
          if (kind !== EventKind.MemFree || a < 0 || !ctx.addrOf.has(a)) r.fail('mem_free of an address never seen in this block', at);
          b = ctx.addrOf.get(a)!;
        } else b = (ctx.classAddr.get(sizeClass(c, d)) ?? 0) + r.int();
        break;
      }
      case EventKind.GcCount:
        if (v === 1 || v === 2) {
          a = v === 1 ? ctx.g0 + 1 : ctx.g0 - 1;
          b = ctx.g1;
          c = ctx.g2;
        } else if (v === 0) {
          a = ctx.g0 + r.int();
          b = ctx.g1 + r.int();
          c = ctx.g2 + r.int();
        } else r.fail(`bad variant ${v} of a gc_count event`, at);
        break;
      default: {
        const n = GENERIC_FIELDS[kind];
        if (n === undefined || v !== 0) r.fail(`unknown event tag ${tag}`, at);
        a = r.int();
        if (n > 1) b = r.int();
        if (n > 2) c = r.int();
        if (n > 3) d = r.int();
      }
    }
    if (!isInt32(a) || !isInt32(b) || !isInt32(c) || !isInt32(d)) r.fail('event field out of range', at);
    out[o++] = kind;
    out[o++] = a;
    out[o++] = b;
    out[o++] = c;
    out[o++] = d;
    ctx.after(kind, a, b, c, d);
  }
}
