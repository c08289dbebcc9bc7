// A fake terminal of a chosen size for rendering the whole App with Ink: stdout keeps the last
// frame and can be resized; stdin takes key presses. (ink-testing-library's stdout is fixed at
// 100 columns with no rows.)
import { EventEmitter } from 'node:events';
import type React from 'react';
import { render, type Instance } from 'ink';

export class FakeStdout extends EventEmitter {
  frames: string[] = [];
  isTTY = true;
  constructor(public columns: number, public rows: number) {
    super();
  }
  write = (frame: string): boolean => {
    this.frames.push(frame);
    return true;
  };
  lastFrame(): string {
    return this.frames[this.frames.length - 1] ?? '';
  }
  resize(columns: number, rows: number): void {
    this.columns = columns;
    this.rows = rows;
    this.emit('resize');
  }
}

export class FakeStdin extends EventEmitter {
  isTTY = true;
  private data: string | null = null;
  write(data: string): void {
    this.data = data;
    this.emit('readable');
    this.emit('data', data);
  }
  read = (): string | null => {
    const d = this.data;
    this.data = null;
    return d;
  };
  setEncoding(): void {}
  setRawMode(): void {}
  resume(): void {}
  pause(): void {}
  ref(): void {}
  unref(): void {}
}

export const KEYS = {
  right: '\x1b[C', left: '\x1b[D', up: '\x1b[A', down: '\x1b[B', enter: '\r', tab: '\t', backtab: '\x1b[Z',
} as const;

export interface Term {
  stdout: FakeStdout;
  stdin: FakeStdin;
  app: Instance;
  frame(): string;
  /** Types keys one at a time, letting React commit after each. */
  press(...keys: string[]): Promise<void>;
  /** Waits (a bounded number of turns, not a timed wait) until the frame contains `text`. */
  until(text: string | RegExp): Promise<string>;
}

const turn = (): Promise<void> => new Promise((r) => setImmediate(r));

export function mount(node: React.ReactElement, columns: number, rows: number): Term {
  const stdout = new FakeStdout(columns, rows);
  const stdin = new FakeStdin();
  const app = render(node, {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    debug: true, exitOnCtrlC: false, patchConsole: false,
  });
  const term: Term = {
    stdout, stdin, app,
    frame: () => stdout.lastFrame(),
    async press(...keys) {
      for (const k of keys) {
        stdin.write(k);
        for (let n = 0; n < 3; n++) await turn();
      }
    },
    async until(text) {
      for (let n = 0; n < 200; n++) {
        const f = stdout.lastFrame();
        if (typeof text === 'string' ? f.includes(text) : text.test(f)) return f;
        await turn();
      }
      throw new Error(`the screen never showed ${String(text)}; it shows:\n${stdout.lastFrame()}`);
    },
  };
  return term;
}
