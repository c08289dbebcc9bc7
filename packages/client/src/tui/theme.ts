// Every colour and emphasis the screen uses goes through `paint`, so NO_COLOR (https://no-color.org)
// turns all of them off in one place. Without colour the screen stays readable: the current line,
// the selected row and the cursor are also marked with characters (`>`, `▶`, `|`).
import type { TextProps } from 'ink';

export type Role =
  | 'title' // panel titles
  | 'current' // the current source line, the event at the cursor
  | 'selected' // the selected heap row
  | 'dim' // secondary text
  | 'warn' // messages, uncollectable objects
  | 'good' // freed, collected
  | 'accent'; // numbers worth seeing: counts near their threshold, the chart

const COLOURS: Record<Role, TextProps> = {
  title: { bold: true, color: 'cyan' },
  current: { inverse: true },
  selected: { color: 'yellow', bold: true },
  dim: { dimColor: true },
  warn: { color: 'red' },
  good: { color: 'green' },
  accent: { color: 'magenta' },
};

/** True when colour is off: NO_COLOR set to anything non-empty. */
export function noColor(env: NodeJS.ProcessEnv = process.env): boolean {
  return (env.NO_COLOR ?? '') !== '';
}

let plain = noColor();

/** Turns colour off (plain-text output, tests) or back on. */
export function setColour(on: boolean): void {
  plain = !on;
}

/** The Text props for a role; none at all without colour. */
export function paint(role: Role): TextProps {
  return plain ? {} : COLOURS[role];
}
