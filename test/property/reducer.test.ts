// Properties of the reducer on arbitrary event sequences (no interpreter needed).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  EventLog, EventKind, allObjects, buildCheckpoints, reduceLog, stateAt, summary,
} from '@refscope/engine';

const STRINGS = ['list', 'dict', 'Node', 'x', 'hello\n'];

// Object numbers span several 256-object pages; fields include -1 (none) and out-of-table strings.
const event = fc.tuple(
  fc.integer({ min: 1, max: 29 }),
  fc.integer({ min: -1, max: 700 }),
  fc.integer({ min: -1, max: 10 }),
  fc.integer({ min: -1, max: 700 }),
  fc.integer({ min: -1, max: 6 }),
);

function logOf(events: [number, number, number, number, number][]): EventLog {
  const log = new EventLog();
  for (const s of STRINGS) log.str(s);
  for (const [k, a, b, c, d] of events) log.push(k as EventKind, a, b, c, d);
  return log;
}

const logs = fc.array(event, { minLength: 1, maxLength: 300 }).map(logOf);
const plain = (x: unknown) => JSON.parse(JSON.stringify(x)) as unknown;

describe('reducer properties', () => {
  it('folds any event sequence, keeping the live count and bytes equal to the live objects', () => {
    fc.assert(
      fc.property(logs, (log) => {
        const s = reduceLog(log);
        expect(s.index).toBe(log.length - 1);
        const live = [...allObjects(s)].filter((o) => o.alive && o.allocEvent >= 0);
        expect(s.objects).toBe(live.length);
        expect(s.bytes).toBe(live.reduce((n, o) => n + o.size, 0));
        expect(summary(s, log.length)).toMatchObject({ index: log.length - 1, total: log.length, objects: live.length });
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same state from checkpoints (copy-on-write) as from event 0 (mutable), at any event', () => {
    fc.assert(
      fc.property(logs, fc.integer({ min: 1, max: 64 }), fc.nat(), (log, every, at) => {
        const n = at % log.length;
        expect(plain(stateAt(buildCheckpoints(log, every), log, n))).toEqual(plain(reduceLog(log, n)));
      }),
      { numRuns: 200 },
    );
  });

  it('resumes: reducing to m and then on to n equals reducing to n', () => {
    fc.assert(
      fc.property(logs, fc.nat(), fc.nat(), (log, x, y) => {
        const [m, n] = [x % log.length, y % log.length].sort((p, q) => p - q) as [number, number];
        expect(plain(reduceLog(log, n, reduceLog(log, m)))).toEqual(plain(reduceLog(log, n)));
      }),
      { numRuns: 200 },
    );
  });
});
