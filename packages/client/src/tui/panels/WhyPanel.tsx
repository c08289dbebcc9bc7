// "Why is this alive": the chain of references from a root to the object (Timeline.whyAlive).
// Its lines wrap rather than being cut: the answer is the point of the panel.
import React from 'react';
import { Text } from 'ink';
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
        : lines.map((l, k) => <Text key={k} wrap="wrap">{l}</Text>)}
    </Panel>
  );
}
