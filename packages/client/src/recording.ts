// The recording file, format version 1: simple and self-describing. Nothing writes it any more
// (`run --record` writes version 2 through the engine's RecordingWriter, docs/format.md); the
// time-travel commands still read it (open.ts).
//
//   offset 0   8 bytes   magic "REFSCOPE"
//          8   uint32 LE format version (1)
//         12   uint32 LE byte length H of the header
//         16   H bytes   header, UTF-8 JSON: { program, source, events, strings }
//     16 + H   events × 5 int32 LE: kind, a, b, c, d (events/log.ts)
//              uint32 LE byte length of the string table, then the table as a UTF-8 JSON array
//
// It holds nothing about the host (contracts.md): the program's name as given and its source.
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { EventLog, type EventKind, type EventRecord } from '@refscope/engine';
import { UserError } from './program.js';

export const MAGIC = 'REFSCOPE';
export const VERSION = 1;
const WIDTH = 5;

export interface Recording {
  program: string;
  source: string;
  log: EventLog;
}

interface Header {
  program: string;
  source: string;
  events: number;
  strings: number;
}

/** Events per chunk when encoding: the file is written chunk by chunk, never held whole. */
const CHUNK_EVENTS = 1 << 14;

/** The file's bytes, in order, a chunk at a time. */
export function* recordingChunks(rec: Recording): Generator<Buffer> {
  const { log } = rec;
  const header: Header = { program: rec.program, source: rec.source, events: log.length, strings: log.strings.length };
  const head = Buffer.from(JSON.stringify(header), 'utf8');
  const start = Buffer.alloc(16);
  start.write(MAGIC, 0, 'latin1');
  start.writeUInt32LE(VERSION, 8);
  start.writeUInt32LE(head.length, 12);
  yield start;
  yield head;
  const e: EventRecord = { kind: 0 as EventKind, a: 0, b: 0, c: 0, d: 0 };
  for (let from = 0; from < log.length; from += CHUNK_EVENTS) {
    const n = Math.min(CHUNK_EVENTS, log.length - from);
    const chunk = new Int32Array(n * WIDTH);
    for (let k = 0, o = 0; k < n; k++) {
      log.read(from + k, e);
      chunk[o++] = e.kind;
      chunk[o++] = e.a;
      chunk[o++] = e.b;
      chunk[o++] = e.c;
      chunk[o++] = e.d;
    }
    yield littleEndian(chunk);
  }
  const table = Buffer.from(JSON.stringify(log.strings), 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32LE(table.length, 0);
  yield len;
  yield table;
}

const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

function littleEndian(words: Int32Array): Buffer {
  const buf = Buffer.from(words.buffer, words.byteOffset, words.byteLength);
  return HOST_LITTLE_ENDIAN ? buf : buf.swap32();
}

export function encodeRecording(rec: Recording): Buffer {
  return Buffer.concat([...recordingChunks(rec)]);
}

export function decodeRecording(buf: Buffer, name = 'recording'): Recording {
  const fail = (offset: number, what: string): never => {
    throw new UserError(`refscope: ${name} is not a readable refscope recording: ${what} at byte ${offset}`);
  };
  if (buf.length < 16 || buf.toString('latin1', 0, 8) !== MAGIC) fail(0, 'no REFSCOPE magic');
  const version = buf.readUInt32LE(8);
  if (version !== VERSION) fail(8, `unsupported format version ${version}`);
  const headLen = buf.readUInt32LE(12);
  if (16 + headLen > buf.length) fail(12, 'header longer than the file');
  let header: Header;
  try {
    header = JSON.parse(buf.toString('utf8', 16, 16 + headLen)) as Header;
  } catch {
    return fail(16, 'unparseable header');
  }
  if (typeof header.program !== 'string' || typeof header.source !== 'string' || !(header.events >= 0)) {
    fail(16, 'incomplete header');
  }
  let o = 16 + headLen;
  const end = o + header.events * WIDTH * 4;
  if (end + 4 > buf.length) fail(o, `expected ${header.events} events, the file ends first`);
  const log = new EventLog();
  const eventsAt = o;
  o = end;
  const tableLen = buf.readUInt32LE(o);
  if (o + 4 + tableLen > buf.length) fail(o, 'string table longer than the file');
  let strings: unknown;
  try {
    strings = JSON.parse(buf.toString('utf8', o + 4, o + 4 + tableLen));
  } catch {
    return fail(o + 4, 'unparseable string table');
  }
  if (!Array.isArray(strings) || strings.length !== header.strings) fail(o + 4, 'string table of the wrong size');
  for (const [k, s] of (strings as unknown[]).entries()) {
    if (typeof s !== 'string' || log.str(s) !== k) fail(o + 4, `bad string ${k}`);
  }
  // Copy to an aligned buffer (the header has any length), in host order, and push from there.
  const bytes = Buffer.from(buf.subarray(eventsAt, end));
  if (!HOST_LITTLE_ENDIAN) bytes.swap32();
  const words = new Int32Array(bytes.buffer, bytes.byteOffset, bytes.length >> 2);
  for (let o = 0; o < words.length; o += WIDTH) {
    log.push(words[o] as EventKind, words[o + 1], words[o + 2], words[o + 3], words[o + 4]);
  }
  return { program: header.program, source: header.source, log };
}

export function writeRecording(file: string, rec: Recording): void {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'w');
    for (const chunk of recordingChunks(rec)) {
      for (let off = 0; off < chunk.length; ) off += writeSync(fd, chunk, off);
    }
  } catch (err) {
    throw new UserError(`refscope: cannot write recording '${file}': ${(err as Error).message}`);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export function readRecording(file: string): Recording {
  let buf: Buffer;
  try {
    buf = readFileSync(file);
  } catch (err) {
    throw new UserError(`refscope: cannot read recording '${file}': ${(err as Error).message}`);
  }
  return decodeRecording(buf, `'${file}'`);
}
