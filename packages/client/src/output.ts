// Buffered writing to stdout/stderr. Small writes are gathered and flushed in chunks, and stdout
// is flushed before anything goes to stderr so a terminal shows the two in the order written.
import { writeSync } from 'node:fs';

const LIMIT = 1 << 16;

class Sink {
  private parts: string[] = [];
  private size = 0;

  constructor(private readonly fd: number) {}

  write(text: string): void {
    this.parts.push(text);
    this.size += text.length;
    if (this.size >= LIMIT) this.flush();
  }

  flush(): void {
    if (this.size === 0 && this.parts.length === 0) return;
    const text = this.parts.join('');
    this.parts = [];
    this.size = 0;
    writeAll(this.fd, text);
  }
}

function writeAll(fd: number, text: string): void {
  const buf = Buffer.from(text, 'utf8');
  let off = 0;
  while (off < buf.length) {
    try {
      off += writeSync(fd, buf, off);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') continue; // a non-blocking pipe is full: try again
      if (code === 'EPIPE') return; // the reader went away (`refscope events x.py | head`)
      throw err;
    }
  }
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
