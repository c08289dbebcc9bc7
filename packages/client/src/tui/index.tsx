// The terminal debugger's entry points, bundled separately (dist/tui.js) so that commands which
// never draw a screen do not pay for loading React and Ink at start-up.
//
//   runTui(source, options)   the interactive screen, on the alternate screen, until `q`
//   plainText(source, ...)    the same panels rendered once, as text without escape codes
import React from 'react';
import { renderToString } from 'ink';
import { App, type KeyHandler } from './App.js';
import { Inspector } from './inspect.js';
import { initialState } from './model.js';
import { Screen } from './Screen.js';
import type { DebugSource } from './source.js';
import { setColour, noColor } from './theme.js';
import { whyLines } from './view.js';
import { runFullScreen } from './terminal.js';

export { App, type AppProps, type KeyHandler } from './App.js';
export { Screen } from './Screen.js';
export { Inspector } from './inspect.js';
export { recordingSource, type DebugSource, type LiveControl, type StepBy } from './source.js';
export { initialState, update, grow, SORT_KEYS, PANELS, SPEEDS, type UiState, type Navigator } from './model.js';
export { keyName, keyNames, helpText, HELP } from './keys.js';
export { paint, setColour, noColor } from './theme.js';

export interface TuiOptions {
  at?: number;
  /** An object to select at the start. */
  select?: number;
  follow?: boolean;
  onKey?: KeyHandler;
  /** Keys onKey handles, listed by `?` after the debugger's own. */
  help?: readonly (readonly [string, string])[];
  stdout?: NodeJS.WriteStream;
  stdin?: NodeJS.ReadStream;
}

/** Runs the interactive debugger until the user quits (terminal.tsx restores the terminal). */
export async function runTui(source: DebugSource, options: TuiOptions = {}): Promise<void> {
  await runFullScreen(
    <App source={source} at={options.at} select={options.select} follow={options.follow} onKey={options.onKey} help={options.help} />,
    { stdout: options.stdout, stdin: options.stdin },
  );
}

export interface PlainOptions {
  /** The event to show (default: the last). */
  at?: number;
  /** An object to show in the object and why panels. */
  object?: number;
  columns?: number;
}

/** The screen's panels at one event, as plain text (no colour, no escape codes). */
export function plainText(source: DebugSource, options: PlainOptions = {}): string {
  setColour(false);
  const inspector = new Inspector(source.timeline());
  const base = initialState(inspector.total, options.at);
  const ui = options.object === undefined ? base : { ...base, selected: options.object, why: options.object };
  const why = ui.why === null ? null : whyLines(inspector, ui.why, ui.cursor);
  const text = renderToString(
    <Screen ui={ui} source={source} inspector={inspector} columns={options.columns ?? 100} rows={1000} plain why={why} />,
    { columns: options.columns ?? 100 },
  );
  // eslint-disable-next-line no-control-regex
  return text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/[ \t]+$/gm, '').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n';
}
