// `refscope tui LOG [--at N] [--object ID]`: the terminal debugger over a recording (or a .py
// program, run first). On a terminal it draws the interactive screen; when stdout is not a
// terminal it prints the same panels once, as plain text, and exits 0.
import type { Timeline } from '@refscope/engine';
import { eventIndex, objectNumber, openRun } from '../open.js';
import { out, flushAll } from '../output.js';
import { clearStatus, status } from '../progress.js';
import { UserError } from '../program.js';

export interface TuiCommandOptions {
  at?: string;
  object?: string;
  /** Force the plain-text view even on a terminal. */
  plain?: boolean;
}

/** The terminal UI bundle (dist/tui.js), loaded only by commands that draw a screen. */
export async function loadTui(): Promise<typeof import('../tui.js')> {
  // A computed specifier, which esbuild leaves alone: bundled, this code is in dist/cli.js and
  // loads dist/tui.js beside it; unbundled (tsx, tests) it is src/commands/tui.ts → src/tui.ts.
  const spec = import.meta.url.endsWith('.ts') ? '../tui.js' : './tui.js';
  // Ink decides once, when it is first imported, whether it runs "in CI" (the CI or
  // CONTINUOUS_INTEGRATION variables are set): there it draws nothing until the app exits, and
  // then only the last frame. On a terminal somebody is watching, whatever their shell exports,
  // so those variables are hidden while Ink loads and put back after.
  const hidden = process.stdout.isTTY === true ? hideCiVariables() : () => {};
  try {
    return (await import(spec)) as typeof import('../tui.js');
  } finally {
    hidden();
  }
}

/** Removes CI and CONTINUOUS_INTEGRATION from the environment; the function returned restores them. */
function hideCiVariables(): () => void {
  const saved: [string, string][] = [];
  for (const name of ['CI', 'CONTINUOUS_INTEGRATION']) {
    const value = process.env[name];
    if (value !== undefined) {
      saved.push([name, value]);
      delete process.env[name];
    }
  }
  return () => {
    for (const [name, value] of saved) process.env[name] = value;
  };
}

/**
 * Builds, before the screen opens and with a status line, what the first keys would otherwise
 * build one at a time: the checkpoints up to the end (so a seek anywhere replays at most one
 * checkpoint's events), the memory series, the line track, the collections and the per-object
 * event lists. About a second per million events; after it every move is a lookup.
 */
function prepare(timeline: Timeline): void {
  const n = timeline.length;
  if (n === 0) return;
  const big = n > 500_000;
  const step = (what: string, f: () => unknown): void => {
    if (big) status(`refscope: ${what} (${n.toLocaleString('en-US')} events)…`);
    f();
  };
  step('indexing states', () => timeline.stateAt(n - 1));
  step('charting memory', () => timeline.memory());
  step('indexing lines and collections', () => (timeline.lineAt(0), timeline.collectionEnds()));
  step('indexing objects', () => timeline.eventsOf(0));
  clearStatus();
}

export async function tuiCommand(file: string, opts: TuiCommandOptions): Promise<number> {
  const run = await openRun(file);
  const tui = await loadTui();
  const source = tui.recordingSource(run);
  const total = run.log.length;
  const at = eventIndex(opts.at, total);
  const object = opts.object === undefined ? undefined : objectNumber(opts.object);
  const interactive = !opts.plain && process.stdout.isTTY === true && process.stdin.isTTY === true;
  if (!interactive) {
    out.write(tui.plainText(source, { at: at < 0 ? undefined : at, object, columns: process.stdout.columns || 100 }));
    flushAll();
    return 0;
  }
  prepare(run.timeline);
  flushAll();
  try {
    await tui.runTui(source, { at: at < 0 ? undefined : at, select: object });
  } catch (err) {
    throw new UserError(`refscope: the terminal UI failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
  }
  return 0;
}
