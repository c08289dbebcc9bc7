// The server writes events frames as UTF-8 JSON directly into one buffer (packages/server/src/
// bytes.ts); it must be exactly the text of JSON.stringify(eventToJSON(...)), the form
// `refscope events --json` prints.
import { describe, expect, it } from 'vitest';
import { Engine, EventLog, eventToJSON } from '@refscope/engine';
import { EventBytes } from '@refscope/server';

const PROGRAM = `
import gc, weakref
class Node:
    def __init__(self, name):
        self.name = name
        self.other = None
    def __del__(self):
        print("del", self.name)
a = Node("a\\u00e9\\"q\\n"); b = Node("b")
a.other = b; b.other = a
r = weakref.ref(a, lambda ref: print("gone"))
del a, b
gc.collect()
big = [bytes(1000) for _ in range(20)]
d = {i: str(i) for i in range(100)}
del big, d
def boom():
    raise ValueError("no")
try:
    boom()
except ValueError:
    pass
boom()
`;

function same(log: EventLog): void {
  const bytes = new EventBytes(log);
  const want = Array.from({ length: log.length }, (_, i) => JSON.stringify(eventToJSON(i, log.get(i), log.strings)));
  // Whole frames and single events alike.
  expect(bytes.frame('[', 0, log.length, ']').toString('utf8')).toBe(`[${want.join(',')}]`);
  for (let i = 0; i < log.length; i++) expect(bytes.frame('', i, i + 1, '').toString('utf8')).toBe(want[i]);
}

describe('events as JSON text', () => {
  it('is the text of eventToJSON for every event of a real run', () => {
    const e = new Engine(PROGRAM, { filename: 'kinds.py' });
    e.run();
    const kinds = new Set<number>();
    for (let i = 0; i < e.log.length; i++) kinds.add(e.log.kind(i));
    expect(kinds.size).toBeGreaterThanOrEqual(20);
    same(e.log);
  });

  it('is the text of eventToJSON for every kind, unknown names and out-of-range strings included', () => {
    const log = new EventLog();
    log.str('s"0');
    log.str('\u2028 and \\');
    for (let kind = 0; kind <= 40; kind++) {
      for (const [a, b, c, d] of [[0, 1, 2, 3], [-1, 0, 1, -1], [1, 99, -5, 7], [2147483647, -2147483648, 1000000007, 12], [2, 3, 0, 1], [1, 1, 1, 1]]) log.push(kind, a, b, c, d);
    }
    same(log);
  });
});
