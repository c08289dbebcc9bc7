// A one-line status on stderr for long operations, shown only on a terminal (never in a pipe, a
// file or a test) and erased before anything else is printed.
import { err, flushAll } from './output.js';

const shown = { active: false };

/** Shows `text` in place of the previous status; a no-op unless stderr is a terminal. */
export function status(text: string): void {
  if (!process.stderr.isTTY) return;
  flushAll();
  err.write(`\r\x1b[2K${text}`);
  err.flush();
  shown.active = true;
}

/** Erases the status line, if one is shown. */
export function clearStatus(): void {
  if (!shown.active) return;
  err.write('\r\x1b[2K');
  err.flush();
  shown.active = false;
}
