// The keys, shown by `?` over the panels.
import React from 'react';
import { HELP } from '../keys.js';
import { Panel, Line } from './Panel.js';

export function HelpPanel({ width, height }: { width: number; height: number }): React.JSX.Element {
  const w = Math.max(...HELP.map(([k]) => k.length));
  return (
    <Panel title="keys (any key closes this)" width={width} height={height} focused>
      {HELP.map(([k, v]) => <Line key={k}>{`  ${k.padEnd(w)}  ${v}`}</Line>)}
    </Panel>
  );
}
