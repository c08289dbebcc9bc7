// Live control keys, given to the App before its own keys (AppProps.onKey). They use only keys
// the debugger's model leaves free (tui/keys.ts HELP): space stays play/pause of the cursor.
import type { UiState } from '../model.js';
import type { DebugSource, StepBy } from '../source.js';

/** The live keys, for `refscope attach --help` and the status line. */
export const LIVE_HELP: readonly (readonly [string, string])[] = [
  ['p', 'pause / resume the program'],
  ['.', 'step the program by one event'],
  ['>', 'step the program to its next line'],
  [']', 'step the program to the end of its next collection'],
  ['b', 'set / clear a breakpoint on the line at the cursor'],
  ['B', 'clear every breakpoint'],
];

export function liveHelpText(): string {
  return LIVE_HELP.map(([k, v]) => `  ${k.padEnd(9)}  ${v}`).join('\n') + '\n';
}

const STEPS: Record<string, StepBy> = { '.': 'event', '>': 'line', ']': 'collection' };

/**
 * Handles a live key: asks the server (the answer arrives through the source's subscribe) and
 * returns the UI state, following the end of the log after a step or resume so the screen shows
 * where the program stopped. Returns null for keys that are not live keys. Steps, pauses and
 * resumes leave the status line to the source (its problem(): a refusal, a lost connection); the
 * header shows their effect.
 */
export function liveKey(key: string, ui: UiState, source: DebugSource): UiState | null {
  const by = STEPS[key];
  if (key !== 'p' && key !== 'b' && key !== 'B' && by === undefined) return null;
  const control = source.control;
  if (!control) return { ...ui, message: 'this session cannot be driven (a recording, or not a live run)' };
  if (source.done()) return { ...ui, message: 'the program has ended' };
  if (by !== undefined) {
    control.step(by);
    return { ...ui, follow: true, playing: false, message: '' };
  }
  if (key === 'p') {
    if (control.paused()) {
      control.resume();
      return { ...ui, follow: true, playing: false, message: '' };
    }
    control.pause();
    return { ...ui, message: '' };
  }
  if (key === 'B') {
    for (const line of control.breakpoints()) control.clearBreak(line);
    return { ...ui, message: 'breakpoints cleared' };
  }
  const line = ui.cursor < 0 ? 0 : source.timeline().lineAt(ui.cursor);
  if (line <= 0) return { ...ui, message: 'no line at the cursor yet' };
  if (control.breakpoints().has(line)) {
    control.clearBreak(line);
    return { ...ui, message: `breakpoint on line ${line} cleared` };
  }
  control.setBreak(line);
  return { ...ui, message: `breakpoint on line ${line}` };
}
