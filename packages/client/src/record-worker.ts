// The recorder's worker thread: it receives the run's events from the main thread (whole pages
// of the EventLog, in shared memory, and copies of the last partial page), keeps a mirror log, and
// encodes and writes the recording there (BlockFile), so the interpreter's thread only hands
// pages over. The mirror adopts whole pages as they are, and sends them back to the main
// thread's log to be filled again once they are encoded.
//
// Messages in:  { type: 'events' | 'end', chunks: { first, records }[], strings: string[] }
// Messages out: { type: 'pages', pages: Int32Array[] } and, after 'end', { type: 'done', error }.
import { platform, setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { EventLog } from '@refscope/engine/recording';
import { BlockFile, type RecordingInfo } from './record-file.js';

export interface EventsMessage {
  type: 'events' | 'end';
  /** Records of events from index `first` on (EVENT_WIDTH int32s each); a full page is one the main log detached. */
  chunks: { first: number; records: Int32Array }[];
  /** The strings added to the main log's table since the last message, in order. */
  strings: string[];
}

export interface WorkerData extends RecordingInfo {
  fd: number;
}

if (parentPort !== null) {
  yieldToTheInterpreter();
  const port = parentPort;
  const { fd, program, source } = workerData as WorkerData;
  const log = new EventLog({ shared: true });
  const file = new BlockFile(fd, log, { program, source });
  port.on('message', (m: EventsMessage) => {
    // The mirror's table must index exactly as the main log's: append, never deduplicate.
    for (const s of m.strings) log.strings.push(s);
    // Whole pages are adopted by the mirror (no copy) and go back once encoded.
    for (const c of m.chunks) log.append(c.first, c.records);
    if (m.type === 'end') {
      file.end();
      port.postMessage({ type: 'done', error: file.failed });
      port.close();
      return;
    }
    file.advance();
    const back = log.detach(file.writer.eventsEncoded).map((p) => p.page);
    if (back.length > 0) port.postMessage({ type: 'pages', pages: back });
  });
}

/**
 * On two cores the interpreter's thread shares the machine with this one and with V8's own
 * (TurboFan compiling the hot functions, the collector): measured in /proc's schedstat, it spent
 * 180 ms of an allocations.py run waiting for a core, against 35 ms without a recording. The
 * encoder can fall behind for a while and catch up, the interpreter cannot, so this thread asks
 * to run after the others (nice 19; the wait drops to about 140 ms). Linux only: there a
 * priority is a thread's own, elsewhere it would be the whole process's.
 */
function yieldToTheInterpreter(): void {
  if (platform() !== 'linux') return;
  try {
    setPriority(19);
  } catch {
    // Not allowed here: the recording is the same, only the sharing of the cores differs.
  }
}
