import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  EventLog, EventKind, Holder, encodeRecording, encodeIndex, readRecording, readIndex, RecordingWriter, FormatError, crc32,
  useNativeCrc32,
  decodeHeader, FORMAT_VERSION,
} from '@refscope/engine';
import { PROGRAMS, conformanceCases, run } from '../timeline/helpers.js';

function sameEvents(a: EventLog, b: EventLog, n = a.length): void {
  expect(b.length).toBeGreaterThanOrEqual(n);
  for (let i = 0; i < n; i++) {
    const x = a.get(i);
    const y = b.get(i);
    if (x.kind !== y.kind || x.a !== y.a || x.b !== y.b || x.c !== y.c || x.d !== y.d) {
      expect({ i, ...y }).toEqual({ i, ...x });
    }
  }
}

const concat = (parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
};

describe('crc32', () => {
  it('is the IEEE CRC-32 zlib computes', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });

  it("gives the same numbers through the host's implementation, which must pass the check value", () => {
    const bytes = new Uint8Array(70_001);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 2654435761) >>> 24;
    const spans: [number, number][] = [[0, bytes.length], [3, 300], [1, 256], [5, 9], [65_000, 70_001], [10, 10]];
    const tables = spans.map(([s, e]) => crc32(bytes, s, e));
    expect(useNativeCrc32(() => 0)).toBe(false);
    expect(useNativeCrc32((d) => zlib.crc32(d) ^ 1)).toBe(false);
    expect(crc32(bytes, 0, bytes.length)).toBe(tables[0]);
    if (typeof zlib.crc32 !== 'function') return; // Node before 20.15: the tables stay
    let calls = 0;
    expect(useNativeCrc32((d) => (calls++, zlib.crc32(d)))).toBe(true);
    calls = 0;
    expect(spans.map(([s, e]) => crc32(bytes, s, e))).toEqual(tables);
    expect(calls).toBe(3); // the spans of 256 bytes or more
  });
});

describe('round trip', () => {
  for (const [name, source] of Object.entries(PROGRAMS)) {
    it(`${name}: every event, string and header field comes back`, () => {
      const log = run(source);
      const bytes = encodeRecording(log, { program: `${name}.py`, source });
      const rec = readRecording(bytes);
      expect(rec.lost).toBeNull();
      expect(rec.index).toBe('ok');
      expect(rec.header).toMatchObject({ program: `${name}.py`, source, formatVersion: FORMAT_VERSION });
      expect(rec.log.length).toBe(log.length);
      sameEvents(log, rec.log);
      expect(rec.log.strings).toEqual(log.strings);
      if (name === 'churn') expect(bytes.length / log.length).toBeLessThan(4);
    });
  }

  it('keeps events no specialised form fits (unknown kinds, unusual fields, extremes of int32)', () => {
    const log = new EventLog();
    const s = log.str('x');
    log.push(EventKind.Alloc, 5, s, 16, -1);
    log.push(99 as EventKind, 1, 2, 3, 4);
    log.push(EventKind.Free, 5, 1, 0, 0);
    log.push(EventKind.Incref, -7, 42, 2 ** 31 - 1, -(2 ** 31));
    log.push(EventKind.Decref, 2 ** 31 - 1, Holder.Item, -(2 ** 31), 0);
    log.push(EventKind.Line, -(2 ** 31), 2 ** 31 - 1, 0, 0);
    log.push(EventKind.GcCount, 1, 2, 3, 9);
    log.push(0 as EventKind, 0, 0, 0, 0);
    log.push(EventKind.FrameExit, 3);
    log.push(EventKind.Track, 5, 2 ** 31 - 1);
    const rec = readRecording(encodeRecording(log, { program: 'p', source: '' }, { blockEvents: 3 }));
    expect(rec.lost).toBeNull();
    sameEvents(log, rec.log);
  });

  it('keeps malloc/mem_free events in their compact form and every odd case of them', () => {
    const log = new EventLog();
    const t = log.str('list');
    for (let k = 0; k < 50; k++) {
      log.push(EventKind.Alloc, 100 + k, t, 56, -1);
      log.push(EventKind.Malloc, 100 + k, 10672 + 64 * k, 56, 1);
      if (k % 3 === 0) log.push(EventKind.Malloc, -1, 2 ** 30 + k, 4096, 2); // a raw buffer with no object
    }
    for (let k = 49; k >= 0; k -= 2) log.push(EventKind.MemFree, 100 + k, 10672 + 64 * k, 64, 1);
    log.push(EventKind.MemFree, 7, 123, 8, 1); // never malloc'ed in the log
    log.push(EventKind.Malloc, 9, 5, 3, 4); // a domain outside 0..3: escaped
    log.push(EventKind.MemFree, 9, -5, -3, 1);
    for (const blockEvents of [1, 7, 1000]) {
      const bytes = encodeRecording(log, { program: 'p', source: '' }, { blockEvents });
      const rec = readRecording(bytes);
      expect(rec.lost).toBeNull();
      sameEvents(log, rec.log);
      if (blockEvents === 1000) expect(bytes.length / log.length).toBeLessThan(6);
    }
  });

  it('the same program recorded twice, or fed to the writer in different slices, gives identical bytes', () => {
    const source = PROGRAMS.churn!;
    const once = encodeRecording(run(source), { program: 'c.py', source }, { blockEvents: 64 });
    const again = encodeRecording(run(source), { program: 'c.py', source }, { blockEvents: 64 });
    expect(again).toEqual(once);
    // Incrementally: take() after every slice of 37 instructions.
    const parts: Uint8Array[] = [];
    let writer: RecordingWriter | null = null;
    run(source, 37, (log) => {
      if (!writer) {
        writer = new RecordingWriter(log, { program: 'c.py', source }, { blockEvents: 64 });
        parts.push(writer.header());
      }
      parts.push(...writer.take());
    });
    parts.push(...writer!.end());
    expect(concat(parts)).toEqual(once);
  });

  it('peek() gives the open block as a provisional tail: a file cut after it reads every event so far, and peeking changes no later byte', () => {
    const source = PROGRAMS.churn!;
    const plain = encodeRecording(run(source), { program: 'c.py', source }, { blockEvents: 64 });
    const parts: Uint8Array[] = [];
    let writer: RecordingWriter | null = null;
    let peeked = 0;
    run(source, 53, (log) => {
      if (!writer) {
        writer = new RecordingWriter(log, { program: 'c.py', source }, { blockEvents: 64 });
        parts.push(writer.header());
      }
      parts.push(...writer.take());
      const tail = writer.peek();
      if (tail === null) return;
      // What a killed process leaves: the sealed blocks and the latest provisional tail.
      const cut = readRecording(concat([...parts, tail]));
      expect(cut.log.length).toBe(log.length);
      peeked++;
    });
    parts.push(...writer!.end());
    expect(peeked).toBeGreaterThan(3);
    expect(concat(parts)).toEqual(plain);
  });

  it('flush() ends a block early; the result still reads back whole', () => {
    const log = run(PROGRAMS.cycle!);
    const w = new RecordingWriter(log, { program: 'c.py', source: '' }, { blockEvents: 1000 });
    const parts = [w.header(), ...w.flush(), ...w.flush(), ...w.end()];
    const rec = readRecording(concat(parts));
    expect(rec.lost).toBeNull();
    expect(rec.index).toBe('ok');
    sameEvents(log, rec.log);
    expect(readIndex(concat(parts))?.total).toBe(log.length);
  });
});

describe('damage', () => {
  const source = PROGRAMS.cycle!;
  const log = run(source);
  const bytes = encodeRecording(log, { program: 'cycle.py', source }, { blockEvents: 50 });
  const full = readRecording(bytes);
  const headerSize = full.header.size;
  // The index starts where the last block ends; its offset is stored 8 bytes before the end.
  const indexAt = new DataView(bytes.buffer, bytes.byteOffset).getUint32(bytes.length - 8, true);
  const indexOffset = (): number => indexAt;
  const blockEnds = full.blocks.map((b, k) => ({
    end: full.blocks[k + 1]?.offset ?? indexAt,
    events: b.firstEvent + b.count,
  }));

  it('a file cut at any byte opens with exactly the complete blocks, or fails in the header naming the offset', () => {
    expect(full.blocks.length).toBeGreaterThan(5);
    for (let cut = 0; cut <= bytes.length; cut++) {
      const part = bytes.subarray(0, cut);
      if (cut < headerSize) {
        expect(() => readRecording(part)).toThrow(/at byte \d+: the file ends inside its header/);
        continue;
      }
      const rec = readRecording(part);
      const complete = blockEnds.filter((b) => b.end <= cut);
      const events = complete.length ? complete[complete.length - 1]!.events : 0;
      expect(rec.log.length).toBe(events);
      sameEvents(log, rec.log, events);
      const lastEnd = complete.length ? complete[complete.length - 1]!.end : headerSize;
      if (cut === bytes.length) {
        expect(rec.lost).toBeNull();
        expect(rec.index).toBe('ok');
      } else if (cut === lastEnd) {
        expect(rec.lost).toBeNull();
        expect(rec.index).toBe('missing');
      } else if (lastEnd < indexOffset() || cut - lastEnd <= 2) {
        // Inside a block (or "RS", which could start a block or the index).
        expect(rec.lost).toMatchObject({ reason: 'truncated', offset: lastEnd, bytes: cut - lastEnd });
      } else {
        // Inside the index: nothing lost but the index.
        expect(rec.lost).toBeNull();
        expect(rec.index).toBe('stale');
      }
    }
  });

  it('a flipped byte anywhere gives an error or a detected bad block, never wrong events', () => {
    for (let at = 0; at < bytes.length; at++) {
      for (const mask of [0x01, 0x80, 0xff]) {
        const bad = bytes.slice();
        bad[at]! ^= mask;
        let rec;
        try {
          rec = readRecording(bad);
        } catch (e) {
          expect(e).toBeInstanceOf(FormatError);
          expect(at).toBeLessThan(headerSize);
          continue;
        }
        // Whatever came back is a prefix of the true events, and a loss is reported unless only the index was hit.
        sameEvents(log, rec.log, rec.log.length);
        if (rec.log.length < log.length) expect(rec.lost).not.toBeNull();
        if (at >= headerSize && at < indexOffset()) expect(rec.lost?.offset).toBeLessThanOrEqual(at);
      }
    }
  });

  it('a cut file is repaired by keeping the recovered blocks and appending a fresh index', () => {
    const cut = bytes.subarray(0, full.blocks[3]!.offset + 5);
    const rec = readRecording(cut);
    expect(rec.lost?.reason).toBe('truncated');
    expect(rec.end).toBe(full.blocks[3]!.offset);
    const repaired = new Uint8Array(rec.end + 64);
    repaired.set(cut.subarray(0, rec.end));
    const index = encodeIndex(rec.blocks, rec.log.length, rec.end);
    repaired.set(index, rec.end);
    const again = readRecording(repaired.subarray(0, rec.end + index.length));
    expect(again).toMatchObject({ lost: null, index: 'ok' });
    expect(again.log.length).toBe(full.blocks[3]!.firstEvent);
    expect(readIndex(repaired.subarray(0, rec.end + index.length))?.total).toBe(again.log.length);
  });

  it('a foreign or old-format file is refused with the byte offset', () => {
    expect(() => readRecording(new TextEncoder().encode('{"hello": 1}'))).toThrow(/at byte 0: not a refscope recording/);
    expect(() => readRecording(new Uint8Array(0))).toThrow(/at byte 0: the file ends inside its header/);
    const v1 = bytes.slice();
    new DataView(v1.buffer).setUint32(8, 1, true);
    expect(() => readRecording(v1)).toThrow(/at byte 8: format version 1 is not supported/);
    try {
      decodeHeader(new TextEncoder().encode('REFSCOPX'));
    } catch (e) {
      expect((e as FormatError).offset).toBe(7);
    }
  });
});

describe('conformance programs', () => {
  const cases = conformanceCases();
  it.skipIf(cases.length === 0)('round-trip exactly at under 4 bytes per event overall', () => {
    let events = 0;
    let size = 0;
    for (const { name, source } of cases) {
      const log = run(source);
      if (log.length > 1_000_000) continue; // the big one is covered by npm run bench (seek over an 11M-event recording)
      const bytes = encodeRecording(log, { program: name, source });
      const rec = readRecording(bytes);
      expect(rec.lost).toBeNull();
      sameEvents(log, rec.log);
      expect(rec.log.strings).toEqual(log.strings);
      events += log.length;
      size += bytes.length;
    }
    expect(size / events).toBeLessThan(4);
  }, 300_000);
});
