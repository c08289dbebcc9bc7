// The recording file, format version 1: simple and self-describing.
//
//   offset 0   8 bytes   magic "REFSCOPE"
//          8   uint32 LE format version (1)
//         12   uint32 LE byte length H of the header
//         16   H bytes   header, UTF-8 JSON: { program, source, events, strings }
//     16 + H   events × 5 int32 LE: kind, a, b, c, d (events/log.ts)
//              uint32 LE byte length of the string table, then the table as a UTF-8 JSON array
//
// It holds nothing about the host (contracts.md): the program's name as given and its source.
// A later format replaces it with crash-safe blocks; readers check the version.
import { readFileSync, writeFileSync } from 'node:fs';
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

export function encodeRecording(rec: Recording): Buffer {
  const { log } = rec;
  const header: Header = { program: rec.program, source: rec.source, events: log.length, strings: log.strings.length };
  const head = Buffer.from(JSON.stringify(header), 'utf8');
  const table = Buffer.from(JSON.stringify(log.strings), 'utf8');
  const eventBytes = log.length * WIDTH * 4;
  const buf = Buffer.alloc(16 + head.length + eventBytes + 4 + table.length);
  buf.write(MAGIC, 0, 'latin1');
  buf.writeUInt32LE(VERSION, 8);
  buf.writeUInt32LE(head.length, 12);
  head.copy(buf, 16);
  let o = 16 + head.length;
  const e: EventRecord = { kind: 0 as EventKind, a: 0, b: 0, c: 0, d: 0 };
  for (let i = 0; i < log.length; i++) {
    log.read(i, e);
    buf.writeInt32LE(e.kind, o);
    buf.writeInt32LE(e.a, o + 4);
    buf.writeInt32LE(e.b, o + 8);
    buf.writeInt32LE(e.c, o + 12);
    buf.writeInt32LE(e.d, o + 16);
    o += 20;
  }
  buf.writeUInt32LE(table.length, o);
  table.copy(buf, o + 4);
  return buf;
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
  for (let p = eventsAt; p < end; p += 20) {
    log.push(buf.readInt32LE(p) as EventKind, buf.readInt32LE(p + 4), buf.readInt32LE(p + 8), buf.readInt32LE(p + 12), buf.readInt32LE(p + 16));
  }
  return { program: header.program, source: header.source, log };
}

export function writeRecording(file: string, rec: Recording): void {
  try {
    writeFileSync(file, encodeRecording(rec));
  } catch (err) {
    throw new UserError(`refscope: cannot write recording '${file}': ${(err as Error).message}`);
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
