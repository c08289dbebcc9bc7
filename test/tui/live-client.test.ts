// The live client against a real server: events turned back into an EventLog equal to the
// engine's own run, tokens, unreachable servers, unknown sessions, a dropped connection resumed
// without a gap or a duplicate, and live control through the LiveSource.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine, EventLog, Timeline, eventFromJSON, eventToJSON, firstDivergence, summary, type EventJSON } from '@refscope/engine';
import { RefscopeServer } from '@refscope/server';
import { LiveClient, ServerError } from '../../packages/client/src/tui/live/client.js';
import { LiveSource } from '../../packages/client/src/tui/live/source.js';
import { liveKey } from '../../packages/client/src/tui/live/keys.js';
import { Relay } from './live-relay.js';
import { initialState } from '../../packages/client/src/tui/model.js';

/** Exercises every event kind: cycles the collector frees, a finalizer, a weakref callback, output, a traceback. */
const PROGRAM = `import gc, weakref
class Node:
    def __del__(self):
        print("del", self.name)
def pair(k):
    a = Node(); b = Node()
    a.name = "a%d" % k; b.name = "b%d" % k
    a.other = b; b.other = a
class T: pass
t = T()
r = weakref.ref(t, lambda ref: print("callback"))
del t
for k in range(3):
    pair(k)
big = [list(range(20)) for _ in range(200)]
d = {str(i): i for i in range(100)}
gc.collect()
print(len(big), len(d))
def boom():
    raise ValueError("boom")
try:
    boom()
except ValueError as e:
    print("caught", e)
raise KeyError("end")
`;

const LOOP = 'total = 0\nfor i in range(200):\n    x = [i]\n    total += i\nprint(total)\n';

function reference(source: string, name = 'x.py'): EventLog {
  const e = new Engine(source, { filename: name });
  e.run();
  return e.log;
}

function jsonOf(log: EventLog): EventJSON[] {
  return Array.from({ length: log.length }, (_, i) => eventToJSON(i, log.get(i), log.strings));
}

function decode(events: EventJSON[]): EventLog {
  const log = new EventLog();
  for (const j of events) {
    const e = eventFromJSON(j, (s) => log.str(s));
    log.push(e.kind, e.a, e.b, e.c, e.d);
  }
  return log;
}

describe('eventFromJSON', () => {
  it('is the exact inverse of eventToJSON over a real run', () => {
    const log = reference(PROGRAM);
    const json = jsonOf(log);
    const kinds = new Set(json.map((j) => j.kind));
    for (const k of ['alloc', 'free', 'incref', 'decref', 'gc_start', 'gc_phase', 'gc_stop', 'finalize', 'weakref_callback', 'stdout', 'stderr', 'line', 'frame_enter', 'exit', 'promote', 'track']) {
      expect(kinds, k).toContain(k);
    }
    const back = decode(json);
    expect(back.length).toBe(log.length);
    expect(firstDivergence(log, back)).toBe(-1);
    expect(jsonOf(back)).toEqual(json);
  });

  it('names the field of a malformed event', () => {
    expect(() => eventFromJSON({ i: 3, kind: 'alloc', obj: 'x' } as EventJSON, () => 0)).toThrow(/event 3 \(alloc\): "obj"/);
    expect(() => eventFromJSON({ i: 4, kind: 'nope' } as EventJSON, () => 0)).toThrow(/unknown kind "nope"/);
  });
});

let server: RefscopeServer;
let secured: RefscopeServer;
const clients: LiveClient[] = [];
async function connect(url = server.url, token?: string): Promise<LiveClient> {
  const c = await LiveClient.connect(url, { token });
  clients.push(c);
  return c;
}

beforeAll(async () => {
  server = await RefscopeServer.start({ port: 0, frameEvents: 64, slice: 500 });
  secured = await RefscopeServer.start({ port: 0, token: 'sesame' });
});
afterAll(async () => {
  for (const c of clients) c.close();
  await server.close();
  await secured.close();
});

/** Subscribes from `from` and collects until `end`, failing on a gap. */
function follow(c: LiveClient, session: string, from = 0): Promise<{ events: EventJSON[]; total: number }> {
  return new Promise((resolve, reject) => {
    const events: EventJSON[] = [];
    c.subscribe(session, from, {
      events(at, evs) {
        if (at !== from + events.length) reject(new Error(`gap: frame at ${at}, expected ${from + events.length}`));
        events.push(...evs);
      },
      end: (total) => resolve({ events, total }),
      error: reject,
    });
  });
}

describe('Timeline.grown', () => {
  it('keeps the checkpoints of the shorter log and answers as a fresh Timeline over the longer one', () => {
    const ref = reference(PROGRAM);
    // The reference log's events copied in two halves; its strings interned first, in order, so
    // string fields keep their indices.
    const log = new EventLog();
    for (const str of ref.strings) log.str(str);
    const copy = (to: number): void => {
      for (let i = log.length; i < to; i++) {
        const e = ref.get(i);
        log.push(e.kind, e.a, e.b, e.c, e.d);
      }
    };
    copy(Math.floor(ref.length / 2));
    const t = new Timeline(log, { checkpointEvery: 256 });
    t.stateAt(log.length - 1);
    const kept = t.checkpointCount;
    expect(kept).toBeGreaterThan(2);
    copy(ref.length);
    const g = t.grown();
    expect(g).not.toBe(t);
    expect(g.length).toBe(ref.length);
    expect(g.checkpointCount).toBe(kept);
    const fresh = new Timeline(ref, { checkpointEvery: 256 });
    for (const i of [0, 300, kept * 256 - 1, ref.length - 1]) {
      expect(summary(g.stateAt(i), g.length)).toEqual(summary(fresh.stateAt(i), fresh.length));
    }
    expect(g.nextLine(0)).toBe(fresh.nextLine(0));
    expect(g.prevCollection(ref.length - 1)).toBe(fresh.prevCollection(ref.length - 1));
  });
});

describe('Timeline.grown and the memory series', () => {
  it('goes on from the shorter log: the same peak and last point, every point exact, at most 2 × samples', () => {
    const ref = reference(PROGRAM);
    const fresh = new Timeline(ref);
    const log = new EventLog();
    for (const str of ref.strings) log.str(str);
    let t = new Timeline(log);
    const samples = 50;
    // Grow in 40 steps, asking for the series each time, as the live screen does.
    for (let k = 1; k <= 40; k++) {
      const to = Math.round((ref.length * k) / 40);
      for (let i = log.length; i < to; i++) {
        const e = ref.get(i);
        log.push(e.kind, e.a, e.b, e.c, e.d);
      }
      t = t.grown();
      const m = t.memory(samples);
      expect(m.index.at(-1)).toBe(log.length - 1);
      expect(m.index.length).toBeLessThanOrEqual(2 * samples);
    }
    const m = t.memory(samples);
    const whole = fresh.memory(samples);
    expect(m.peak).toEqual(whole.peak);
    for (let k = 0; k < m.index.length; k += 7) {
      const st = fresh.stateAt(m.index[k]!);
      expect([m.bytes[k], m.objects[k]]).toEqual([st.bytes, st.objects]);
    }
    for (let k = 1; k < m.index.length; k++) expect(m.index[k]!).toBeGreaterThan(m.index[k - 1]!);
  });
});

describe('LiveClient', () => {
  it('runs a program and receives exactly the events of the engine run', async () => {
    const c = await connect();
    const id = await c.run('x.py', PROGRAM);
    const { events, total } = await follow(c, id);
    const ref = reference(PROGRAM);
    expect(total).toBe(ref.length);
    expect(events.map((e) => e.i)).toEqual(Array.from({ length: total }, (_, i) => i));
    expect(firstDivergence(ref, decode(events))).toBe(-1);
    const listed = (await c.list()).find((s) => s.id === id);
    expect(listed).toMatchObject({ id, name: 'x.py', kind: 'live', events: total, done: true });
  });

  it('asks for a token the server wants, and says when it is wrong', async () => {
    await expect(LiveClient.connect(secured.url)).rejects.toMatchObject({ code: 'unauthorized', message: expect.stringMatching(/needs a token.*--token/) });
    await expect(LiveClient.connect(secured.url, { token: 'wrong' })).rejects.toMatchObject({ code: 'unauthorized', message: expect.stringMatching(/refused the token/) });
    const c = await connect(secured.url, 'sesame');
    expect(await c.list()).toEqual([]);
  });

  it('names an unreachable server', async () => {
    const closed = await new Promise<number>((resolve) => {
      const s = net.createServer();
      s.listen(0, '127.0.0.1', () => {
        const port = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(port));
      });
    });
    const err = await LiveClient.connect(`ws://127.0.0.1:${closed}`, { reconnect: false }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServerError);
    expect(err).toMatchObject({ code: 'unreachable', message: `cannot reach ws://127.0.0.1:${closed}: ECONNREFUSED` });
  });

  it('reports an unknown session to the subscription and a refused request as a ServerError', async () => {
    const c = await connect();
    const refused = await new Promise<ServerError>((resolve) => {
      c.subscribe('s999', 0, { events() {}, end() {}, error: resolve });
    });
    expect(refused).toMatchObject({ code: 'unknown_session' });
    await expect(c.pause('s999')).rejects.toMatchObject({ code: 'unknown_session' });
    expect(await c.list()).toBeInstanceOf(Array);
  });

  it('resumes after a dropped connection with no gap and no duplicate', async () => {
    const relay = await Relay.start(Number(new URL(server.url).port));
    const links: string[] = [];
    // A cut is made only on a connection that is up (frames already read may still be delivered after it).
    let up = true;
    const c = await LiveClient.connect(`ws://127.0.0.1:${relay.port}`, {
      onLink: (l) => {
        links.push(l.state);
        if (l.state === 'open') up = true;
      },
    });
    clients.push(c);
    const id = await c.run('x.py', LOOP);
    const ref = reference(LOOP);
    const events: EventJSON[] = [];
    let cuts = 0;
    const total = await new Promise<number>((resolve, reject) => {
      c.subscribe(id, 0, {
        events(at, evs) {
          if (at !== events.length) reject(new Error(`gap or duplicate: frame at ${at} after ${events.length}`));
          events.push(...evs);
          // Cut the line twice while frames are still coming.
          if (cuts < 2 && up && events.length >= (cuts + 1) * 300) {
            cuts++;
            up = false;
            relay.cut();
          }
        },
        end: resolve,
        error: reject,
      });
    });
    await relay.close();
    expect(cuts).toBe(2);
    expect(links.filter((s) => s === 'reconnecting').length).toBeGreaterThanOrEqual(2);
    expect(total).toBe(ref.length);
    expect(events.map((e) => e.i)).toEqual(Array.from({ length: total }, (_, i) => i));
    expect(firstDivergence(ref, decode(events))).toBe(-1);
  });
});

/** Waits until `cond` holds, re-checking whenever the source says something changed. */
function until(source: LiveSource, cond: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const check = (): void => {
      if (cond()) {
        off();
        resolve();
      }
    };
    const off = source.subscribe(check);
    check();
  });
}

describe('LiveSource', () => {
  it('follows a paused run driven by steps, breakpoints and the live keys, to its end', async () => {
    const c = await connect();
    const id = await c.run('x.py', LOOP, { paused: true });
    const source = new LiveSource(c, id, { title: 'x.py', source: LOOP, control: true, paused: true, throttle: 0 }).start();
    const control = source.control!;
    expect(source.live).toBe(true);
    expect(control.paused()).toBe(true);
    expect(source.timeline().length).toBe(0);

    // Step by line: the run stops at the first Line event of line 1.
    control.step('line');
    await until(source, () => source.timeline().length > 0 && source.timeline().lineAt(source.log.length - 1) === 1);
    const t1 = source.timeline();
    expect(control.paused()).toBe(true);

    // A breakpoint on line 3 through the `b` key at a cursor on line 3 needs a line 3 first: step lines.
    control.step('line');
    await until(source, () => source.timeline() !== t1 && source.timeline().lineAt(source.log.length - 1) === 2);
    control.step('line');
    await until(source, () => source.timeline().lineAt(source.log.length - 1) === 3);
    const ui = { ...initialState(source.timeline().length), follow: false };
    const after = liveKey('b', ui, source);
    expect(after?.message).toBe('breakpoint on line 3');
    await until(source, () => control.breakpoints().has(3));

    // Resume with `p`: the run stops at line 3 again, on the next iteration.
    const before = source.received;
    const resumed = liveKey('p', ui, source)!;
    expect(resumed.follow).toBe(true);
    await until(source, () => source.received > before && control.paused() && source.timeline().length === source.received);
    expect(source.timeline().lineAt(source.timeline().length - 1)).toBe(3);

    // Clear it with `b` again, then let the program run to its end.
    expect(liveKey('b', { ...ui, cursor: source.timeline().length - 1 }, source)?.message).toBe('breakpoint on line 3 cleared');
    await until(source, () => !control.breakpoints().has(3));
    control.resume();
    await source.whenDone();
    expect(source.done()).toBe(true);
    expect(firstDivergence(reference(LOOP), source.log)).toBe(-1);
    expect(liveKey('.', ui, source)?.message).toBe('the program has ended');
    expect(liveKey('x', ui, source)).toBeNull();
    source.stop();
  });

  it('gives a new Timeline only when the log grew, the same one once done', async () => {
    const c = await connect();
    const id = await c.run('x.py', PROGRAM);
    const source = new LiveSource(c, id, { title: 'x.py', control: false }).start();
    const seen: { t: ReturnType<LiveSource['timeline']>; n: number }[] = [];
    source.subscribe(() => {
      const t = source.timeline();
      if (seen.at(-1)?.t !== t) seen.push({ t, n: t.length });
    });
    await source.whenDone();
    expect(seen.length).toBeGreaterThan(0);
    for (let k = 1; k < seen.length; k++) expect(seen[k]!.n).toBeGreaterThan(seen[k - 1]!.n);
    expect(source.timeline().length).toBe(reference(PROGRAM).length);
    expect(source.timeline()).toBe(source.timeline());
    source.stop();
  });
});
