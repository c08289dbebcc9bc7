// The server against real ws clients on loopback (issue 4): list, run, subscribe from 0 and from
// the middle, resume after a reconnect, state, every error code, the token, concurrent subscribers,
// and a slow reader that the server neither buffers for nor waits on forever.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Engine, eventToJSON, reduceLog, summary, encodeRecording } from '@refscope/engine';
import { RefscopeServer, CLOSE_TOO_SLOW, CLOSE_UNAUTHORIZED } from '@refscope/server';
import { Client } from './helpers.js';

const PROGRAM = `
class Node:
    def __init__(self):
        self.other = None
for i in range(300):
    a = Node(); b = Node()
    a.other = b; b.other = a
    del a, b
import gc
print(gc.collect())
`;

/** The events `refscope events --json` would print for PROGRAM. */
function expectedEvents(source: string, name = 'x.py') {
  const e = new Engine(source, { filename: name });
  e.run();
  const log = e.log;
  return { log, json: Array.from({ length: log.length }, (_, i) => eventToJSON(i, log.get(i), log.strings)) };
}

const expected = expectedEvents(PROGRAM);
let dir: string;
let server: RefscopeServer;
const clients: Client[] = [];

async function connect(query = ''): Promise<Client> {
  const c = await Client.connect(server.url + query);
  clients.push(c);
  return c;
}

async function runToEnd(c: Client, source = PROGRAM): Promise<string> {
  const started = await c.request({ type: 'run', name: 'x.py', source, id: 1 });
  expect(started).toMatchObject({ type: 'started', id: 1 });
  return started.session as string;
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'refscope-serve-'));
  // A recording already in the directory is a recorded session.
  const rec = expectedEvents('x = [1, 2, 3]\ndel x\n', 'small.py');
  writeFileSync(path.join(dir, 'small.rsrec'), encodeRecording(rec.log, { program: 'small.py', source: 'x = [1, 2, 3]\ndel x\n' }));
  writeFileSync(path.join(dir, 'junk.rsrec'), 'not a recording');
  server = await RefscopeServer.start({ port: 0, dir, slice: 2000, frameEvents: 500, maxMessage: 4096 });
});

afterAll(async () => {
  for (const c of clients) c.ws.terminate();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('refscope serve', () => {
  it('binds loopback on a free port', () => {
    expect(server.port).toBeGreaterThan(0);
    expect(server.url).toBe(`ws://127.0.0.1:${server.port}`);
  });

  it('lists the recordings in the directory', async () => {
    const c = await connect();
    const r = await c.request({ type: 'list', id: 'a' });
    expect(r.type).toBe('sessions');
    expect(r.id).toBe('a');
    const small = (r.sessions as { name: string }[]).find((s) => s.name === 'small.rsrec');
    expect(small).toMatchObject({ kind: 'recorded', done: true });
  });

  it('streams a recorded session and answers state on it', async () => {
    const c = await connect();
    const r = await c.request({ type: 'list' });
    const small = (r.sessions as { id: string; name: string; events: number }[]).find((s) => s.name === 'small.rsrec')!;
    const want = expectedEvents('x = [1, 2, 3]\ndel x\n', 'small.py');
    expect(small.events).toBe(want.json.length);
    c.send({ type: 'subscribe', session: small.id, from: 0 });
    expect((await c.drain(small.id, 0)).events).toEqual(want.json);
    const st = await c.request({ type: 'state', session: small.id, at: small.events - 1 });
    expect(st.summary).toEqual(summary(reduceLog(want.log), want.log.length));
    expect(await c.request({ type: 'subscribe', session: small.id, from: small.events + 1 })).toMatchObject({ code: 'bad_message' });
    expect(await c.request({ type: 'state', session: small.id, at: small.events })).toMatchObject({ code: 'bad_message' });
  });

  it('runs a program and streams exactly its events from 0, then end', async () => {
    const c = await connect();
    const id = await runToEnd(c);
    c.send({ type: 'subscribe', session: id, from: 0 });
    const { events, total } = await c.drain(id, 0);
    expect(total).toBe(expected.json.length);
    expect(events).toEqual(expected.json);
    const list = await c.request({ type: 'list' });
    expect((list.sessions as { id: string }[]).find((s) => s.id === id)).toMatchObject({ kind: 'live', done: true, events: total });
    // The live run was recorded into the directory.
    expect(readdirSync(dir).some((f) => f.startsWith(`${id}-x`) && f.endsWith('.rsrec'))).toBe(true);
  });

  it('subscribes from the middle with no gap and no duplicate', async () => {
    const c = await connect();
    const id = await runToEnd(c);
    const k = Math.floor(expected.json.length / 2) + 7;
    c.send({ type: 'subscribe', session: id, from: k });
    const { events } = await c.drain(id, k);
    expect(events).toEqual(expected.json.slice(k));
  });

  it('resumes after a disconnect from the first event not seen', async () => {
    const a = await connect();
    const id = await runToEnd(a);
    a.send({ type: 'subscribe', session: id, from: 0 });
    const first = await a.next();
    expect(first.type).toBe('events');
    const seen = (first.events as unknown[]).length;
    a.ws.terminate();
    const b = await connect();
    b.send({ type: 'subscribe', session: id, from: seen });
    const { events } = await b.drain(id, seen);
    expect([...(first.events as unknown[]), ...events]).toEqual(expected.json);
  });

  it('gives several concurrent subscribers of one live session the identical complete stream', async () => {
    const owner = await connect();
    const id = await runToEnd(owner);
    const subs = await Promise.all(Array.from({ length: 20 }, () => connect()));
    for (const s of subs) s.send({ type: 'subscribe', session: id, from: 0 });
    const got = await Promise.all(subs.map((s) => s.drain(id, 0)));
    for (const g of got) {
      expect(g.total).toBe(expected.json.length);
      expect(g.events).toEqual(expected.json);
    }
  });

  it('answers state with the replay --json summary', async () => {
    const c = await connect();
    const id = await runToEnd(c);
    const at = 123;
    const r = await c.request({ type: 'state', session: id, at, id: 9 });
    // Asked while the run may still be going, the total is what existed then; compare the rest.
    expect(r).toMatchObject({ type: 'state', session: id, at, id: 9 });
    const want = summary(reduceLog(expected.log, at), expected.log.length);
    const got = r.summary as typeof want;
    expect({ ...got, total: 0 }).toEqual({ ...want, total: 0 });
  });

  it('refuses bad messages and stays usable', async () => {
    const c = await connect();
    for (const bad of ['nope', '[1]', JSON.stringify({ type: 'fly', id: 3 }), JSON.stringify({ type: 'subscribe', session: 's1', from: -1 }),
      JSON.stringify({ type: 'state', session: 's1' }), JSON.stringify({ type: 'run', name: 'x.py' })]) {
      c.send(bad);
      const r = await c.next();
      expect(r).toMatchObject({ type: 'error', code: 'bad_message' });
    }
    expect(await c.request({ type: 'fly', id: 3 })).toMatchObject({ code: 'bad_message', id: 3 });
    expect(await c.request({ type: 'list' })).toMatchObject({ type: 'sessions' });
  });

  it('refuses unknown sessions', async () => {
    const c = await connect();
    for (const type of ['subscribe', 'unsubscribe', 'state']) {
      expect(await c.request({ type, session: 'zz', from: 0, at: 0, id: type })).toMatchObject({ type: 'error', code: 'unknown_session', id: type });
    }
  });

  it('refuses a frame over the size limit and stays usable', async () => {
    const c = await connect();
    expect(await c.request({ type: 'run', name: 'x.py', source: '#'.repeat(5000), id: 'big' })).toMatchObject({ type: 'error', code: 'too_large' });
    expect(await c.request({ type: 'list' })).toMatchObject({ type: 'sessions' });
  });

  it('closes the connection (1009) on a frame over twice the limit', async () => {
    const c = await connect();
    c.send({ type: 'run', name: 'x.py', source: '#'.repeat(9000) });
    expect((await c.closed).code).toBe(1009);
  });

  it('unsubscribe stops the stream', async () => {
    const c = await connect();
    const id = await runToEnd(c);
    c.send({ type: 'unsubscribe', session: id, id: 'u' });
    // Frames sent before the unsubscribe may arrive first; the reply comes, and no end after it.
    let f = await c.next();
    while (f.type !== 'unsubscribed') f = await c.next();
    expect(f).toMatchObject({ session: id, id: 'u' });
    expect(await c.request({ type: 'list', id: 'after' })).toMatchObject({ type: 'sessions', id: 'after' });
  });

  it('closes a reader that stops reading, without buffering the whole session', async () => {
    const big = `x = []\nfor i in range(40000):\n    x.append([i])\n`;
    const slow = await RefscopeServer.start({ port: 0, frameEvents: 1000, highWater: 64 * 1024, stallMs: 300 });
    try {
      const c = await Client.connect(slow.url);
      const id = await runToEnd(c, big);
      // Stop reading at the TCP level: the server's socket fills, then its feed must stop sending.
      (c.ws as unknown as { _socket: { pause(): void; resume(): void } })._socket.pause();
      c.send({ type: 'subscribe', session: id, from: 0 });
      const serverSide = [...(slow as unknown as { wss: { clients: Set<{ bufferedAmount: number; readyState: number }> } }).wss.clients][0]!;
      const peak = await new Promise<number>((resolve) => {
        let max = 0;
        const t = setInterval(() => {
          max = Math.max(max, serverSide.bufferedAmount);
          if (serverSide.readyState >= 2) { clearInterval(t); resolve(max); }
        }, 10);
      });
      // At most the high-water mark plus one frame was ever waiting in the server, while the
      // session itself is far bigger.
      expect(peak).toBeLessThan(64 * 1024 + 1000 * 300);
      const info = ((await slowInfo(slow, id)) as { events: number });
      expect(info.events * 60).toBeGreaterThan(2 * (64 * 1024 + 1000 * 300));
      (c.ws as unknown as { _socket: { resume(): void } })._socket.resume();
      const closed = await c.closed;
      expect(closed).toEqual({ code: CLOSE_TOO_SLOW, reason: 'client too slow: events were not read' });
      c.ws.terminate();
    } finally {
      await slow.close();
    }
  });
});

/** The `list` entry of a session, asked on a fresh connection. */
async function slowInfo(server: RefscopeServer, id: string): Promise<unknown> {
  const c = await Client.connect(server.url);
  const r = await c.request({ type: 'list' });
  c.ws.terminate();
  return (r.sessions as { id: string }[]).find((s) => s.id === id);
}

describe('refscope serve with a token', () => {
  let secured: RefscopeServer;
  beforeAll(async () => {
    secured = await RefscopeServer.start({ port: 0, token: 'sesame' });
  });
  afterAll(async () => {
    await secured.close();
  });

  it('refuses requests before hello, then closes', async () => {
    const c = await Client.connect(secured.url);
    expect(await c.request({ type: 'list', id: 1 })).toMatchObject({ type: 'error', code: 'unauthorized', id: 1 });
    expect((await c.closed).code).toBe(CLOSE_UNAUTHORIZED);
  });

  it('refuses a wrong token', async () => {
    const c = await Client.connect(secured.url);
    expect(await c.request({ type: 'hello', token: 'nope' })).toMatchObject({ code: 'unauthorized' });
    expect((await c.closed).code).toBe(CLOSE_UNAUTHORIZED);
  });

  it('accepts hello with the token, or the token in the URL', async () => {
    const a = await Client.connect(secured.url);
    expect(await a.request({ type: 'hello', token: 'sesame', id: 'h' })).toMatchObject({ type: 'welcome', id: 'h' });
    expect(await a.request({ type: 'list' })).toMatchObject({ type: 'sessions' });
    a.ws.terminate();
    const b = await Client.connect(secured.url + '/?token=sesame');
    expect(await b.request({ type: 'list' })).toMatchObject({ type: 'sessions' });
    b.ws.terminate();
  });

  it('will not bind a non-loopback address without a token', async () => {
    await expect(RefscopeServer.start({ host: '0.0.0.0', port: 0 })).rejects.toThrow(/token/);
  });
});
