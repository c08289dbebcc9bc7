// Live control (issue 4): pause, step by event/line, break, clear and resume a program running in
// the server; subscribers see one gapless stream throughout, and the run still ends under its budget.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RefscopeServer } from '@refscope/server';
import { Client, Follower } from './helpers.js';

// Runs until the step budget: long enough that every control request arrives while it runs.
const LOOP = 'i = 0\nwhile True:\n    i += 1\n';

let server: RefscopeServer;
beforeAll(async () => {
  server = await RefscopeServer.start({ port: 0, slice: 1000, maxSteps: 150_000, frameEvents: 200 });
});
afterAll(async () => {
  await server.close();
});

describe('live control', () => {
  it('pauses, steps, sets and clears breakpoints, and resumes a running program', async () => {
    const c = await Client.connect(server.url);
    const f = new Follower(c);
    c.send({ type: 'run', name: 'loop.py', source: LOOP });
    const id = (await f.take('started')).session as string;
    c.send({ type: 'pause', session: id, id: 'p' });
    const paused = await f.take('paused');
    expect(paused).toMatchObject({ session: id, done: false, id: 'p' });
    const n1 = paused.events as number;

    c.send({ type: 'subscribe', session: id, from: 0 });
    await f.readUntil(() => f.events.length >= n1);
    expect(f.events.length).toBe(n1);
    // Paused: nothing more comes until a step; the list says so.
    c.send({ type: 'list' });
    const list = await f.take('sessions');
    expect((list.sessions as { id: string }[]).find((s) => s.id === id)).toMatchObject({ paused: true, events: n1, done: false });

    // A step by event publishes exactly one event (the engine may have run further: one
    // instruction can emit several events; the rest wait for the next step).
    c.send({ type: 'step', session: id, by: 'event' });
    const n15 = (await f.take('stepped')).events as number;
    expect(n15).toBe(n1 + 1);
    expect(await f.take('paused', (p) => p.reason === 'step')).toMatchObject({ session: id, events: n15 });
    c.send({ type: 'step', session: id, by: 'line' });
    const n2 = (await f.take('stepped')).events as number;
    expect(n2).toBeGreaterThan(n15);
    await f.readUntil(() => f.events.length >= n2);
    expect(f.events.length).toBe(n2);
    expect(f.events[n2 - 1]!.kind).toBe('line');

    c.send({ type: 'break', session: id, line: 3 });
    expect((await f.take('breakpoints')).lines).toEqual([3]);
    c.send({ type: 'clear', session: id });
    expect((await f.take('breakpoints')).lines).toEqual([]);
    c.send({ type: 'resume', session: id });
    await f.take('resumed');
    // The budget ends the run; the stream ends with every event, in order.
    const end = await f.take('end');
    expect(end.total).toBe(f.events.length);
    expect(f.events.findIndex((e, i) => e.i !== i)).toBe(-1);
    c.ws.terminate();
  });

  it('refuses control of a session that is not running', async () => {
    const c = await Client.connect(server.url);
    const id = (await c.request({ type: 'run', name: 'x.py', source: 'x = 1\n' })).session as string;
    c.send({ type: 'subscribe', session: id, from: 0 });
    await c.drain(id, 0);
    for (const type of ['pause', 'resume', 'step', 'break', 'clear']) {
      expect(await c.request({ type, session: id, line: 1, id: type })).toMatchObject({ type: 'error', code: 'bad_message', id: type });
    }
    expect(await c.request({ type: 'step', session: id, by: 'sideways' })).toMatchObject({ code: 'bad_message' });
    c.ws.terminate();
  });
});
