// A pseudo-terminal harness on tmux: the real `refscope` command in a detached tmux session of a
// fixed size, keys sent with send-keys, the screen read with capture-pane. Waits are bounded
// polls for text to appear, never assertions on time. Every session runs on a tmux server of its
// own (a private socket), killed with the session, so nothing touches the user's tmux.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { root } from './fixture.js';

export const CLI = path.join(root, 'packages/client/bin/refscope.js');
const BUNDLE = path.join(root, 'packages/client/dist/cli.js');

/** Why the pty tests cannot run here, or null when they can. */
export function ptyUnavailable(): string | null {
  const tmux = spawnSync('tmux', ['-V'], { encoding: 'utf8' });
  if (tmux.error || tmux.status !== 0) return 'tmux is not installed (apt-get install tmux); the pseudo-terminal tests are skipped';
  if (!existsSync(BUNDLE)) return `the CLI is not built (${BUNDLE} is missing: run npm run build); the pseudo-terminal tests are skipped`;
  return null;
}

let serial = 0;

export interface PaneOptions {
  columns: number;
  rows: number;
  cwd?: string;
  env?: Record<string, string>;
}

/** Keys as tmux's send-keys names them. */
export const K = { right: 'Right', left: 'Left', up: 'Up', down: 'Down', enter: 'Enter', escape: 'Escape', tab: 'Tab' } as const;

export class Pane {
  private alive = true;

  private constructor(readonly socket: string, readonly name: string) {}

  /** Starts `argv` (a command and its arguments) in a new detached session of the given size. */
  static start(argv: readonly string[], opts: PaneOptions): Pane {
    const socket = `refscope-pty-${process.pid}-${++serial}`;
    const pane = new Pane(socket, 'main');
    // CI=true as on a CI runner: Ink draws nothing there unless refscope sees the terminal for
    // what it is, so every screen below is also a check of that.
    const env = { TERM: 'xterm-256color', NO_COLOR: '1', LANG: 'C.UTF-8', CI: 'true', ...opts.env };
    const envArgs = Object.entries(env).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
    pane.tmux('-f', '/dev/null', 'new-session', '-d', '-s', pane.name, '-x', String(opts.columns), '-y', String(opts.rows),
      '-c', opts.cwd ?? root, ...envArgs, argv.map(shellQuote).join(' '));
    // Keep the pane (and its last screen) when the program exits, so tests can read how it ended.
    pane.tmux('set-option', '-t', pane.name, 'remain-on-exit', 'on');
    return pane;
  }

  private tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  }

  /** Sends keys: tmux key names (K.right, 'q', 'C-c') one by one, or literal text with `text()`. */
  keys(...keys: string[]): void {
    for (const k of keys) this.tmux('send-keys', '-t', this.name, k);
  }

  /** Types text literally (no key-name lookup). */
  text(s: string): void {
    this.tmux('send-keys', '-t', this.name, '-l', s);
  }

  /** The screen as text, one line per row. */
  screen(): string {
    return this.tmux('capture-pane', '-p', '-t', this.name);
  }

  /** A tmux format about the pane: '#{alternate_on}', '#{cursor_flag}', '#{pane_dead}'. */
  format(f: string): string {
    return this.tmux('display-message', '-p', '-t', this.name, f).trim();
  }

  resize(columns: number, rows: number): void {
    this.tmux('resize-window', '-t', this.name, '-x', String(columns), '-y', String(rows));
  }

  /**
   * Polls the screen until it shows `what` (a string, a pattern, or a test of the whole screen);
   * fails after `limit` ms, printing the screen. The limit bounds a wait, it asserts nothing.
   */
  async until(what: string | RegExp | ((screen: string) => boolean), limit = 15_000): Promise<string> {
    const test = typeof what === 'function' ? what : typeof what === 'string' ? (s: string) => s.includes(what) : (s: string) => what.test(s);
    const stop = Date.now() + limit;
    let s = '';
    for (;;) {
      s = this.screen();
      if (test(s)) return s;
      if (Date.now() > stop) break;
      await new Promise((r) => setTimeout(r, 40));
    }
    throw new Error(`the screen never showed ${typeof what === 'function' ? 'what was awaited' : String(what)}; it shows:\n${s}`);
  }

  /** Kills the session and its private tmux server (idempotent). */
  kill(): void {
    if (!this.alive) return;
    this.alive = false;
    try {
      this.tmux('kill-server');
    } catch {
      // already gone
    }
  }
}

function shellQuote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
