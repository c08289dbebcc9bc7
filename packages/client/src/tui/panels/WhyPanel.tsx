// "Why is this alive": the chain of references from a root to the object (Timeline.whyAlive).
import React from 'react';
import { Panel, Line } from './Panel.js';
import { paint } from '../theme.js';

export interface WhyProps {
  /** The lines of `refscope why`, or null when no object is asked about. */
  lines: readonly string[] | null;
  width: number;
  height: number;
  focused?: boolean;
}

export function WhyPanel({ lines, width, height, focused }: WhyProps): React.JSX.Element {
  return (
    <Panel title="why is it alive" width={width} height={height} focused={focused}>
      {lines === null
        ? <Line {...paint('dim')}>select an object (↑/↓) and press y</Line>
        : lines.map((l, k) => <Line key={k}>{l}</Line>)}
    </Panel>
  );
}
