// `refscope serve [--host H] [--port P] [--dir RECORDINGS] [--token T] [--max-live N] [--max-steps N]`: the WebSocket server
// (docs/protocol.md). Prints `listening on ws://HOST:PORT` once bound, then serves until killed.
import { RefscopeServer } from '@refscope/server';
import { out, flushAll } from '../output.js';
import { UserError } from '../program.js';

export interface ServeCommandOptions {
  host?: string;
  port?: string;
  dir?: string;
  token?: string;
  /** Unfinished live sessions at once (a `run` beyond it is refused with `busy`). */
  maxLive?: number;
  /** The step budget of each live program. */
  maxSteps?: number;
}

export async function serveCommand(opts: ServeCommandOptions): Promise<number> {
  const port = opts.port === undefined ? undefined : Number(opts.port);
  if (port !== undefined && (!/^\d+$/.test(opts.port!) || port > 65535)) {
    throw new UserError(`refscope: --port ${opts.port} is not a port number (0 picks a free one)`, 2);
  }
  let server: RefscopeServer;
  try {
    server = await RefscopeServer.start({
      host: opts.host,
      port,
      dir: opts.dir,
      token: opts.token,
      ...(opts.maxLive !== undefined ? { maxLive: opts.maxLive } : {}),
      ...(opts.maxSteps !== undefined ? { maxSteps: opts.maxSteps } : {}),
    });
  } catch (err) {
    throw new UserError(`refscope: cannot serve: ${(err as Error).message}`, 2);
  }
  out.write(`listening on ${server.url}\n`);
  flushAll();
  await new Promise<void>((resolve) => {
    const stop = () => void server.close().then(resolve);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}
