// Live bytes over the run as a chart, with the cursor's column marked below it.
import React from 'react';
import type { MemorySeries } from '@refscope/engine';
import { Panel, Line } from './Panel.js';
import { paint } from '../theme.js';

export interface MemoryProps {
  series: MemorySeries;
  cursor: number;
  /** Live bytes after the cursor's event. */
  bytes: number;
  width: number;
  height: number;
  focused?: boolean;
}

const LEVELS = ' ▁▂▃▄▅▆▇█';

/**
 * The chart's rows, top first: `cols` columns, each the highest sample falling in it, drawn in
 * eighths of a cell over `rows` rows; then the column of the cursor.
 */
export function chart(series: MemorySeries, cols: number, rows: number, cursor: number): { lines: string[]; at: number } {
  const n = series.index.length;
  const last = n === 0 ? 0 : series.index[n - 1]!;
  const col = (i: number): number => (last <= 0 ? 0 : Math.min(cols - 1, Math.floor((i / (last + 1)) * cols)));
  const top = new Array<number>(cols).fill(0);
  const max = Math.max(1, series.peak.bytes);
  for (let k = 0; k < n; k++) {
    const c = col(series.index[k]!);
    if (series.bytes[k]! > top[c]!) top[c] = series.bytes[k]!;
  }
  const lines: string[] = [];
  for (let r = rows - 1; r >= 0; r--) {
    let s = '';
    for (let c = 0; c < cols; c++) {
      const eighths = Math.round((top[c]! / max) * rows * 8) - r * 8;
      s += LEVELS[Math.max(0, Math.min(8, eighths))];
    }
    lines.push(s);
  }
  return { lines, at: cursor < 0 ? -1 : col(cursor) };
}

export function MemoryPanel({ series, cursor, bytes, width, height, focused }: MemoryProps): React.JSX.Element {
  const rows = Math.max(1, height - 2);
  const cols = Math.max(8, width - 1);
  const { lines, at } = chart(series, cols, rows, cursor);
  return (
    <Panel title={series.peak.index < 0 ? 'memory · no events' : `memory · ${bytes} B now · peak ${series.peak.bytes} B at #${series.peak.index}`} width={width} height={height} focused={focused}>
      {lines.map((l, k) => <Line key={k} {...paint('accent')}>{l}</Line>)}
      <Line>{at < 0 ? '' : ' '.repeat(at) + '^'}</Line>
    </Panel>
  );
}
