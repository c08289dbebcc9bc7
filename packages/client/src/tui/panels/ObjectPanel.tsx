// The selected object: what it is now, who holds it (referrers), what it holds (referents), and
// its recent history up to the cursor.
import React from 'react';
import { Panel, Line } from './Panel.js';
import { paint } from '../theme.js';

export interface ObjectProps {
  /** null when nothing is selected. */
  id: number | null;
  /** `Node#12 rc=2 gen 0 56 bytes, allocated line 9 (event 40)`, or why it is not there. */
  summary: string;
  referrers: readonly string[];
  referents: readonly string[];
  /** Its events up to the cursor, most recent last. */
  history: readonly string[];
  width: number;
  height: number;
  focused?: boolean;
}

/** A labelled list in `rows` rows: one item a row (the last row counting what did not fit), or all on one row. */
export function section(label: string, items: readonly string[], rows: number): string[] {
  const pad = ' '.repeat(label.length);
  if (items.length === 0) return [label + '(none)'];
  if (rows <= 1 || items.length === 1) return [label + items.join(', ')];
  const shown = items.length <= rows ? items : [...items.slice(0, rows - 1), `… ${items.length - rows + 1} more`];
  return shown.map((s, k) => (k === 0 ? label : pad) + s);
}

export function ObjectPanel({ id, summary, referrers, referents, history, width, height, focused }: ObjectProps): React.JSX.Element {
  if (id === null) {
    return (
      <Panel title="object" width={width} height={height} focused={focused}>
        <Line {...paint('dim')}>select an object in the heap with ↑/↓</Line>
      </Panel>
    );
  }
  // Title and summary take two rows; referrers and referents a quarter of the rest each (at
  // least one row: a section given one row lists its items on it, comma-separated), history the rest.
  const room = Math.max(0, height - 2);
  const share = Math.max(1, Math.floor(room / 4));
  const heldRows = Math.min(Math.max(1, referrers.length), share);
  const holdsRows = Math.min(Math.max(1, referents.length), share);
  const histRows = Math.max(0, room - heldRows - holdsRows - 1);
  return (
    <Panel title={`object #${id}`} width={width} height={height} focused={focused}>
      <Line>{summary}</Line>
      {section('held by: ', referrers, heldRows).map((s, k) => <Line key={'r' + k}>{s}</Line>)}
      {section('holds:   ', referents, holdsRows).map((s, k) => <Line key={'o' + k}>{s}</Line>)}
      {histRows > 0 ? <Line {...paint('dim')}>history:</Line> : null}
      {history.slice(Math.max(0, history.length - histRows)).map((s, k) => <Line key={'h' + k}>{'  ' + s}</Line>)}
    </Panel>
  );
}
