// `refscope stats LOG [--json]`: what the whole run allocated, its peak, and the collector's work.
import {
  applyEvent, createHeapState, summary, type EventKind, type EventLog, type EventRecord, type Group, type StateSummary,
} from '@refscope/engine';
import { openRun } from '../open.js';
import { out, flushAll } from '../output.js';
import { clearStatus, status } from '../progress.js';

/** Rows of the allocation tables in text form (JSON carries them all). */
const TOP = 10;

export interface StatsOptions {
  json?: boolean;
}

export async function statsCommand(file: string, opts: StatsOptions): Promise<number> {
  const run = await openRun(file);
  const t = run.timeline;
  const total = t.length;
  if (total > 1e6) status(`refscope: going through ${total} events…`);
  const alloc = t.allocations();
  const { peak, end } = replayOnce(run.log);
  clearStatus();
  const stats = {
    program: run.program,
    events: total,
    allocations: { count: alloc.count, bytes: alloc.bytes },
    end: { objects: end.objects, bytes: end.bytes },
    peak,
    collections: end.gc.collections,
    byLine: alloc.byLine,
    byType: alloc.byType,
  };
  if (opts.json) {
    out.write(JSON.stringify(stats) + '\n');
  } else {
    out.write(`${run.program}: ${total} events, ${alloc.count} allocations (${alloc.bytes} bytes)\n`);
    out.write(`peak: ${stats.peak.bytes} bytes in ${stats.peak.objects} objects after event ${stats.peak.index}\n`);
    out.write(`end: ${stats.end.bytes} bytes in ${stats.end.objects} objects\n`);
    out.write(`collections per generation: ${stats.collections.join(' / ')}\n`);
    out.write(table('top allocation lines', alloc.byLine, (k) => `line ${k}`));
    out.write(table('top allocation types', alloc.byType, (k) => String(k)));
  }
  flushAll();
  return 0;
}

function table(title: string, groups: Group[], name: (key: string | number) => string): string {
  let text = `${title}:\n`;
  for (const g of groups.slice(0, TOP)) text += `  ${name(g.key).padEnd(16)} ${String(g.objects).padStart(8)} objects ${String(g.bytes).padStart(10)} bytes\n`;
  return text;
}

/**
 * The peak (the first event after which live bytes were highest) and the end state, in one pass
 * of the mutable reducer: cheaper than the Timeline's checkpoints, which stats never revisits.
 */
function replayOnce(log: EventLog): { peak: { index: number; objects: number; bytes: number }; end: StateSummary } {
  const state = createHeapState();
  const e: EventRecord = { kind: 0 as EventKind, a: 0, b: 0, c: 0, d: 0 };
  const strings = log.strings;
  const peak = { index: -1, objects: 0, bytes: 0 };
  for (let i = 0; i < log.length; i++) {
    applyEvent(state, log.read(i, e), strings);
    if (state.bytes > peak.bytes || peak.index < 0) {
      peak.index = i;
      peak.objects = state.objects;
      peak.bytes = state.bytes;
    }
  }
  return { peak, end: summary(state, log.length) };
}
