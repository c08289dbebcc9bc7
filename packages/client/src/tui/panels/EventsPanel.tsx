// The events around the cursor, as `refscope events` prints them; the cursor's event is marked.
import React from 'react';
import { Panel, Line } from './Panel.js';
import { paint } from '../theme.js';

export interface EventsProps {
  events: readonly { i: number; text: string }[];
  cursor: number;
  width: number;
  height: number;
  focused?: boolean;
}

export function EventsPanel({ events, cursor, width, height, focused }: EventsProps): React.JSX.Element {
  return (
    <Panel title="events" width={width} height={height} focused={focused}>
      {events.map((e) => (
        <Line key={e.i} {...(e.i === cursor ? paint('current') : {})}>{(e.i === cursor ? '> ' : '  ') + e.text}</Line>
      ))}
    </Panel>
  );
}
