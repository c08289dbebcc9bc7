// `refscope attach ws://HOST:PORT [--session ID] [--token T] [--run FILE.py]`: the terminal
// debugger on a session of `refscope serve`, following it as it grows, with live control.
//
// Without --session or --run it offers the server's sessions in a picker (when not a terminal:
// prints them and exits 0). When stdout is not a terminal it prints the plain-text view once:
// after the whole run of a program it started, or at the events a session had when listed.
// An unreachable server, a refused token or an unknown session: one line naming it, exit 1.
// A program started with --run is stopped when the user quits (the server keeps its recording).
import path from 'node:path';
import { out, flushAll } from '../output.js';
import { loadProgram, UserError } from '../program.js';
import { LiveClient, ServerError, type SessionInfo } from '../tui/live/client.js';
import { liveKey } from '../tui/live/keys.js';
import { LiveSource } from '../tui/live/source.js';
import { sessionRow } from '../tui/live/rows.js';
import { loadTui } from './tui.js';

export interface AttachOptions {
  session?: string;
  token?: string;
  run?: string;
  /** Start the program paused (with --run). */
  paused?: boolean;
  /** Force the plain-text view even on a terminal. */
  plain?: boolean;
}

export async function attachCommand(url: string, opts: AttachOptions): Promise<number> {
  if (!/^wss?:\/\/[^/\s]+/.test(url)) {
    throw new UserError(`refscope: '${url}' is not a server address (write ws://HOST:PORT, as \`refscope serve\` prints it)`, 2);
  }
  if (opts.session !== undefined && opts.run !== undefined) {
    throw new UserError('refscope: give --session or --run, not both', 2);
  }
  const program = opts.run === undefined ? null : loadProgram(opts.run);
  const interactive = !opts.plain && process.stdout.isTTY === true && process.stdin.isTTY === true;
  let source: LiveSource | null = null;
  const client = await LiveClient.connect(url, {
    token: opts.token,
    onLink: (link) => source?.setLink(link),
  }).catch((err: unknown) => {
    throw refusal(err);
  });
  try {
    let info: SessionInfo;
    if (program !== null) {
      const name = path.basename(program.filename);
      const id = await client.run(name, program.source, { paused: opts.paused ?? false }).catch((err: unknown) => {
        throw refusal(err, `the server did not start ${program.filename}`);
      });
      info = { id, name, kind: 'live', events: 0, done: false, paused: opts.paused ?? false };
    } else {
      const sessions = await client.list().catch((err: unknown) => {
        throw refusal(err);
      });
      if (opts.session !== undefined) {
        const found = sessions.find((s) => s.id === opts.session);
        if (!found) {
          const known = sessions.length === 0 ? 'it has none' : `it has ${sessions.map((s) => s.id).join(', ')}`;
          throw new UserError(`refscope: ${url} has no session '${opts.session}' (${known})`);
        }
        info = found;
      } else if (!interactive || sessions.length === 0) {
        out.write(sessions.length === 0
          ? `no sessions at ${url}; start one with --run FILE.py\n`
          : `sessions at ${url}:\n${sessions.map((s) => '  ' + sessionRow(s) + '\n').join('')}attach to one with --session ID\n`);
        flushAll();
        return 0;
      } else {
        const tui = await loadTui();
        const chosen = await tui.pickSession(url, sessions);
        if (chosen === null) return 0;
        info = chosen;
      }
    }

    source = new LiveSource(client, info.id, {
      title: program?.filename ?? info.name,
      // The protocol sends no session's source: only a program started here has it.
      source: program?.source ?? '# source not available (only --run FILE.py has it)',
      live: info.kind === 'live',
      control: info.kind === 'live' && !info.done,
      paused: info.paused === true,
    }).start();

    if (!interactive) {
      // A program started here: its whole run. A session already there: what it had when
      // listed (a running program may never end).
      const whole = program !== null || info.done;
      await (whole ? source.whenDone() : caughtUp(source, info.events));
      source.flush();
      const fatal = source.fatal();
      if (fatal !== null) throw new UserError(`refscope: ${fatal}`);
      const tui = await loadTui();
      const state = source.done() ? 'done' : info.paused ? 'paused' : 'running';
      out.write(`session ${info.id} at ${url}: ${state}, ${source.log.length} events\n`);
      out.write(tui.plainText(source, { columns: process.stdout.columns || 100 }));
      flushAll();
      return 0;
    }

    const tui = await loadTui();
    flushAll();
    try {
      await tui.runTui(source, { follow: true, onKey: liveKey });
    } catch (err) {
      throw new UserError(`refscope: the terminal UI failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
    } finally {
      // A program this command started ends with it: the server runs only a few at a time.
      if (program !== null && !source.done()) await client.stop(info.id).catch(() => {});
    }
    return 0;
  } finally {
    source?.stop();
    client.close();
  }
}

/** Resolves once `n` events have arrived (or the session ended or failed). */
function caughtUp(source: LiveSource, n: number): Promise<void> {
  return new Promise((resolve) => {
    const check = (): void => {
      if (source.received >= n || source.done() || source.fatal() !== null) {
        off();
        resolve();
      }
    };
    const off = source.subscribe(check);
    void source.whenDone().then(check);
    check();
  });
}

/** A ServerError as the one line the user sees (exit 1). */
function refusal(err: unknown, what?: string): Error {
  if (!(err instanceof ServerError)) return err as Error;
  const prefix = what ? `${what}: ` : '';
  return new UserError(`refscope: ${prefix}${err.message}`);
}
