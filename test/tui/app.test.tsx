// The whole debugger at 80×24 and 160×48, driven by key presses on a fake terminal over a real
// run of the two-node cycle; every expected value is read from the recording.
import React from 'react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EventKind } from '@refscope/engine';
import type { Opened } from '../../packages/client/src/open.js';
import { App } from '../../packages/client/src/tui/App.js';
import { Inspector } from '../../packages/client/src/tui/inspect.js';
import { recordingSource, type DebugSource } from '../../packages/client/src/tui/source.js';
import { setColour } from '../../packages/client/src/tui/theme.js';
import { allocsOf, twoNode } from './fixture.js';
import { KEYS, mount, type Term } from './term.js';

let run: Opened;
let source: DebugSource;
let ins: Inspector;
let term: Term | null = null;

beforeAll(async () => {
  setColour(false);
  run = await twoNode();
  source = recordingSource(run);
  ins = new Inspector(run.timeline);
});

afterEach(() => {
  term?.app.unmount();
  term = null;
});

const header = (i: number): string => `event ${i}/${run.log.length}  line ${ins.state(i).line}`;

describe('the App at 80×24', () => {
  it('fits: every line at most 80 columns, at most 23 rows, header and tabs shown', async () => {
    term = mount(<App source={source} />, 80, 24);
    const f = await term.until(header(run.log.length - 1));
    const rows = f.split('\n');
    expect(rows.length).toBeLessThanOrEqual(23);
    for (const r of rows) expect([...r].length).toBeLessThanOrEqual(80);
    expect(f).toContain('[object]');
    expect(f).toContain(`heap · ${ins.state(run.log.length - 1).objects} objects`);
  });

  it('keys move the header: g, →, n, c, :N, G, ←', async () => {
    term = mount(<App source={source} />, 80, 24);
    await term.until(header(run.log.length - 1));
    await term.press('g');
    await term.until(header(0));
    await term.press(KEYS.right, KEYS.right);
    await term.until(header(2));
    await term.press('n');
    const line = run.timeline.nextLine(2)!;
    expect(run.log.kind(line)).toBe(EventKind.Line);
    await term.until(header(line));
    await term.press('c');
    const gc = run.timeline.nextCollection(line)!;
    const f = await term.until(header(gc));
    expect(f).toContain(`#${gc} line ${ins.lineOf(gc)}  gc_stop  generation`);
    await term.press(':', '4', '2', KEYS.enter);
    await term.until(header(42));
    // Keys that arrive in one read (a paste, fast typing) are taken one by one.
    await term.press(':123' + KEYS.enter);
    await term.until(header(123));
    await term.press('G', KEYS.left);
    await term.until(header(run.log.length - 2));
  });

  it('/ search, ↑↓ select, w watch, y why, Tab panels, ? help', async () => {
    const [a] = allocsOf(run.log, 'Node');
    term = mount(<App source={source} at={0} />, 80, 24);
    await term.until(header(0));
    await term.press('/', ...`Node#${a!.id} `, KEYS.enter);
    await term.until(header(a!.at));
    // Filter to Node and select the one allocated: the object panel shows it.
    await term.press('f', ...'Node', KEYS.enter, KEYS.down);
    let f = await term.until(`object #${a!.id}`);
    expect(f).toMatch(new RegExp(`▶ #${a!.id}\\s+Node`));
    await term.press('w');
    const next = run.timeline.nextChange(a!.id, a!.at)!;
    await term.until(header(next));
    await term.press('y');
    f = await term.until('[why]');
    expect(f).toContain(`#${a!.id} is alive after event ${next}`);
    await term.press(KEYS.tab);
    await term.until('[object]');
    await term.press(KEYS.backtab);
    await term.until('[why]');
    await term.press(KEYS.tab);
    await term.until('[object]');
    await term.press('?');
    f = await term.until('keys (any key closes this)');
    expect(f).toContain('why is the selected object alive');
    await term.press('x');
    await term.until('[object]');
  });

  it('redraws on resize: 80×24 → 160×48 switches to the wide layout', async () => {
    term = mount(<App source={source} />, 80, 24);
    await term.until('[object]');
    term.stdout.resize(160, 48);
    const f = await term.until('gc · count / threshold');
    expect(f).not.toContain('(Tab)');
    expect(f).toContain('memory ·');
    expect(f).toContain('events');
    expect(f.split('\n').length).toBeLessThanOrEqual(47);
  });
});

describe('the App at 160×48', () => {
  it('shows every panel at once and keeps the header right after keys', async () => {
    const [a] = allocsOf(run.log, 'Node');
    term = mount(<App source={source} at={a!.at} />, 160, 48);
    let f = await term.until(header(a!.at));
    for (const title of ['source · line', 'heap ·', 'object', 'gc · count / threshold', 'memory ·', 'allocator ·', 'events', 'why is it alive']) {
      expect(f).toContain(title);
    }
    for (const r of f.split('\n')) expect([...r].length).toBeLessThanOrEqual(160);
    expect(f).toContain(`> #${a!.at} line `);
    await term.press('N');
    const back = run.timeline.prevLine(a!.at)!;
    f = await term.until(header(back));
    expect(f).toContain(`> #${back} line `);
    await term.press('C');
    const gc = run.timeline.prevCollection(back);
    if (gc !== null) await term.until(header(gc));
  });

  it('opens with an object selected (--object)', async () => {
    const [a] = allocsOf(run.log, 'Node');
    term = mount(<App source={source} at={a!.at} select={a!.id} />, 160, 48);
    const f = await term.until(`object #${a!.id}`);
    expect(f).toMatch(new RegExp(`Node#${a!.id} rc=1 `));
  });

  it('q leaves the app', async () => {
    term = mount(<App source={source} />, 160, 48);
    await term.until('heap ·');
    const exited = term.app.waitUntilExit();
    await term.press('q');
    await exited;
  });
});
