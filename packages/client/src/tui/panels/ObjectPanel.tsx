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

export function ObjectPanel({ id, summary, referrers, referents, history, width, height, focused }: ObjectProps): React.JSX.Element {
  if (id === null) {
    return (
      <Panel title="object" width={width} height={height} focused={focused}>
        <Line {...paint('dim')}>select an object in the heap with ↑/↓</Line>
      </Panel>
    );
  }
  const room = Math.max(0, height - 5);
  // Share the room: referrers and referents first (a few each), the rest for history.
  const refRoom = Math.min(Math.max(1, referrers.length), Math.max(1, Math.floor(room / 3)));
  const ofRoom = Math.min(Math.max(1, referents.length), Math.max(1, Math.floor(room / 3)));
  const histRoom = Math.max(0, room - refRoom - ofRoom);
  const list = (items: readonly string[], n: number): string[] =>
    items.length === 0 ? ['  (none)'] : items.length <= n ? items.map((s) => '  ' + s)
      : [...items.slice(0, n - 1).map((s) => '  ' + s), `  … ${items.length - n + 1} more`];
  return (
    <Panel title={`object #${id}`} width={width} height={height} focused={focused}>
      <Line>{summary}</Line>
      <Line {...paint('dim')}>held by:</Line>
      {list(referrers, refRoom).map((s, k) => <Line key={'r' + k}>{s}</Line>)}
      <Line {...paint('dim')}>holds:</Line>
      {list(referents, ofRoom).map((s, k) => <Line key={'o' + k}>{s}</Line>)}
      <Line {...paint('dim')}>history:</Line>
      {history.slice(Math.max(0, history.length - histRoom)).map((s, k) => <Line key={'h' + k}>{'  ' + s}</Line>)}
    </Panel>
  );
}
