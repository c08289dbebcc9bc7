// Live sessions driven by a debugger (issue 4): breakpoints hit every time a line is reached, steps
// that stop on exactly the event they name (checked against the engine's Timeline on the whole
// run), busy refusals, 100 subscribers of one live session, and resuming a subscription with
// `from` while the session is live and after it is done.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine, EventKind, Timeline, eventToJSON, reduceLog, summary } from '@refscope/engine';
import { LiveSession, RefscopeServer } from '@refscope/server';
import { Client, Follower } from './helpers.js';

/** The whole uninterrupted run: its events as `refscope events --json` prints them, and a Timeline. */
function reference(source: string, name = 'x.py') {
  const e = new Engine(source, { filename: name });
  e.run();
  const log = e.log;
  return { json: Array.from({ length: log.length }, (_, i) => eventToJSON(i, log.get(i), log.strings)), tl: new Timeline(log), log };
}

const LOOP5 = 'total = 0\nfor i in range(5):\n    x = [i]\n    total += i\nprint(total)\n';

const CALLS = `def f(n):
    y = [n]
    return len(y)
a = f(1)
b = f(2)
import gc
gc.collect()
c = [a, b]
gc.collect()
print(a + b)
`;

let server: RefscopeServer;
const clients: Client[] = [];
async function connect(): Promise<Client> {
  const c = await Client.connect(server.url);
  clients.push(c);
  return c;
}

beforeAll(async () => {
  server = await RefscopeServer.start({ port: 0, slice: 500, frameEvents: 64 });
});
afterAll(async () => {
  for (const c of clients) c.ws.terminate();
  await server.close();
});

/** Starts `source` paused and subscribes to it from 0. */
async function startPaused(c: Client, source: string, extra: Record<string, unknown> = {}): Promise<{ id: string; f: Follower }> {
  const f = new Follower(c);
  c.send({ type: 'run', name: 'x.py', source, paused: true, ...extra });
  const id = (await f.take('started')).session as string;
  c.send({ type: 'subscribe', session: id, from: 0 });
  // Joining a paused session, the subscriber is told it is paused.
  expect(await f.take('paused')).toMatchObject({ session: id, events: 0, reason: 'pause' });
  return { id, f };
}

describe('breakpoints', () => {
  it('stop a live run every time the line is reached; resume goes on to the next hit; clear removes it', async () => {
    const ref = reference(LOOP5);
    const c = await connect();
    const { id, f } = await startPaused(c, LOOP5, { breakpoints: [3] });
    const hits: number[] = [];
    for (let k = 0; k < 3; k++) {
      c.send({ type: 'resume', session: id, id: `r${k}` });
      expect(await f.take('resumed', (r) => r.id === `r${k}`)).toMatchObject({ session: id, done: false });
      const p = await f.take('paused');
      expect(p).toMatchObject({ type: 'paused', session: id, reason: 'breakpoint', line: 3 });
      const n = p.events as number;
      // The notice comes after exactly the events before the pause: the last is the Line event.
      expect(f.events.length).toBe(n);
      expect(f.events).toEqual(ref.json.slice(0, n));
      expect(f.events[n - 1]).toMatchObject({ kind: 'line', line: 3 });
      hits.push(n - 1);
      // State queries address the published events: the last one and earlier ones, not beyond.
      for (const at of [n - 1, Math.floor(n / 3), 0]) {
        c.send({ type: 'state', session: id, at, id: `s${at}` });
        expect((await f.take('state')).summary).toEqual(summary(reduceLog(ref.log, at), n));
      }
      c.send({ type: 'state', session: id, at: n, id: 'past' });
      expect(await f.take('error')).toMatchObject({ code: 'bad_message', id: 'past' });
    }
    // The hits are the first three Line events of line 3 in the whole run.
    const line3: number[] = [];
    for (let i = 0; i < ref.log.length; i++) if (ref.log.kind(i) === EventKind.Line && ref.log.get(i).a === 3) line3.push(i);
    expect(line3).toHaveLength(5);
    expect(hits).toEqual(line3.slice(0, 3));
    c.send({ type: 'list' });
    expect(((await f.take('sessions')).sessions as { id: string }[]).find((s) => s.id === id)).toMatchObject({ paused: true, done: false });

    c.send({ type: 'clear', session: id, line: 3, id: 'c' });
    expect(await f.take('breakpoints')).toMatchObject({ lines: [], id: 'c' });
    c.send({ type: 'resume', session: id });
    const end = await f.take('end');
    expect(end.total).toBe(ref.json.length);
    expect(f.events).toEqual(ref.json);
    expect(f.others.filter((o) => o.type === 'paused')).toEqual([]);
  });

  it('are told to every subscriber, at the same place in the stream', async () => {
    const ref = reference(LOOP5);
    const c = await connect();
    const { id, f } = await startPaused(c, LOOP5, { breakpoints: [4] });
    const others = await Promise.all([connect(), connect()]);
    const fs = others.map((o) => new Follower(o));
    for (const o of others) o.send({ type: 'subscribe', session: id, from: 0 });
    for (const g of fs) await g.take('paused');
    c.send({ type: 'resume', session: id });
    const p = await f.take('paused');
    for (const g of fs) {
      expect(await g.take('resumed')).toMatchObject({ session: id, events: 0 });
      const q = await g.take('paused');
      expect(q).toEqual(p);
      expect(g.events).toEqual(ref.json.slice(0, p.events as number));
    }
    c.send({ type: 'clear', session: id });
    c.send({ type: 'resume', session: id });
    for (const g of [f, ...fs]) {
      await g.take('end');
      expect(g.events).toEqual(ref.json);
    }
  });
});

describe('steps', () => {
  it('by event publish exactly one event each', async () => {
    const ref = reference(CALLS);
    const c = await connect();
    const { id, f } = await startPaused(c, CALLS);
    for (let k = 1; k <= 40; k++) {
      c.send({ type: 'step', session: id, by: 'event', id: k });
      expect(await f.take('stepped')).toMatchObject({ id: k, events: k, done: false, paused: true });
      expect(await f.take('paused')).toMatchObject({ events: k, reason: 'step' });
      expect(f.events).toEqual(ref.json.slice(0, k));
    }
    c.send({ type: 'resume', session: id });
    await f.take('end');
    expect(f.events).toEqual(ref.json);
  });

  it('by line step over calls: the next line in the same frame or a caller', async () => {
    const ref = reference(CALLS);
    const c = await connect();
    const { id, f } = await startPaused(c, CALLS);
    // From the start, the first line of the program.
    c.send({ type: 'step', session: id, by: 'line' });
    let at = ((await f.take('stepped')).events as number) - 1;
    expect(at).toBe(ref.tl.stepInto(-1));
    const lines: number[] = [];
    for (;;) {
      c.send({ type: 'step', session: id, by: 'line' });
      const s = await f.take('stepped');
      if (s.done) break;
      const n = s.events as number;
      expect(n - 1).toBe(ref.tl.nextLine(at));
      expect(await f.take('paused', (p) => p.events === n)).toMatchObject({ reason: 'step', line: ref.log.get(n - 1).a });
      at = n - 1;
      lines.push(ref.log.get(at).a);
    }
    // Module level only: f's body (lines 2-3) is stepped over.
    expect(lines).toEqual([4, 5, 6, 7, 8, 9, 10]);
    await f.take('end');
    expect(f.events).toEqual(ref.json);
  });

  it('by collection stop after each collection ends, then at the end of the program', async () => {
    const ref = reference(CALLS);
    const c = await connect();
    const { id, f } = await startPaused(c, CALLS);
    const stops: number[] = [];
    for (;;) {
      c.send({ type: 'step', session: id, by: 'collection' });
      const s = await f.take('stepped');
      if (s.done) break;
      stops.push((s.events as number) - 1);
    }
    const ends = [...ref.tl.collectionEnds()];
    expect(ends.length).toBeGreaterThanOrEqual(2);
    expect(stops).toEqual(ends);
    await f.take('end');
    expect(f.events).toEqual(ref.json);
  });

  it('by collection in a program that never collects ends with the program, under its step budget', async () => {
    const s2 = await RefscopeServer.start({ port: 0, slice: 1000, maxSteps: 20_000 });
    try {
      const c = await Client.connect(s2.url);
      const f = new Follower(c);
      c.send({ type: 'run', name: 'loop.py', source: 'i = 0\nwhile True:\n    i += 1\n', paused: true });
      const id = (await f.take('started')).session as string;
      c.send({ type: 'subscribe', session: id, from: 0 });
      c.send({ type: 'step', session: id, by: 'collection' });
      expect(await f.take('stepped')).toMatchObject({ done: true });
      const end = await f.take('end');
      expect(end.total).toBe(f.events.length);
      expect(f.events.at(-1)).toMatchObject({ kind: 'exit', status: 1 });
      c.ws.terminate();
    } finally {
      await s2.close();
    }
  });
});

describe('a failure of the engine itself', () => {
  it('ends the session with the events so far, and end says why', async () => {
    const c = await connect();
    const { id, f } = await startPaused(c, LOOP5);
    c.send({ type: 'step', session: id, by: 'event' });
    await f.take('stepped');
    const live = server.hub.session(id) as LiveSession;
    live.engine.run = () => {
      throw new Error('boom');
    };
    c.send({ type: 'resume', session: id });
    const end = await f.take('end');
    expect(end).toMatchObject({ session: id, error: 'the engine failed: boom' });
    expect(end.total).toBe(f.events.length);
    expect(end.total).toBeGreaterThanOrEqual(1);
    // The server goes on.
    c.send({ type: 'list', id: 'l' });
    expect((await f.take('sessions')).sessions).toContainEqual(expect.objectContaining({ id, done: true }));
  });
});

describe('busy', () => {
  it('refuses a second step or a resume while a step runs; a pause ends the step', async () => {
    const s2 = await RefscopeServer.start({ port: 0, slice: 1000, maxSteps: 2e9 });
    try {
      const c = await Client.connect(s2.url);
      const f = new Follower(c);
      // No collection ever happens here, so the step by collection runs until paused.
      c.send({ type: 'run', name: 'loop.py', source: 'i = 0\nwhile True:\n    i += 1\n', paused: true });
      const id = (await f.take('started')).session as string;
      c.send({ type: 'step', session: id, by: 'collection', id: 'long' });
      c.send({ type: 'step', session: id, by: 'event', id: 'again' });
      expect(await f.take('error')).toMatchObject({ code: 'busy', id: 'again' });
      c.send({ type: 'resume', session: id, id: 'res' });
      expect(await f.take('error')).toMatchObject({ code: 'busy', id: 'res' });
      // Other requests are answered while the step runs.
      c.send({ type: 'list', id: 'l' });
      expect(await f.take('sessions')).toMatchObject({ id: 'l' });
      c.send({ type: 'pause', session: id, id: 'p' });
      const stepped = await f.take('stepped');
      const paused = await f.take('paused');
      expect(stepped).toMatchObject({ id: 'long', done: false, paused: true });
      expect(paused).toMatchObject({ id: 'p', paused: true, events: stepped.events });
      c.send({ type: 'step', session: id, by: 'event', id: 'now' });
      expect(await f.take('stepped')).toMatchObject({ id: 'now', events: (stepped.events as number) + 1 });
      c.ws.terminate();
    } finally {
      await s2.close();
    }
  });

  it('refuses a state query while the same connection has one still being computed', async () => {
    const src = 'keep = []\nfor i in range(2000):\n    keep.append([i])\n';
    const ref = reference(src);
    const s2 = await RefscopeServer.start({ port: 0, stateSlice: 50 });
    try {
      const c = await Client.connect(s2.url);
      const f = new Follower(c);
      c.send({ type: 'run', name: 'x.py', source: src });
      const id = (await f.take('started')).session as string;
      c.send({ type: 'subscribe', session: id, from: 0 });
      const total = (await f.take('end')).total as number;
      expect(total).toBeGreaterThan(200 * 50);
      // The first query reduces the whole run, 50 events per turn of the event loop.
      c.send({ type: 'state', session: id, at: total - 1, id: 'first' });
      c.send({ type: 'state', session: id, at: total - 2, id: 'second' });
      expect(await f.take('error')).toMatchObject({ code: 'busy', id: 'second' });
      // A query near states already built is answered at once, even meanwhile.
      c.send({ type: 'state', session: id, at: 5, id: 'near' });
      expect((await f.take('state')).id).toBe('near');
      const other = await Client.connect(s2.url);
      // Another connection is not held up by it.
      expect(await other.request({ type: 'state', session: id, at: 5, id: 'o' })).toMatchObject({ type: 'state', id: 'o' });
      other.ws.terminate();
      const first = await f.take('state');
      expect(first).toMatchObject({ id: 'first', at: total - 1 });
      expect(first.summary).toEqual(summary(reduceLog(ref.log, total - 1), total));
      c.send({ type: 'state', session: id, at: 5, id: 'third' });
      expect((await f.take('state')).summary).toEqual(summary(reduceLog(ref.log, 5), total));
      c.ws.terminate();
    } finally {
      await s2.close();
    }
  });

  it('keeps the states of a queried live session up with it, so queries at its tail are answered at once', async () => {
    const src = 'keep = []\nfor i in range(300):\n    keep.append([i, str(i)])\n    if i % 100 == 99:\n        x = len(keep)\n';
    const ref = reference(src);
    const s2 = await RefscopeServer.start({ port: 0, stateSlice: 50 });
    try {
      const c = await Client.connect(s2.url);
      const f = new Follower(c);
      c.send({ type: 'run', name: 'x.py', source: src, paused: true, breakpoints: [5] });
      const id = (await f.take('started')).session as string;
      c.send({ type: 'subscribe', session: id, from: 0 });
      await f.take('paused');
      c.send({ type: 'resume', session: id });
      let n = (await f.take('paused', (p) => p.reason === 'breakpoint')).events as number;
      // The first query builds the states up to it (in turns of the event loop).
      c.send({ type: 'state', session: id, at: n - 1, id: 'q0' });
      expect((await f.take('state')).summary).toEqual(summary(reduceLog(ref.log, n - 1), n));
      for (let hit = 1; hit <= 2; hit++) {
        c.send({ type: 'resume', session: id });
        const m = (await f.take('paused', (p) => p.reason === 'breakpoint' && (p.events as number) > n)).events as number;
        expect(m - n).toBeGreaterThan(20 * 50);
        n = m;
        // Far from the last query, yet neither waits: the states kept up as the run grew.
        c.send({ type: 'state', session: id, at: n - 1, id: `a${hit}` });
        c.send({ type: 'state', session: id, at: n - 2, id: `b${hit}` });
        const a = await f.take('state');
        const b = await f.take('state');
        expect([a.id, b.id]).toEqual([`a${hit}`, `b${hit}`]);
        expect(a.summary).toEqual(summary(reduceLog(ref.log, n - 1), n));
        expect(b.summary).toEqual(summary(reduceLog(ref.log, n - 2), n));
      }
      expect(f.others.filter((o) => o.type === 'error')).toEqual([]);
      c.ws.terminate();
    } finally {
      await s2.close();
    }
  });

  it('refuses a run beyond the live-session limit until one ends or is stopped', async () => {
    const s2 = await RefscopeServer.start({ port: 0, maxLive: 1 });
    try {
      const c = await Client.connect(s2.url);
      const f = new Follower(c);
      c.send({ type: 'run', name: 'a.py', source: 'x = 1\n', paused: true, id: 'a' });
      const id = (await f.take('started')).session as string;
      c.send({ type: 'run', name: 'b.py', source: 'x = 2\n', id: 'b' });
      expect(await f.take('error')).toMatchObject({ code: 'busy', id: 'b' });
      c.send({ type: 'subscribe', session: id, from: 0 });
      c.send({ type: 'resume', session: id });
      await f.take('end');
      c.send({ type: 'run', name: 'b.py', source: 'while True:\n    pass\n', id: 'b2' });
      const b = (await f.take('started', (x) => x.id === 'b2')).session as string;
      c.send({ type: 'run', name: 'c.py', source: 'x = 3\n', id: 'c' });
      expect(await f.take('error')).toMatchObject({ code: 'busy', id: 'c' });
      // Stopping a live session ends its stream where it is and frees its place.
      const d = await Client.connect(s2.url);
      const g = new Follower(d);
      d.send({ type: 'subscribe', session: b, from: 0 });
      d.send({ type: 'stop', session: b, id: 'stop' });
      const stopped = await g.take('stopped');
      expect(stopped).toMatchObject({ id: 'stop', session: b, done: true });
      expect((await g.take('end')).total).toBe(stopped.events);
      expect(g.events).toHaveLength(stopped.events as number);
      d.ws.terminate();
      c.send({ type: 'run', name: 'c.py', source: 'x = 3\n', id: 'c2' });
      expect(await f.take('started', (x) => x.id === 'c2')).toMatchObject({ id: 'c2' });
      c.ws.terminate();
    } finally {
      await s2.close();
    }
  });
});

describe('many subscribers and resumed subscriptions', () => {
  const MANY = 'keep = []\nfor i in range(150):\n    keep.append({"k": [i, str(i)]})\n    if i % 50 == 0:\n        keep = keep[-10:]\nprint(len(keep))\n';

  it('gives 100 concurrent subscribers of one live session the identical complete stream', async () => {
    const ref = reference(MANY);
    const owner = await connect();
    const f = new Follower(owner);
    owner.send({ type: 'run', name: 'x.py', source: MANY, paused: true });
    const id = (await f.take('started')).session as string;
    const subs = await Promise.all(Array.from({ length: 100 }, () => connect()));
    for (const s of subs) s.send({ type: 'subscribe', session: id, from: 0 });
    // Every subscriber is following the session before it runs a single event.
    const follow = subs.map((s) => new Follower(s));
    await Promise.all(follow.map((g) => g.take('paused')));
    owner.send({ type: 'resume', session: id });
    const ends = await Promise.all(follow.map((g) => g.take('end')));
    expect(ref.json.length).toBeGreaterThan(20 * 64); // many frames, streamed as the run grows
    const want = JSON.stringify(ref.json);
    for (let k = 0; k < follow.length; k++) {
      expect(ends[k]!.total).toBe(ref.json.length);
      expect(JSON.stringify(follow[k]!.events) === want, `subscriber ${k}`).toBe(true);
    }
    for (const s of subs) s.ws.terminate();
  });

  it('resumes with from=K while the session is live, and again after it is done', async () => {
    const ref = reference(MANY);
    const a = await connect();
    const { id, f } = await startPaused(a, MANY, { breakpoints: [5] });
    a.send({ type: 'resume', session: id });
    const p = await f.take('paused', (x) => x.reason === 'breakpoint');
    const n = p.events as number;
    expect(n).toBeGreaterThan(100);
    // A client that saw K events drops and comes back while the session is live and paused.
    const k = Math.floor(n / 2) + 3;
    const seen = f.events.slice(0, k);
    a.ws.terminate();
    const b = await connect();
    const g = new Follower(b, k);
    b.send({ type: 'subscribe', session: id, from: k });
    await g.take('paused', (x) => x.reason === 'breakpoint');
    expect([...seen, ...g.events]).toEqual(ref.json.slice(0, n));
    b.send({ type: 'clear', session: id });
    b.send({ type: 'resume', session: id });
    // It drops again mid-stream and resumes from what it holds.
    await g.readUntil(() => g.events.length > 0 && k + g.events.length > n + 50);
    const held = [...seen, ...g.events];
    b.ws.terminate();
    const c = await connect();
    const h = new Follower(c, held.length);
    c.send({ type: 'subscribe', session: id, from: held.length });
    const end = await h.take('end');
    expect(end.total).toBe(ref.json.length);
    expect([...held, ...h.events]).toEqual(ref.json);
    // After it is done: from=K gives exactly K onward.
    const d = await connect();
    const j = new Follower(d, 77);
    d.send({ type: 'subscribe', session: id, from: 77 });
    await j.take('end');
    expect(j.events).toEqual(ref.json.slice(77));
  });
});

