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
  /**
   * The rows on screen, in table order: `heapWindow` picks them from the whole table, so a
   * frame costs the rows shown, not the objects alive.
   */
  rows: readonly HeapRow[];
  /** How many objects the table lists (after the filter). */
  listed: number;
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

/** The rows a table of `height` shows: a window of `listed` keeping `selected` in view, near the middle. */
export function heapWindow<T extends { id: number }>(listed: readonly T[], selected: number | null, height: number): T[] {
  const shown = Math.max(0, height - 2);
  let at = -1;
  if (selected !== null) for (let k = 0; k < listed.length && at < 0; k++) if (listed[k]!.id === selected) at = k;
  const first = at < 0 ? 0 : Math.max(0, Math.min(at - Math.floor(shown / 2), listed.length - shown));
  return listed.slice(first, first + shown);
}

export function HeapPanel({ rows, listed, objects, bytes, selected, sort, filter, width, height, focused }: HeapProps): React.JSX.Element {
  const shown = Math.max(0, height - 2);
  const tw = typeWidth(width);
  const title = `heap · ${objects} objects, ${bytes} bytes · sort ${sort}${filter ? ` · type ${filter} (${listed})` : ''}`;
  return (
    <Panel title={title} width={width} height={height} focused={focused}>
      <Line {...paint('dim')}>{columns(tw)}</Line>
      {rows.slice(0, shown).map((r) => (
        <Line key={r.id} {...(r.id === selected ? paint('selected') : {})}>{(r.id === selected ? '▶ ' : '  ') + heapRowText(r, tw)}</Line>
      ))}
      {listed === 0 ? <Line {...paint('dim')}>{filter ? `  no live ${filter} objects` : '  no live objects'}</Line> : null}
    </Panel>
  );
}
