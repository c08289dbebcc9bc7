// `refscope replay LOG [--at N] [--show summary|heap|gc|arenas|source] [--json]`: the state after an event.
import { allObjects, reduceLog, summary, type HeapState, type StateSummary } from '@refscope/engine';
import { eventIndex, openRun } from '../open.js';
import { out, flushAll } from '../output.js';
import { UserError } from '../program.js';

export const SHOWS = ['summary', 'heap', 'gc', 'arenas', 'source'] as const;
export type Show = (typeof SHOWS)[number];

export interface ReplayOptions {
  at?: string;
  show?: string;
  json?: boolean;
}

export async function replayCommand(file: string, opts: ReplayOptions): Promise<number> {
  const show = (opts.show ?? 'summary') as Show;
  if (!SHOWS.includes(show)) throw new UserError(`refscope: --show must be one of ${SHOWS.join(', ')}`, 2);
  const run = await openRun(file);
  const i = eventIndex(opts.at, run.log.length);
  // One state, seen once: a single pass of the mutable reducer beats building checkpoints.
  // (A recording cut inside its first block holds no events: i = -1, the state before any.)
  const state = reduceLog(run.log, i);
  const s = summary(state, run.log.length);
  if (opts.json) {
    out.write(JSON.stringify(s) + '\n');
  } else {
    out.write(summaryText(s));
    if (show === 'heap') out.write(heapText(state));
    else if (show === 'gc') out.write(gcText(s));
    else if (show === 'arenas') out.write(arenasText(state));
    else if (show === 'source') out.write(sourceText(run.source, s.line));
  }
  flushAll();
  return 0;
}

function summaryText(s: StateSummary): string {
  return `event ${s.index} of ${s.total}, line ${s.line}: ${s.objects} live objects, ${s.bytes} bytes; ` +
    `gc counts ${s.gc.count.join('/')}, collections ${s.gc.collections.join('/')}\n`;
}

function heapText(state: HeapState): string {
  const lines: string[] = [];
  for (const o of allObjects(state)) {
    if (!o.alive || o.allocEvent < 0) continue;
    const gen = o.tracked ? `gen ${o.gen}` : 'untracked';
    lines.push(`  #${o.id} ${o.type} rc=${o.rc} size=${o.size} ${gen} line ${o.allocLine}\n`);
  }
  return lines.join('');
}

function gcText(s: StateSummary): string {
  return [0, 1, 2].map((g) =>
    `  generation ${g}: count ${s.gc.count[g]}, threshold ${s.gc.threshold[g]}, collections ${s.gc.collections[g]}\n`).join('');
}

function arenasText(state: HeapState): string {
  const a = state.alloc;
  return `  arenas ${a.arenaCount}, pymalloc blocks ${a.blocks}, pymalloc bytes ${a.pymallocBytes}, raw bytes ${a.rawBytes}\n`;
}

function sourceText(source: string, line: number): string {
  const lines = source.split('\n');
  const from = Math.max(1, line - 3);
  const to = Math.min(lines.length, line + 3);
  let text = '';
  for (let n = from; n <= to; n++) text += `${n === line ? '>' : ' '} ${String(n).padStart(4)}  ${lines[n - 1]}\n`;
  return text;
}
