import { describe, expect, it } from 'vitest';
import { EventKind, EventLog, eventToJSON } from '@refscope/engine';
import { decodeRecording, encodeRecording } from '../../packages/client/src/recording.js';
import { TWO_NODE_SOURCE, twoNodeLog } from './fixtures.js';

const json = (log: ReturnType<typeof twoNodeLog>) =>
  Array.from({ length: log.length }, (_, i) => eventToJSON(i, log.get(i), log.strings));

describe('recording format v1', () => {
  const log = twoNodeLog();
  const buf = encodeRecording({ program: 'cycle.py', source: TWO_NODE_SOURCE, log });

  it('reads back the program, its source, every event and the string table', () => {
    expect(buf.subarray(0, 8).toString('latin1')).toBe('REFSCOPE');
    const rec = decodeRecording(buf);
    expect(rec.program).toBe('cycle.py');
    expect(rec.source).toBe(TWO_NODE_SOURCE);
    expect(rec.log.strings).toEqual(log.strings);
    expect(json(rec.log)).toEqual(json(log));
  });

  it('round-trips a log longer than one write chunk, with unaligned header lengths', () => {
    for (const program of ['p.py', 'pp.py', 'ppp.py', 'pppp.py']) {
      const big = new EventLog();
      const t = big.str('list');
      for (let i = 0; i < 40_000; i++) big.push(EventKind.Alloc, i, t, 56 + (i % 7), i % 3 === 0 ? -1 : i);
      const back = decodeRecording(encodeRecording({ program, source: '', log: big })).log;
      expect(back.length).toBe(big.length);
      for (const i of [0, 16_383, 16_384, 32_768, 39_999]) expect(back.get(i)).toEqual(big.get(i));
    }
  });

  it('is byte-identical for the same log', () => {
    expect(encodeRecording({ program: 'cycle.py', source: TWO_NODE_SOURCE, log: twoNodeLog() }).equals(buf)).toBe(true);
  });

  it('refuses foreign, truncated and future files with the byte offset', () => {
    expect(() => decodeRecording(Buffer.from('print(1)\n'))).toThrow(/no REFSCOPE magic at byte 0/);
    expect(() => decodeRecording(buf.subarray(0, 20))).toThrow(/header longer than the file at byte 12/);
    expect(() => decodeRecording(buf.subarray(0, buf.length - 200))).toThrow(/at byte \d+/);
    const future = Buffer.from(buf);
    future.writeUInt32LE(99, 8);
    expect(() => decodeRecording(future)).toThrow(/unsupported format version 99 at byte 8/);
  });
});
