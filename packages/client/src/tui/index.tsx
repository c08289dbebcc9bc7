// The terminal debugger's entry point, bundled separately (dist/tui.js) so that commands which
// never draw a screen do not pay for loading React and Ink at start-up.
import React from 'react';
import { render, Text } from 'ink';

export async function smoke(): Promise<void> {
  const app = render(<Text>refscope tui</Text>);
  app.unmount();
  await app.waitUntilExit();
}
