// The live objects after the cursor's event: one row each, sorted by a key, filtered by type.
// The selected row is marked with `▶` and stays in view.
import React from 'react';
import { Panel, Line } from './Panel.js';
import { paint } from '../theme.js';

export interface HeapRow {
  id: number;
  type: string;
  rc: number;
  /** 0..2 (3: frozen) while tracked by the collector, -1 untracked. */
  gen: number;
  size: number;
  line: number;
}

export interface HeapProps {
  /** Every listed object, in table order. */
  rows: readonly HeapRow[];
  /** Live objects and bytes before the filter. */
  objects: number;
  bytes: number;
  selected: number | null;
  sort: string;
  filter: string;
  width: number;
  height: number;
  focused?: boolean;
}

/** The type column's width for a table `width` columns wide (the other columns take 36). */
export function typeWidth(width: number): number {
  return Math.max(6, Math.min(24, width - 36));
}

function columns(tw: number): string {
  return `  ${'#id'.padEnd(8)} ${'type'.padEnd(tw)} ${'rc'.padStart(4)} ${'gen'.padStart(3)} ${'size'.padStart(6)} ${'line'.padStart(5)}`;
}

export function heapRowText(r: HeapRow, tw = 15): string {
  const gen = r.gen < 0 ? '-' : r.gen === 3 ? 'frz' : String(r.gen);
  const type = r.type.length > tw ? r.type.slice(0, tw - 1) + '…' : r.type.padEnd(tw);
  return `${('#' + r.id).padEnd(8)} ${type} ${String(r.rc).padStart(4)} ${gen.padStart(3)} ${String(r.size).padStart(6)} ${String(r.line).padStart(5)}`;
}

export function HeapPanel({ rows, objects, bytes, selected, sort, filter, width, height, focused }: HeapProps): React.JSX.Element {
  const shown = Math.max(0, height - 2);
  const tw = typeWidth(width);
  const at = selected === null ? -1 : rows.findIndex((r) => r.id === selected);
  const first = at < 0 ? 0 : Math.max(0, Math.min(at - Math.floor(shown / 2), rows.length - shown));
  const title = `heap · ${objects} objects, ${bytes} bytes · sort ${sort}${filter ? ` · type ${filter} (${rows.length})` : ''}`;
  return (
    <Panel title={title} width={width} height={height} focused={focused}>
      <Line {...paint('dim')}>{columns(tw)}</Line>
      {rows.slice(first, first + shown).map((r) => (
        <Line key={r.id} {...(r.id === selected ? paint('selected') : {})}>{(r.id === selected ? '▶ ' : '  ') + heapRowText(r, tw)}</Line>
      ))}
      {rows.length === 0 ? <Line {...paint('dim')}>{filter ? `  no live ${filter} objects` : '  no live objects'}</Line> : null}
    </Panel>
  );
}
