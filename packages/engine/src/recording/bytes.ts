// Byte buffers for the codec: a growable writer and a bounds-checked reader.
//
// Integers are LEB128 varints (7 bits a byte, low group first, high bit = more follows); signed
// values are zigzag-mapped first (0, -1, 1, -2 ... → 0, 1, 2, 3 ...), so small deltas of either
// sign take one byte. Arithmetic rather than bit operations keeps the full range of a JS safe
// integer (deltas of int32 fields need 33 bits). Fixed-width fields are uint32 little-endian.

const utf8 = new TextEncoder();
const utf8Strict = new TextDecoder('utf-8', { fatal: true });

export class ByteWriter {
  bytes: Uint8Array;
  length = 0;

  constructor(capacity = 1 << 12) {
    this.bytes = new Uint8Array(capacity);
  }

  /** Makes room for `n` more bytes (callers writing `bytes` directly reserve first). */
  reserve(n: number): void {
    if (this.length + n <= this.bytes.length) return;
    let cap = this.bytes.length * 2;
    while (cap < this.length + n) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.bytes.subarray(0, this.length));
    this.bytes = next;
  }

  byte(b: number): void {
    if (this.length === this.bytes.length) this.reserve(1);
    this.bytes[this.length++] = b;
  }

  /** An unsigned integer (0 ≤ n ≤ 2^53) as a varint. */
  uint(n: number): void {
    this.reserve(8);
    const b = this.bytes;
    while (n >= 0x80) {
      b[this.length++] = (n % 0x80) | 0x80;
      n = Math.floor(n / 0x80);
    }
    b[this.length++] = n;
  }

  /** A signed integer, zigzag-mapped, as a varint. */
  int(n: number): void {
    this.uint(n >= 0 ? n * 2 : -n * 2 - 1);
  }

  u32(n: number): void {
    this.reserve(4);
    const b = this.bytes;
    b[this.length++] = n & 0xff;
    b[this.length++] = (n >>> 8) & 0xff;
    b[this.length++] = (n >>> 16) & 0xff;
    b[this.length++] = (n >>> 24) & 0xff;
  }

  /** A string: its UTF-8 byte length as a varint, then the bytes. */
  str(s: string): void {
    const enc = utf8.encode(s);
    this.uint(enc.length);
    this.raw(enc);
  }

  raw(src: Uint8Array): void {
    this.reserve(src.length);
    this.bytes.set(src, this.length);
    this.length += src.length;
  }

  /** Overwrites 4 bytes at `at` with a uint32 (for lengths known only at the end). */
  patchU32(at: number, n: number): void {
    const b = this.bytes;
    b[at] = n & 0xff;
    b[at + 1] = (n >>> 8) & 0xff;
    b[at + 2] = (n >>> 16) & 0xff;
    b[at + 3] = (n >>> 24) & 0xff;
  }

  /** A copy of what was written. */
  take(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }

  reset(): void {
    this.length = 0;
  }
}

/** Thrown when a read runs past its limit or finds a malformed value; `offset` is absolute in the file. */
export class FormatError extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(`at byte ${offset}: ${message}`);
    this.name = 'FormatError';
  }
}

export class ByteReader {
  constructor(
    readonly bytes: Uint8Array,
    public pos: number,
    /** Reads stop here (exclusive). */
    readonly end: number = bytes.length,
  ) {}

  get remaining(): number {
    return this.end - this.pos;
  }

  fail(message: string, at = this.pos): never {
    throw new FormatError(at, message);
  }

  byte(): number {
    if (this.pos >= this.end) this.fail('unexpected end of data');
    return this.bytes[this.pos++]!;
  }

  uint(): number {
    const start = this.pos;
    const b = this.bytes;
    let n = 0;
    let scale = 1;
    for (;;) {
      if (this.pos >= this.end) this.fail('varint runs past the end', start);
      const x = b[this.pos++]!;
      n += (x & 0x7f) * scale;
      if (x < 0x80) return n;
      scale *= 0x80;
      if (scale > 2 ** 56) this.fail('varint too long', start);
    }
  }

  int(): number {
    const z = this.uint();
    return z % 2 === 0 ? z / 2 : -(z + 1) / 2;
  }

  u32(): number {
    if (this.pos + 4 > this.end) this.fail('unexpected end of data');
    const b = this.bytes;
    const p = this.pos;
    this.pos += 4;
    return (b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16) | (b[p + 3]! << 24)) >>> 0;
  }

  str(): string {
    const start = this.pos;
    const n = this.uint();
    if (n > this.end - this.pos) this.fail('string runs past the end', start);
    const s = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    try {
      return utf8Strict.decode(s);
    } catch {
      return this.fail('string is not valid UTF-8', start);
    }
  }
}
