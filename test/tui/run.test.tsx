// runTui gives the terminal back however the screen ends: q, or a component that throws.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import React from 'react';
import { EventLog, Timeline } from '@refscope/engine';
import { App } from '../../packages/client/src/tui/App.js';
import type { Opened } from '../../packages/client/src/open.js';
import { plainText, runTui } from '../../packages/client/src/tui/index.js';
import { recordingSource, type DebugSource } from '../../packages/client/src/tui/source.js';
import { noColor, paint, setColour } from '../../packages/client/src/tui/theme.js';
import { twoNode } from './fixture.js';
import { FakeStdin, FakeStdout, mount } from './term.js';

const LEAVE = '\x1b[?1049l';
const SHOW_CURSOR = '\x1b[?25h';

let run: Opened;
beforeAll(async () => {
  run = await twoNode();
});
afterEach(() => setColour(false));

const turn = (): Promise<void> => new Promise((r) => setImmediate(r));

function terminal(): { stdout: FakeStdout; stdin: FakeStdin; all: () => string } {
  const stdout = new FakeStdout(80, 24);
  return { stdout, stdin: new FakeStdin(), all: () => stdout.frames.join('') };
}

describe('runTui', () => {
  it('enters the alternate screen, and on q leaves it and shows the cursor', async () => {
    const t = terminal();
    const done = runTui(recordingSource(run), {
      stdout: t.stdout as unknown as NodeJS.WriteStream, stdin: t.stdin as unknown as NodeJS.ReadStream,
    });
    for (let n = 0; n < 200 && !t.all().includes('heap ·'); n++) await turn();
    expect(t.all().startsWith('\x1b[?1049h')).toBe(true);
    expect(t.all()).not.toContain(LEAVE);
    t.stdin.write('q');
    await done;
    expect(t.all().endsWith(LEAVE + SHOW_CURSOR)).toBe(true);
  });

  it('gives the terminal back before the error surfaces when the screen throws', async () => {
    const t = terminal();
    const broken: DebugSource = {
      ...recordingSource(run),
      timeline: (): Timeline => {
        throw new Error('the log went away');
      },
    };
    await expect(runTui(broken, {
      stdout: t.stdout as unknown as NodeJS.WriteStream, stdin: t.stdin as unknown as NodeJS.ReadStream,
    })).rejects.toThrow('the log went away');
    expect(t.all()).toContain(LEAVE + SHOW_CURSOR);
  });
});

describe('an empty log', () => {
  it('prints every panel with nothing in it', () => {
    const t = new Timeline(new EventLog());
    const text = plainText({ title: 'x.py', source: 'a = 1\n', live: false, timeline: () => t, done: () => true, subscribe: () => () => {} });
    expect(text).toContain('refscope  x.py  no events  line 0');
    expect(text).toContain('no live objects');
    expect(text).toContain('no collection yet');
    expect(text).toContain('memory · no events');
  });

  it('opens on screen, and keys say there is nothing to move to', async () => {
    const t = new Timeline(new EventLog());
    const term = mount(<App source={{ title: 'x.py', source: 'a = 1\n', live: false, timeline: () => t, done: () => true, subscribe: () => () => {} }} />, 80, 24);
    await term.until('no events');
    await term.press('n');
    await term.until('the log holds no events');
    term.app.unmount();
  });
});

describe('colour', () => {
  it('NO_COLOR (non-empty) turns every role plain', () => {
    expect(noColor({ NO_COLOR: '1' })).toBe(true);
    expect(noColor({ NO_COLOR: '' })).toBe(false);
    expect(noColor({})).toBe(false);
    setColour(false);
    for (const role of ['title', 'current', 'selected', 'dim', 'warn', 'good', 'accent'] as const) expect(paint(role)).toEqual({});
    setColour(true);
    expect(paint('title')).not.toEqual({});
  });
});
