// Real recordings for the TUI tests: small programs run through the engine by openRun, exactly
// as `refscope tui prog.py` does, so every asserted value comes from the engine's output.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EventKind, type EventLog } from '@refscope/engine';
import { openRun, type Opened } from '../../packages/client/src/open.js';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const TWO_NODE = path.join(root, 'examples/two_node_cycle.py');

const cache = new Map<string, Promise<Opened>>();

/** The two-node cycle example, run once per test file. */
export function twoNode(): Promise<Opened> {
  return openFile(TWO_NODE);
}

export function openFile(file: string): Promise<Opened> {
  let p = cache.get(file);
  if (!p) cache.set(file, (p = openRun(file)));
  return p;
}

/** Runs `source` as a program of its own (written to a temp dir). */
export function openSource(name: string, source: string): Promise<Opened> {
  const dir = mkdtempSync(path.join(tmpdir(), 'refscope-tui-'));
  const file = path.join(dir, name);
  writeFileSync(file, source);
  return openFile(file);
}

/** Object numbers of every allocation of `type`, in allocation order. */
export function allocsOf(log: EventLog, type: string): { id: number; at: number }[] {
  const out: { id: number; at: number }[] = [];
  for (let i = 0; i < log.length; i++) {
    if (log.kind(i) !== EventKind.Alloc) continue;
    const e = log.get(i);
    if (log.strings[e.b] === type) out.push({ id: e.a, at: i });
  }
  return out;
}

/** The index of the first Line event for `line` (the moment that line starts). */
export function firstLineEvent(log: EventLog, line: number): number {
  for (let i = 0; i < log.length; i++) if (log.kind(i) === EventKind.Line && log.get(i).a === line) return i;
  throw new Error(`line ${line} never ran`);
}
