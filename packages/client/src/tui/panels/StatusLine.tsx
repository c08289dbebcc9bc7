// The bottom line: what is being typed (`:`, `/`, `f`), the last message, or a hint.
import React from 'react';
import { Text } from 'ink';
import { paint } from '../theme.js';

export interface StatusProps {
  mode: string;
  input: string;
  message: string;
  width: number;
}

const PROMPTS: Record<string, string> = { jump: 'jump to event: ', search: 'search: /', filter: 'type filter: ' };

export function StatusLine({ mode, input, message, width }: StatusProps): React.JSX.Element {
  const prompt = PROMPTS[mode];
  if (prompt !== undefined) return <Text wrap="truncate">{prompt + input + '█'}</Text>;
  if (message) return <Text wrap="truncate" {...paint('warn')}>{message.slice(0, width)}</Text>;
  return <Text wrap="truncate" {...paint('dim')}>←→ event  n/N line  c/C gc  : jump  / search  ↑↓ select  y why  Tab panel  ? help  q quit</Text>;
}
