// `refscope tui --diff A B`: the diff view of two runs (recordings or .py programs). On a
// terminal it is interactive; otherwise it prints what `refscope diff` prints, then the two runs
// side by side at the first divergence, and exits 0.
import { diffLogs } from '@refscope/engine';
import { diffText } from '../../commands/diff.js';
import { loadTui } from '../../commands/tui.js';
import { openRun } from '../../open.js';
import { out, flushAll } from '../../output.js';
import { clearStatus, status } from '../../progress.js';
import { UserError } from '../../program.js';

export interface DiffTuiOptions {
  plain?: boolean;
}

export async function diffTuiCommand(a: string, b: string, opts: DiffTuiOptions): Promise<number> {
  const ra = await openRun(a);
  const rb = await openRun(b);
  const tui = await loadTui();
  const pair = tui.diffPair(ra, rb);
  const interactive = !opts.plain && process.stdout.isTTY === true && process.stdin.isTTY === true;
  if (!interactive) {
    if (ra.log.length + rb.log.length > 1e6) status(`refscope: comparing ${ra.log.length} and ${rb.log.length} events…`);
    const d = diffLogs(ra.timeline, rb.timeline);
    clearStatus();
    out.write(`a: ${ra.program}\nb: ${rb.program}\n${diffText(d)}\n`);
    out.write(tui.diffSideBySide(pair, process.stdout.columns || 120));
    flushAll();
    return 0;
  }
  flushAll();
  try {
    await tui.runDiffTui(pair);
  } catch (err) {
    throw new UserError(`refscope: the terminal UI failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
  }
  return 0;
}
