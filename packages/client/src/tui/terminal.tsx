// The terminal a screen runs in: the alternate-screen lifecycle every interactive view shares
// (the debugger, the diff view), and the size hook that redraws on resize.
import type React from 'react';
import { useEffect, useState } from 'react';
import { render, useStdout } from 'ink';
import { setColour, noColor } from './theme.js';

const ENTER_ALT = '\x1b[?1049h';
const LEAVE_ALT = '\x1b[?1049l';
const SHOW_CURSOR = '\x1b[?25h';

export interface FullScreenOptions {
  stdout?: NodeJS.WriteStream;
  stdin?: NodeJS.ReadStream;
}

/**
 * Renders `element` on the alternate screen until it exits. The terminal is restored however it
 * ends: on `q` and Ctrl-C, when a component throws (Ink unmounts, then the error is rethrown
 * here), and on an uncaught error or process exit (a last-resort handler leaves the alternate
 * screen and shows the cursor).
 */
export async function runFullScreen(element: React.ReactElement, options: FullScreenOptions = {}): Promise<void> {
  const stdout = options.stdout ?? process.stdout;
  setColour(!noColor());
  let restored = false;
  const restore = (): void => {
    if (restored) return;
    restored = true;
    stdout.write(LEAVE_ALT + SHOW_CURSOR);
  };
  process.once('exit', restore);
  stdout.write(ENTER_ALT);
  const app = render(element, { stdout, stdin: options.stdin ?? process.stdin, exitOnCtrlC: true, patchConsole: false });
  const crash = (err: unknown): void => {
    app.unmount(err instanceof Error ? err : new Error(String(err)));
  };
  process.once('uncaughtException', crash);
  process.once('unhandledRejection', crash);
  try {
    await app.waitUntilExit();
  } finally {
    process.off('uncaughtException', crash);
    process.off('unhandledRejection', crash);
    app.cleanup();
    restore();
    process.off('exit', restore);
  }
}

/** The terminal's size, updated on every resize (80×24 when the stream does not say). */
export function useTerminalSize(): { columns: number; rows: number } {
  const { stdout } = useStdout();
  const [size, setSize] = useState(() => ({ columns: stdout.columns || 80, rows: stdout.rows || 24 }));
  useEffect(() => {
    const onResize = (): void => setSize({ columns: stdout.columns || 80, rows: stdout.rows || 24 });
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout]);
  return size;
}
