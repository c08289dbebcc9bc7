// A TCP relay in front of a server whose connections a test can cut, and whose port it can close
// and open again, as a network would.
import net from 'node:net';

export class Relay {
  private readonly sockets = new Set<net.Socket>();
  private server: net.Server;
  port = 0;

  private constructor(private readonly target: number) {
    this.server = this.make();
  }

  static async start(target: number): Promise<Relay> {
    const r = new Relay(target);
    await r.listen(0);
    return r;
  }

  private make(): net.Server {
    return net.createServer((down) => {
      const up = net.connect(this.target, '127.0.0.1');
      for (const x of [down, up]) {
        this.sockets.add(x);
        x.on('error', () => {});
        x.on('close', () => this.sockets.delete(x));
      }
      down.pipe(up).pipe(down);
    });
  }

  private listen(port: number): Promise<void> {
    return new Promise((resolve) => {
      this.server.listen(port, '127.0.0.1', () => {
        this.port = (this.server.address() as net.AddressInfo).port;
        resolve();
      });
    });
  }

  /** Drops every connection (the relay still accepts new ones). */
  cut(): void {
    for (const s of this.sockets) s.destroy();
  }

  /** Drops every connection and refuses new ones until `up`. */
  down(): Promise<void> {
    this.cut();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** Accepts connections again, on the same port. */
  up(): Promise<void> {
    this.server = this.make();
    return this.listen(this.port);
  }

  close(): Promise<void> {
    this.cut();
    return new Promise((resolve) => (this.server.listening ? this.server.close(() => resolve()) : resolve()));
  }
}
