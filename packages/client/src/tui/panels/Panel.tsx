// The frame every panel shares: a title line, then at most `height - 1` lines cut to the width.
import React from 'react';
import { Box, Text } from 'ink';
import { paint } from '../theme.js';

export interface PanelProps {
  title: string;
  width: number;
  height: number;
  /** This panel has the keyboard's attention (Tab). */
  focused?: boolean;
  children?: React.ReactNode;
}

export function Panel({ title, width, height, focused, children }: PanelProps): React.JSX.Element {
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <Text {...paint('title')} wrap="truncate">{(focused ? '▸ ' : '') + title}</Text>
      {children}
    </Box>
  );
}

/** One line of a panel, cut at the panel's edge rather than wrapped. */
export function Line({ children, ...props }: React.ComponentProps<typeof Text>): React.JSX.Element {
  return <Text wrap="truncate" {...props}>{children}</Text>;
}
