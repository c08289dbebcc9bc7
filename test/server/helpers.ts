// A small promise-based ws client for the server tests: every frame is queued, and next()
// resolves with the next one, so tests read replies in order without timers.
import WebSocket from 'ws';

export interface Frame {
  type: string;
  [k: string]: unknown;
}

export class Client {
  readonly ws: WebSocket;
  private readonly queue: Frame[] = [];
  private readonly waiters: ((f: Frame) => void)[] = [];
  closed: Promise<{ code: number; reason: string }>;

  private constructor(ws: WebSocket) {
    this.ws = ws;
    ws.on('message', (data) => {
      const f = JSON.parse(String(data)) as Frame;
      const w = this.waiters.shift();
      if (w) w(f);
      else this.queue.push(f);
    });
    this.closed = new Promise((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: String(reason) })));
  }

  static async connect(url: string): Promise<Client> {
    const ws = new WebSocket(url);
    const c = new Client(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return c;
  }

  send(msg: unknown): void {
    this.ws.send(typeof msg === 'string' ? msg : JSON.stringify(msg));
  }

  next(): Promise<Frame> {
    const f = this.queue.shift();
    if (f) return Promise.resolve(f);
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  async request(msg: Record<string, unknown>): Promise<Frame> {
    this.send(msg);
    return this.next();
  }

  /** Reads events frames until `end`, checking each frame starts where the previous one stopped. */
  async drain(session: string, from: number): Promise<{ events: { i: number }[]; total: number }> {
    const events: { i: number }[] = [];
    let at = from;
    for (;;) {
      const f = await this.next();
      if (f.type === 'end') {
        if (f.session !== session) throw new Error('end of another session');
        return { events, total: f.total as number };
      }
      if (f.type !== 'events') throw new Error(`unexpected frame ${JSON.stringify(f)}`);
      if (f.from !== at) throw new Error(`frame from ${String(f.from)}, expected ${at}`);
      const evs = f.events as { i: number }[];
      events.push(...evs);
      at += evs.length;
    }
  }

  close(): void {
    this.ws.close();
  }
}

/** Follows a subscription: collects events in order (failing on a gap or duplicate), and other frames. */
export class Follower {
  events: { i: number; kind: string; line?: number }[] = [];
  others: Frame[] = [];
  constructor(readonly c: Client, readonly from = 0) {}

  /** Reads frames until `until` holds. */
  async readUntil(until: () => boolean): Promise<void> {
    while (!until()) {
      const f = await this.c.next();
      if (f.type === 'events') {
        if (f.from !== this.from + this.events.length) {
          throw new Error(`frame from ${String(f.from)}, expected ${this.from + this.events.length}`);
        }
        this.events.push(...(f.events as { i: number; kind: string }[]));
      } else {
        this.others.push(f);
      }
    }
  }

  /** The next frame other than events of type `type` (and, if given, matching `where`), in order. */
  async take(type: string, where: (f: Frame) => boolean = () => true): Promise<Frame> {
    let f: Frame | undefined;
    await this.readUntil(() => (f = this.others.find((o) => o.type === type && where(o))) !== undefined);
    this.others.splice(this.others.indexOf(f!), 1);
    return f!;
  }
}
