// The debugger's App over a live session of a real server (in this process), on a fake terminal:
// following the end as the run grows, live keys (step, breakpoint, pause), the header's live
// state, and the session picker.
import React from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RefscopeServer } from '@refscope/server';
import { App } from '../../packages/client/src/tui/App.js';
import { LiveClient, type SessionInfo } from '../../packages/client/src/tui/live/client.js';
import { liveKey } from '../../packages/client/src/tui/live/keys.js';
import { Picker } from '../../packages/client/src/tui/live/Picker.js';
import { LiveSource } from '../../packages/client/src/tui/live/source.js';
import { setColour } from '../../packages/client/src/tui/theme.js';
import { KEYS, mount, type Term } from './term.js';
import { Relay } from './live-relay.js';

const LOOP = 'total = 0\nfor i in range(30):\n    x = [i]\n    total += i\nprint(total)\n';

let server: RefscopeServer;
let client: LiveClient;
let term: Term | null = null;
let source: LiveSource | null = null;

beforeAll(async () => {
  setColour(false);
  server = await RefscopeServer.start({ port: 0 });
  client = await LiveClient.connect(server.url);
});

afterEach(() => {
  term?.app.unmount();
  term = null;
  source?.stop();
  source = null;
});

afterAll(async () => {
  client.close();
  await server.close();
});

/** Waits (a bounded number of 10 ms turns) until the frame shows `text`: the server runs in this process. */
async function until(t: Term, test: (frame: string) => boolean, what: string): Promise<string> {
  for (let n = 0; n < 1000; n++) {
    const f = t.frame();
    if (test(f)) return f;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`the screen never showed ${what}; it shows:\n${t.frame()}`);
}
/** Waits until the screen's log holds every event the server published for the (paused) session. */
async function settled(t: Term, id: string): Promise<void> {
  const events = (await client.list()).find((s) => s.id === id)!.events;
  await until(t, (f) => source!.timeline().length === events && f.includes(`/${events}  `), `${events} events`);
}
const shows = (t: Term, s: string | RegExp): Promise<string> =>
  until(t, (f) => (typeof s === 'string' ? f.includes(s) : s.test(f)), String(s));

describe('the App on a live session', () => {
  it('steps a paused run line by line, marks a breakpoint, stops on it, and ends', async () => {
    const id = await client.run('loop.py', LOOP, { paused: true });
    source = new LiveSource(client, id, { title: 'loop.py', source: LOOP, control: true, paused: true }).start();
    term = mount(<App source={source} follow onKey={liveKey} />, 80, 24);
    await shows(term, '[paused]');
    await term.press('>');
    await shows(term, /line 1 +\[paused\]/);
    await term.press('>', '>');
    await shows(term, /line 3 +\[paused\]/);
    await term.press('b');
    await shows(term, 'breakpoint on line 3');
    await term.press('>');
    let f = await shows(term, /line 4 +\[paused\]/);
    expect(f).toMatch(/^●3 +x = \[i\]/m);
    // Resume: the run stops on line 3 again, the next time round the loop.
    const before = source.timeline().length;
    await term.press('p');
    f = await until(term, (x) => /line 3 +\[paused\]/.test(x) && source!.timeline().length > before, 'a stop on line 3');
    expect(f).toMatch(/^>3 +x = \[i\]/m);
    // Clear every breakpoint and let it run out.
    await term.press('B');
    await until(term, () => source!.control!.breakpoints().size === 0, 'no breakpoints');
    await term.press('p');
    f = await shows(term, '[ended]');
    expect(f).toContain(`event ${source.timeline().length - 1}/${source.timeline().length}`);
    expect(source.timeline().length).toBe((await client.list()).find((s) => s.id === id)!.events);
  });

  it('follows the end while the run grows, and stays where the user moved', async () => {
    const id = await client.run('loop.py', LOOP, { paused: true });
    source = new LiveSource(client, id, { title: 'loop.py', source: LOOP, control: true, paused: true }).start();
    term = mount(<App source={source} follow onKey={liveKey} />, 80, 24);
    await term.press('>', '>', '>');
    await shows(term, /line 3 +\[paused\]/);
    await settled(term, id);
    await term.press(KEYS.left);
    const n = source.timeline().length;
    await shows(term, `event ${n - 2}/${n}  `);
    // Moved by the user: no longer following; more events (a step asked by someone else) do not
    // move the cursor. A step key would follow again: it shows where the program stopped.
    source.control!.step('line');
    await until(term, () => source!.timeline().length > n, 'more events');
    await settled(term, id);
    const m = source.timeline().length;
    await shows(term, `event ${n - 2}/${m}  `);
    // G follows again.
    await term.press('G');
    await shows(term, `event ${m - 1}/${m}  `);
    await term.press('>');
    await until(term, (f) => source!.timeline().length > m && f.includes(`event ${source!.timeline().length - 1}/${source!.timeline().length}  `), 'the new end');
  });
});

describe('the App when the connection drops', () => {
  it('says it is reconnecting, then goes on from the last event it held', async () => {
    const relay = await Relay.start(Number(new URL(server.url).port));
    let src: LiveSource | null = null;
    const c = await LiveClient.connect(`ws://127.0.0.1:${relay.port}`, { onLink: (l) => src?.setLink(l) });
    try {
      const id = await c.run('loop.py', LOOP, { paused: true });
      source = src = new LiveSource(c, id, { title: 'loop.py', source: LOOP, control: true, paused: true }).start();
      term = mount(<App source={source} follow onKey={liveKey} />, 80, 24);
      await term.press('>');
      await shows(term, /line 1 +\[paused\]/);
      await relay.down();
      await shows(term, /connection lost .*reconnecting, attempt \d/);
      // Steps fail while the line is down, and say why.
      await term.press('>');
      await shows(term, /refused: not connected to ws:|connection lost/);
      await relay.up();
      await until(term, (f) => !/reconnecting/.test(f), 'the reconnecting notice gone');
      await term.press('>');
      await shows(term, /line 2 +\[paused\]/);
      await term.press('B', 'p');
      await shows(term, '[ended]');
      const events = (await c.list()).find((x) => x.id === id)!.events;
      expect(source.timeline().length).toBe(events);
      expect(source.log.length).toBe(events);
    } finally {
      c.close();
      await relay.close();
    }
  });
});

describe('the session picker', () => {
  const sessions: SessionInfo[] = [
    { id: 's1', name: 'prog.rsrec', kind: 'recorded', events: 1054, done: true, paused: false },
    { id: 's2', name: 'loop.py', kind: 'live', events: 12, done: false, paused: true },
  ];

  it('lists the sessions and attaches to the chosen one with ↓ ⏎', async () => {
    let chosen: SessionInfo | null | undefined;
    term = mount(<Picker url="ws://127.0.0.1:1" sessions={sessions} onPick={(s) => (chosen = s)} />, 80, 24);
    const f = await shows(term, 'loop.py');
    expect(f).toMatch(/▶ s1 +recorded done +1054 events  prog\.rsrec/);
    expect(f).toMatch(/ {2}s2 +live +paused +12 events  loop\.py/);
    await term.press(KEYS.down);
    await shows(term, '▶ s2');
    await term.press(KEYS.enter);
    expect(chosen).toEqual(sessions[1]);
  });

  it('q leaves without choosing', async () => {
    let chosen: SessionInfo | null | undefined;
    term = mount(<Picker url="ws://127.0.0.1:1" sessions={sessions} onPick={(s) => (chosen = s)} />, 80, 24);
    await shows(term, 'prog.rsrec');
    await term.press('q');
    expect(chosen).toBeNull();
  });
});
