// Ink's (input, key) pair as the key names the model understands, and the help that lists them.
import type { Key } from 'ink';

/**
 * The key names in one read from the terminal: a paste, or keys typed faster than the screen
 * reads them, arrives as several characters at once and is taken one character at a time.
 */
export function keyNames(input: string, key: Key): string[] {
  const one = keyName(input, key);
  if (one !== null) return [one];
  if (key.ctrl || key.meta || input.length <= 1) return [];
  return [...input].map((c) => (c === ' ' ? 'space' : c === '\r' ? 'enter' : c));
}

export function keyName(input: string, key: Key): string | null {
  if (key.leftArrow) return 'left';
  if (key.rightArrow) return 'right';
  if (key.upArrow) return 'up';
  if (key.downArrow) return 'down';
  if (key.return) return 'enter';
  if (key.escape) return 'escape';
  if (key.backspace || key.delete) return 'backspace';
  if (key.tab) return key.shift ? 'shift-tab' : 'tab';
  if (key.ctrl) return input === 'c' ? 'q' : null;
  if (input === ' ') return 'space';
  return input.length === 1 ? input : null;
}

/** The keys, as `?` and `refscope tui --help` show them. */
export const HELP: readonly (readonly [string, string])[] = [
  ['← →', 'previous / next event'],
  ['n N', 'next / previous line (steps over calls)'],
  ['c C', 'next / previous collection (its end)'],
  ['g G', 'first / last event'],
  [': N ⏎', 'jump to event N'],
  ['/ text ⏎', 'search the events (as `refscope events` prints them); / ⏎ finds the next match'],
  ['↑ ↓', 'select an object in the heap table'],
  ['w W', 'the selected object\'s next / previous change'],
  ['y', 'why is the selected object alive (again to close)'],
  ['s', 'sort the heap: size, rc, id, type, gen, line'],
  ['f type ⏎', 'show only objects of a type, in any case (an empty line: all)'],
  ['Tab', 'next panel: object, gc, memory, events, allocator, why'],
  ['space + -', 'play / pause, faster / slower'],
  ['?', 'this help'],
  ['q', 'quit'],
];

export function helpText(): string {
  const w = Math.max(...HELP.map(([k]) => k.length));
  return HELP.map(([k, v]) => `  ${k.padEnd(w)}  ${v}`).join('\n') + '\n';
}
