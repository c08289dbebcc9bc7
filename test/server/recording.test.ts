// Live sessions are recorded into the server's directory as they run: the file can be read while
// the session is paused mid-run (it holds at least every event published), a stopped or finished
// session's recording holds all of them, and a later server serves it as a recorded session.
import { afterEach, describe, expect, it } from 'vitest';
import { closeSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Engine, encodeRecording, eventToJSON, readRecording, type EventLog } from '@refscope/engine';
import { LiveSession, RefscopeServer } from '@refscope/server';
import { Client, Follower } from './helpers.js';

const SRC = 'keep = []\nfor i in range(300):\n    keep.append([i, str(i)])\n    if i % 100 == 99:\n        del keep[:50]\nprint(len(keep))\n';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

async function serve(dir: string): Promise<RefscopeServer> {
  const s = await RefscopeServer.start({ port: 0, dir, slice: 500 });
  cleanup.push(() => s.close());
  return s;
}

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'refscope-rec-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function recordingOf(dir: string, id: string) {
  const file = readdirSync(dir).find((f) => f.startsWith(`${id}-`) && f.endsWith('.rsrec'))!;
  const rec = readRecording(readFileSync(path.join(dir, file)));
  return { file, log: rec.log };
}

const json = (log: EventLog, n = log.length) =>
  Array.from({ length: n }, (_, i) => eventToJSON(i, log.get(i), log.strings));

describe('live recordings', () => {
  it('can be read while the session is paused mid-run, and hold every event once it ends', async () => {
    const dir = tempDir();
    const server = await serve(dir);
    const c = await Client.connect(server.url);
    cleanup.push(() => c.ws.terminate());
    const f = new Follower(c);
    c.send({ type: 'run', name: 'grow.py', source: SRC, paused: true, breakpoints: [5] });
    const id = (await f.take('started')).session as string;
    c.send({ type: 'subscribe', session: id, from: 0 });
    c.send({ type: 'resume', session: id });
    for (let hit = 0; hit < 2; hit++) {
      const p = await f.take('paused', (x) => x.reason === 'breakpoint');
      const n = p.events as number;
      // The recording on disk already holds every published event (it may hold a few more).
      const { log } = recordingOf(dir, id);
      expect(log.length).toBeGreaterThanOrEqual(n);
      expect(json(log, n)).toEqual(f.events);
      c.send({ type: 'resume', session: id });
    }
    c.send({ type: 'clear', session: id });
    c.send({ type: 'resume', session: id });
    const end = await f.take('end');
    const { log } = recordingOf(dir, id);
    expect(log.length).toBe(end.total);
    expect(json(log)).toEqual(f.events);
  });

  it('that cannot be written any more end, while the run and its stream go on', async () => {
    const dir = tempDir();
    const server = await serve(dir);
    const c = await Client.connect(server.url);
    cleanup.push(() => c.ws.terminate());
    const f = new Follower(c);
    c.send({ type: 'run', name: 'grow.py', source: SRC, paused: true });
    const id = (await f.take('started')).session as string;
    const live = server.hub.session(id) as LiveSession;
    // Writes fail from now on (as on a full disk): the session's descriptor is one never open.
    const inner = live as unknown as { fd: number };
    closeSync(inner.fd);
    inner.fd = 0x7fffffff;
    c.send({ type: 'subscribe', session: id, from: 0 });
    c.send({ type: 'resume', session: id });
    const end = await f.take('end');
    expect(end.error).toBeUndefined();
    expect(f.events.at(-1)).toMatchObject({ kind: 'exit', status: 0 });
    expect(live.recordingError).toMatch(/EBADF/);
  });

  it('in the directory are listed without decoding their events, and decoded when first streamed', async () => {
    const dir = tempDir();
    const e = new Engine(SRC, { filename: 'grow.py' });
    e.run();
    const whole = encodeRecording(e.log, { program: 'grow.py', source: SRC });
    writeFileSync(path.join(dir, 'whole.rsrec'), whole);
    // A cut file (a killed run) has no index: its complete blocks are counted when listed.
    const cut = whole.subarray(0, Math.floor(whole.length * 0.6));
    writeFileSync(path.join(dir, 'cut.rsrec'), cut);
    const recovered = readRecording(cut).log.length;
    expect(recovered).toBeLessThan(e.log.length);
    const server = await serve(dir);
    const c = await Client.connect(server.url);
    cleanup.push(() => c.ws.terminate());
    const list = (await c.request({ type: 'list' })).sessions as { id: string; name: string; events: number }[];
    const w = list.find((s) => s.name === 'whole.rsrec')!;
    expect(w.events).toBe(e.log.length);
    expect(list.find((s) => s.name === 'cut.rsrec')!.events).toBe(recovered);
    const session = server.hub.session(w.id) as unknown as { decoded: unknown };
    expect(session.decoded).toBeNull();
    const f = new Follower(c);
    c.send({ type: 'subscribe', session: w.id, from: 0 });
    await f.take('end');
    expect(f.events).toEqual(json(e.log));
    expect(session.decoded).not.toBeNull();
  });

  it('of a finished and a stopped session are served by the next server as recorded sessions', async () => {
    const dir = tempDir();
    const first = await serve(dir);
    const c = await Client.connect(first.url);
    const f = new Follower(c);
    c.send({ type: 'run', name: 'done.py', source: SRC });
    const done = (await f.take('started')).session as string;
    c.send({ type: 'subscribe', session: done, from: 0 });
    const total = (await f.take('end')).total as number;
    const events = f.events;
    c.send({ type: 'run', name: 'stopped.py', source: 'while True:\n    x = [1]\n' });
    const stopped = (await f.take('started')).session as string;
    c.send({ type: 'stop', session: stopped, id: 's' });
    const stoppedAt = (await f.take('stopped')).events as number;
    c.ws.terminate();
    await first.close();

    const second = await serve(dir);
    const d = await Client.connect(second.url);
    cleanup.push(() => d.ws.terminate());
    const list = (await d.request({ type: 'list' })).sessions as { id: string; name: string; kind: string; events: number; done: boolean }[];
    const rec = list.find((s) => s.name === recordingOf(dir, done).file)!;
    expect(rec).toMatchObject({ kind: 'recorded', events: total, done: true });
    expect(list.find((s) => s.name === recordingOf(dir, stopped).file)).toMatchObject({ kind: 'recorded', events: stoppedAt, done: true });
    const g = new Follower(d);
    d.send({ type: 'subscribe', session: rec.id, from: 0 });
    await g.take('end');
    expect(g.events).toEqual(events);
  });
});
