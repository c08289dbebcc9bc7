// The program's source around the current line, which is marked with `>` (and highlighted).
import React from 'react';
import { Panel, Line } from './Panel.js';
import { paint } from '../theme.js';

export interface SourceProps {
  lines: readonly string[];
  /** The line executing (1-based; 0 before the first line ran). */
  current: number;
  width: number;
  height: number;
  breakpoints?: ReadonlySet<number>;
  focused?: boolean;
}

export function SourcePanel({ lines, current, width, height, breakpoints, focused }: SourceProps): React.JSX.Element {
  const rows = Math.max(0, height - 1);
  const first = Math.max(1, Math.min(current - Math.floor(rows / 2), lines.length - rows + 1));
  const numWidth = String(lines.length).length;
  const out: React.JSX.Element[] = [];
  for (let n = first; n < first + rows && n <= lines.length; n++) {
    const mark = n === current ? '>' : breakpoints?.has(n) ? '●' : ' ';
    const text = `${mark}${String(n).padStart(numWidth)} ${lines[n - 1]!.replace(/\t/g, '    ')}`;
    out.push(<Line key={n} {...(n === current ? paint('current') : {})}>{text}</Line>);
  }
  return <Panel title={`source${current > 0 ? ` · line ${current}` : ''}`} width={width} height={height} focused={focused}>{out}</Panel>;
}
