// The keys, shown by `?` over the panels.
import React from 'react';
import { HELP } from '../keys.js';
import { Panel, Line } from './Panel.js';

export interface HelpProps {
  width: number;
  height: number;
  /** More keys, listed after the debugger's own (live control). */
  extra?: readonly (readonly [string, string])[];
}

export function HelpPanel({ width, height, extra = [] }: HelpProps): React.JSX.Element {
  const keys = [...HELP, ...extra];
  const w = Math.max(...keys.map(([k]) => k.length));
  return (
    <Panel title="keys (any key closes this)" width={width} height={height} focused>
      {keys.map(([k, v]) => <Line key={k}>{`  ${k.padEnd(w)}  ${v}`}</Line>)}
    </Panel>
  );
}
