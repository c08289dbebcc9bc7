// `refscope diff A B [--json] [--exit-code]`: how two runs differ (recordings or .py programs).
import { diffLogs, type DiffRow, type DiffSide, type LogDiff } from '@refscope/engine';
import { openRun } from '../open.js';
import { out, flushAll } from '../output.js';
import { clearStatus, status } from '../progress.js';

const TOP = 10;

export interface DiffOptions {
  json?: boolean;
  exitCode?: boolean;
}

export async function diffCommand(a: string, b: string, opts: DiffOptions): Promise<number> {
  const ra = await openRun(a);
  const rb = await openRun(b);
  if (ra.log.length + rb.log.length > 1e6) status(`refscope: comparing ${ra.log.length} and ${rb.log.length} events…`);
  const d = diffLogs(ra.timeline, rb.timeline);
  clearStatus();
  out.write(opts.json ? JSON.stringify(d) + '\n' : diffText(d));
  flushAll();
  return opts.exitCode && !d.identical ? 1 : 0;
}

export function diffText(d: LogDiff): string {
  if (d.identical) return `identical: ${d.total.a} events\n`;
  const f = d.firstDivergence!;
  let text = `first divergence at event ${f.index}:\n  a: ${sideText(f.a)}\n  b: ${sideText(f.b)}\n`;
  text += `events: a ${d.total.a}, b ${d.total.b}\n`;
  text += `end: a ${d.end.a.bytes} bytes in ${d.end.a.objects} objects, b ${d.end.b.bytes} bytes in ${d.end.b.objects} objects\n`;
  text += `peak: a ${d.peak.a.bytes} bytes (event ${d.peak.a.index}), b ${d.peak.b.bytes} bytes (event ${d.peak.b.index})\n`;
  text += `collections: a ${d.collections.a.join('/')}, b ${d.collections.b.join('/')}\n`;
  text += rows('end by line', d.end.byLine, (k) => `line ${k}`);
  text += rows('end by type', d.end.byType, String);
  return text;
}

function sideText(s: DiffSide): string {
  return s.event === null ? `(ended; last line ${s.line})` : `line ${s.line}: ${JSON.stringify(s.event)}`;
}

function rows(title: string, list: DiffRow[], name: (k: number | string) => string): string {
  const changed = list.filter((r) => r.delta.bytes !== 0 || r.delta.objects !== 0).slice(0, TOP);
  if (changed.length === 0) return '';
  let text = `${title}:\n`;
  for (const r of changed) {
    const sign = (n: number) => (n > 0 ? `+${n}` : String(n));
    text += `  ${name(r.key).padEnd(16)} ${sign(r.delta.objects)} objects, ${sign(r.delta.bytes)} bytes\n`;
  }
  return text;
}
