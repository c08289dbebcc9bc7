// Opening what a time-travel command was given: a recording (format v2, or the older v1), or a
// .py program, which is run first. A cut or damaged tail is recovered up to the last good block,
// with a warning on stderr; a foreign file or a damaged header is refused naming the byte offset.
import { readFileSync } from 'node:fs';
import zlib from 'node:zlib';
import { EventLog, FormatError, readRecording, Timeline, useNativeCrc32 } from '@refscope/engine';
import { execute } from './execute.js';
import { printError } from './output.js';
import { clearStatus, status } from './progress.js';
import { loadProgram, UserError } from './program.js';
import { decodeRecording, MAGIC as MAGIC_V1 } from './recording.js';

// Block checksums with zlib's CRC-32 where Node has it (the same numbers, computed natively).
if (typeof zlib.crc32 === 'function') useNativeCrc32(zlib.crc32);

/** Files above this size get a status line while they are decoded. */
const LARGE = 8e6;

export interface Opened {
  program: string;
  source: string;
  log: EventLog;
  timeline: Timeline;
}

export async function openRun(file: string): Promise<Opened> {
  if (file.endsWith('.py')) {
    const program = loadProgram(file);
    status(`refscope: running ${file}…`);
    const { log } = await execute(program, { echoStdout: false });
    clearStatus();
    return opened(program.filename, program.source, log);
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    throw new UserError(`refscope: cannot read recording '${file}': ${(err as Error).message}`);
  }
  // Both versions start with the magic; v1 is the one with version 1 after it.
  if (bytes.length >= 12 && bytes.toString('latin1', 0, 8) === MAGIC_V1 && bytes.readUInt32LE(8) === 1) {
    const rec = decodeRecording(bytes, `'${file}'`);
    return opened(rec.program, rec.source, rec.log);
  }
  try {
    if (bytes.length > LARGE) status(`refscope: reading ${file} (${Math.round(bytes.length / 1e6)} MB)…`);
    const rec = readRecording(bytes);
    clearStatus();
    if (rec.lost) {
      printError(`refscope: warning: '${file}' is ${rec.lost.reason === 'truncated' ? 'cut short' : 'damaged'} ` +
        `(${rec.lost.message}); read the ${rec.log.length} events before byte ${rec.lost.offset}\n`);
    }
    return opened(rec.header.program, rec.header.source, rec.log);
  } catch (err) {
    if (err instanceof FormatError) throw new UserError(`refscope: '${file}' is not a readable refscope recording: ${err.message}`);
    throw err;
  }
}

function opened(program: string, source: string, log: EventLog): Opened {
  return { program, source, log, timeline: new Timeline(log, { progress: indexing(program) }) };
}

/** A status line while the Timeline builds checkpoints over many events, erased when it is done. */
function indexing(program: string): (done: number, target: number) => void {
  return (done, target) => {
    if (done >= target) clearStatus();
    else status(`refscope: indexing ${program}: ${Math.floor((done / target) * 100)}% of ${target.toLocaleString('en-US')} events…`);
  };
}

/** `--at N`: an event index within the run (default the last; -1 for a run with none), or a refusal naming the range. */
export function eventIndex(at: string | undefined, total: number): number {
  if (at === undefined) return total - 1;
  if (total === 0) throw new UserError(`refscope: --at ${at}: the recording holds no events`);
  const n = Number(at);
  if (!/^-?\d+$/.test(at) || !Number.isSafeInteger(n) || n < 0 || n >= total) {
    throw new UserError(`refscope: --at ${at} is outside the recording's events 0..${total - 1}`);
  }
  return n;
}

/** `#12` or `12`: an object number. */
export function objectNumber(text: string): number {
  const m = /^#?(\d+)$/.exec(text);
  if (!m) throw new UserError(`refscope: '${text}' is not an object number (write 12 or #12)`, 2);
  return Number(m[1]);
}
