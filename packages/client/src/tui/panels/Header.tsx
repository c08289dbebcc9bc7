// The top two lines: the file, where the cursor is (event i/N, the line), what the event was.
import React from 'react';
import { Box, Text } from 'ink';
import { paint } from '../theme.js';

export interface HeaderProps {
  title: string;
  /** Event index at the cursor (-1: none), and the number of events. */
  cursor: number;
  total: number;
  line: number;
  /** The event at the cursor as `refscope events` prints it. */
  event: string;
  /** Play or live state: 'playing ×100', 'following', 'paused', ''. */
  status: string;
  width: number;
}

export function Header({ title, cursor, total, line, event, status, width }: HeaderProps): React.JSX.Element {
  const where = total === 0 ? 'no events' : `event ${cursor}/${total}`;
  return (
    <Box flexDirection="column" width={width} height={2}>
      <Text wrap="truncate">
        <Text {...paint('title')}>refscope</Text>
        {`  ${title}  ${where}  line ${line}`}
        {status ? <Text {...paint('accent')}>{`  [${status}]`}</Text> : null}
      </Text>
      <Text wrap="truncate" {...paint('dim')}>{event || ' '}</Text>
    </Box>
  );
}
