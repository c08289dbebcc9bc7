// `refscope run --record` from the shipped bundle encodes on a worker thread, handing it the log's
// pages: the recording must hold exactly the events an in-process run of the engine logs, whether
// the run lets go of its events (plain --record) or keeps them (--story), and whatever the slices.
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync, existsSync } from 'node:fs';
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

  // The recorder finds the worker, and loadTui the terminal UI, next to the file its code was
  // bundled into (import.meta.url); a missing worker falls back to the main thread silently, so
  // the layout of the split bundle is checked here: every file naming them sits beside them.
  it.skipIf(!existsSync(worker))('bundles that load record-worker.js and tui.js by a path beside their own sit beside them', () => {
    const dist = path.dirname(worker);
    const walk = (dir: string): string[] =>
      readdirSync(dir).flatMap((f) => (statSync(path.join(dir, f)).isDirectory() ? walk(path.join(dir, f)) : [path.join(dir, f)]));
    const loaders = walk(dist).filter((f) => f.endsWith('.js') && /["']\.\/(record-worker|tui)\.js["']/.test(readFileSync(f, 'utf8')));
    expect(loaders.length).toBeGreaterThan(0);
    for (const f of loaders) expect(path.dirname(f)).toBe(dist);
    expect(existsSync(path.join(dist, 'tui.js'))).toBe(true);
  });

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
