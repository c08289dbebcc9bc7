// `refscope tui LOG [--at N] [--object ID]`: the terminal debugger over a recording (or a .py
// program, run first). On a terminal it draws the interactive screen; when stdout is not a
// terminal it prints the same panels once, as plain text, and exits 0.
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
  return (await import(spec)) as typeof import('../tui.js');
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
  // The memory chart needs one replay of the log: do it before the screen opens, with a status line.
  if (total > 1e6) status(`refscope: indexing ${total} events…`);
  run.timeline.memory();
  clearStatus();
  flushAll();
  try {
    await tui.runTui(source, { at: at < 0 ? undefined : at });
  } catch (err) {
    throw new UserError(`refscope: the terminal UI failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
  }
  return 0;
}
