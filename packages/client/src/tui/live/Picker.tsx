// Choosing one of a server's sessions: a list, ↑/↓ to move, Enter to attach, q or Esc to leave.
import React, { useState } from 'react';
import { Box, Text, render, useApp, useInput } from 'ink';
import { paint } from '../theme.js';
import type { SessionInfo } from './client.js';
import { sessionRow } from './rows.js';

export interface PickerProps {
  url: string;
  sessions: readonly SessionInfo[];
  onPick(session: SessionInfo | null): void;
}

export function Picker({ url, sessions, onPick }: PickerProps): React.JSX.Element {
  const { exit } = useApp();
  const [at, setAt] = useState(0);
  useInput((input, key) => {
    if (key.upArrow) setAt((k) => Math.max(0, k - 1));
    else if (key.downArrow) setAt((k) => Math.min(sessions.length - 1, k + 1));
    else if (key.return) {
      onPick(sessions[at] ?? null);
      exit();
    } else if (key.escape || input === 'q' || (key.ctrl && input === 'c')) {
      onPick(null);
      exit();
    }
  });
  return (
    <Box flexDirection="column">
      <Text><Text {...paint('title')}>refscope</Text>{`  sessions at ${url}`}</Text>
      <Text {...paint('dim')}>{`  ${'id'.padEnd(5)} ${'kind'.padEnd(8)} ${'state'.padEnd(7)} ${'events'.padStart(10)}         name`}</Text>
      {sessions.map((s, k) => (
        <Text key={s.id} wrap="truncate" {...(k === at ? paint('accent') : {})}>{`${k === at ? '▶' : ' '} ${sessionRow(s)}`}</Text>
      ))}
      <Text {...paint('dim')}>↑↓ choose  ⏎ attach  q quit</Text>
    </Box>
  );
}

/** Shows the picker until the user chooses (the session) or leaves (null). */
export async function pickSession(url: string, sessions: readonly SessionInfo[]): Promise<SessionInfo | null> {
  let chosen: SessionInfo | null = null;
  const app = render(<Picker url={url} sessions={sessions} onPick={(s) => (chosen = s)} />, { patchConsole: false, exitOnCtrlC: false });
  await app.waitUntilExit();
  app.cleanup();
  return chosen;
}
