// `refscope serve`: the WebSocket server. Binds to loopback unless given a token.
import { createServer, type Server as HttpServer } from 'node:http';
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { Connection } from './connection.js';
import { Hub, type HubOptions } from './hub.js';

export interface ServeOptions extends Partial<HubOptions> {
  host?: string;
  /** 0 picks a free port (see RefscopeServer.port). */
  port?: number;
  token?: string;
}

export const DEFAULTS: HubOptions & { host: string; port: number } = {
  host: '127.0.0.1',
  port: 7531,
  dir: null,
  slice: 50_000,
  maxSteps: 2e9,
  maxMessage: 1 << 20,
  maxLive: 8,
  stateSlice: 1 << 17,
  frameEvents: 4096,
  highWater: 1 << 20,
  stallMs: 30_000,
};

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

export function isLoopback(host: string): boolean {
  return LOOPBACK.has(host) || /^127\.\d+\.\d+\.\d+$/.test(host);
}

export class RefscopeServer {
  private constructor(
    private readonly http: HttpServer,
    private readonly wss: WebSocketServer,
    readonly hub: Hub,
    readonly host: string,
    readonly port: number,
  ) {}

  get url(): string {
    return `ws://${this.host.includes(':') ? `[${this.host}]` : this.host}:${this.port}`;
  }

  /** Starts listening; resolves once the port is bound. */
  static async start(opts: ServeOptions = {}): Promise<RefscopeServer> {
    const o = { ...DEFAULTS, ...definedOnly(opts) };
    const token = opts.token ?? null;
    if (!isLoopback(o.host) && token === null) {
      throw new Error(`binding ${o.host} (not loopback) requires a token (--token)`);
    }
    if (o.dir) mkdirSync(o.dir, { recursive: true });
    const hub = new Hub(o, token);
    const http = createServer((_req, res) => {
      res.writeHead(426, { 'content-type': 'text/plain' }).end('refscope: connect with a WebSocket client\n');
    });
    // Frames up to maxMessage get a too_large error and the connection stays; ws closes the
    // connection (1009) on frames beyond twice that, so no frame makes the server buffer more.
    const wss = new WebSocketServer({ server: http, maxPayload: o.maxMessage * 2 });
    wss.on('connection', (ws, req) => {
      const token = new URL(req.url ?? '/', 'ws://x').searchParams.get('token');
      new Connection(ws, hub, token);
    });
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(o.port, o.host, () => resolve());
    });
    const port = (http.address() as AddressInfo).port;
    return new RefscopeServer(http, wss, hub, o.host, port);
  }

  /** Stops live runs, closes every connection and the port. */
  async close(): Promise<void> {
    this.hub.close();
    for (const c of this.wss.clients) c.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
