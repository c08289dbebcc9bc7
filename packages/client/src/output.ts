// Buffered writing to stdout/stderr. Small writes are gathered and flushed in chunks, and stdout
// is flushed before anything goes to stderr so a terminal shows the two in the order written.
import { writeSync } from 'node:fs';

const LIMIT = 1 << 16;

class Sink {
  private parts: string[] = [];
  private size = 0;
  /** The reader went away (`refscope events x.py | head`): drop the rest quietly. */
  private closed = false;

  constructor(private readonly fd: number) {}

  /** True once the reader has gone: callers producing a long stream can stop. */
  get gone(): boolean {
    return this.closed;
  }

  write(text: string): void {
    if (this.closed) return;
    this.parts.push(text);
    this.size += text.length;
    if (this.size >= LIMIT) this.flush();
  }

  flush(): void {
    if (this.size === 0 && this.parts.length === 0) return;
    const text = this.parts.join('');
    this.parts = [];
    this.size = 0;
    if (!this.closed && !writeAll(this.fd, text)) this.closed = true;
  }
}

/** Writes all of `text`; false when the reader has gone. */
function writeAll(fd: number, text: string): boolean {
  const buf = Buffer.from(text, 'utf8');
  let off = 0;
  while (off < buf.length) {
    try {
      off += writeSync(fd, buf, off);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') continue; // a non-blocking pipe is full: try again
      if (code === 'EPIPE') return false;
      throw err;
    }
  }
  return true;
}

export const out = new Sink(1);
export const err = new Sink(2);

/** Writes to stderr, after flushing stdout. */
export function printError(text: string): void {
  out.flush();
  err.write(text);
  err.flush();
}

export function flushAll(): void {
  out.flush();
  err.flush();
}
