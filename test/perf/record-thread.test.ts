// `refscope run --record` from the shipped bundle encodes on a worker thread, handing it the log's
// pages: the recording must hold exactly the events an in-process run of the engine logs, whether
// the run lets go of its events (plain --record) or keeps them (--story), and whatever the slices.
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Engine, readRecording, type EventLog, type EventRecord } from '@refscope/engine';
import { ensureBuilt, refscope, root } from '../client/helpers.js';

// Enough events for many log pages (65,536 events each) and many slices, with strings added
// along the way (attribute and variable names) and output at the end.
const PROGRAM = `
class Node:
    def __init__(self, k):
        self.k = k
        self.other = None
keep = []
for i in range(30000):
    a = Node(i)
    b = Node(str(i))
    a.other = b
    b.other = a
    if i % 1000 == 0:
        keep.append([a, (i, i)])
        globals()['g%d' % (i // 1000)] = i
del a, b
print(len(keep))
`;

function sameEvents(a: EventLog, b: EventLog): void {
  expect(a.length).toBe(b.length);
  expect(a.strings).toEqual(b.strings);
  const x: EventRecord = { kind: 0 as EventRecord['kind'], a: 0, b: 0, c: 0, d: 0 };
  const y: EventRecord = { ...x };
  for (let i = 0; i < a.length; i++) {
    a.read(i, x);
    b.read(i, y);
    if (x.kind !== y.kind || x.a !== y.a || x.b !== y.b || x.c !== y.c || x.d !== y.d) expect({ i, ...x }).toEqual({ i, ...y });
  }
}

describe('recording on the worker thread', () => {
  ensureBuilt();
  const worker = path.join(root, 'packages/client/dist/record-worker.js');

  it.skipIf(!existsSync(worker))('records the same events as the engine logs, with and without --story', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'refscope-thread-'));
    writeFileSync(path.join(dir, 'p.py'), PROGRAM);
    const engine = new Engine(PROGRAM, { filename: 'p.py', onStdout: () => {} });
    engine.run();
    expect(engine.log.length).toBeGreaterThan(5 * 65_536);

    const plain = refscope(['run', 'p.py', '--record', 'plain.rsrec'], dir);
    expect(plain.stderr).toBe('');
    expect(plain.stdout).toBe('30\n');
    sameEvents(readRecording(new Uint8Array(readFileSync(path.join(dir, 'plain.rsrec')))).log, engine.log);

    const story = refscope(['run', 'p.py', '--record', 'story.rsrec', '--story'], dir);
    expect(story.status).toBe(0);
    sameEvents(readRecording(new Uint8Array(readFileSync(path.join(dir, 'story.rsrec')))).log, engine.log);
  });
});
