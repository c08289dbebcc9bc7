// The engine stops the server's live control is built on (packages/engine/src/engine.ts): a run
// stopped at breakpoint lines and resumed, or stepped line by line, goes on past the stop and
// leaves exactly the log of an uninterrupted run (no Line event twice, no stop without progress).
import { describe, expect, it } from 'vitest';
import { Engine, EventKind } from '@refscope/engine';

const SRC = 'total = 0\nfor i in range(5):\n    x = [i]\n    total += i\nprint(total)\n';

function words(e: Engine): number[] {
  const out: number[] = [];
  for (let i = 0; i < e.log.length; i++) {
    const r = e.log.get(i);
    out.push(r.kind, r.a, r.b, r.c, r.d);
  }
  return out;
}

describe('engine stops', () => {
  const whole = new Engine(SRC, { filename: 'b.py' });
  whole.run();

  it('stops on a breakpoint line every time it is reached, and resuming goes on to the next hit', () => {
    const e = new Engine(SRC, { filename: 'b.py' });
    const hits: number[] = [];
    while (e.run({ lines: new Set([3]) }) === 'line') {
      const last = e.log.get(e.log.length - 1);
      expect(last.kind).toBe(EventKind.Line);
      hits.push(last.a);
    }
    expect(hits).toEqual([3, 3, 3, 3, 3]);
    expect(e.stdout).toBe('10\n');
    expect(words(e)).toEqual(words(whole));
  });

  it('steps line by line with progress at each stop', () => {
    const e = new Engine(SRC, { filename: 'b.py' });
    let stops = 0;
    let steps = -1;
    while (e.run({ nextLine: true }) === 'line') {
      expect(e.steps).toBeGreaterThan(steps);
      steps = e.steps;
      stops++;
    }
    let lines = 0;
    for (let i = 0; i < whole.log.length; i++) if (whole.log.kind(i) === EventKind.Line) lines++;
    expect(stops).toBe(lines);
    expect(words(e)).toEqual(words(whole));
  });
});
