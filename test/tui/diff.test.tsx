// The diff view over two real runs: line occurrences counted from the logs, the reducer keeping
// both cursors on the same occurrence of the same line, the screen at 80×24 and 160×48 driven by
// keys, and the plain-text side by side at the first divergence.
import React from 'react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EventKind, firstDivergence, type EventLog } from '@refscope/engine';
import type { Opened } from '../../packages/client/src/open.js';
import { DiffApp, diffPair, diffSideBySide, type DiffPair } from '../../packages/client/src/tui/diff/index.js';
import { LineOccurrences } from '../../packages/client/src/tui/diff/lines.js';
import { initialDiff, updateDiff, type DiffUi } from '../../packages/client/src/tui/diff/model.js';
import { setColour } from '../../packages/client/src/tui/theme.js';
import { openSource } from './fixture.js';
import { KEYS, mount, type Term } from './term.js';

// The same loop, but b keeps one node fewer in a cycle and runs it one time fewer.
const A = `import gc
class N: pass
def make(k):
    a = N(); b = N()
    a.o = b; b.o = a
    return k
for i in range(4):
    make(i)
gc.collect()
print("done")
`;
const B = A.replace('a.o = b; b.o = a', 'a.o = b').replace('range(4)', 'range(3)');

let a: Opened;
let b: Opened;
let pair: DiffPair;
let term: Term | null = null;

beforeAll(async () => {
  setColour(false);
  a = await openSource('a.py', A);
  b = await openSource('b.py', B);
  pair = diffPair(a, b);
});

afterEach(() => {
  term?.app.unmount();
  term = null;
});

/** Brute force: the line and how-many-th time it started, for event i. */
function occurrenceOf(log: EventLog, i: number): { line: number; k: number } {
  let line = 0;
  const seen = new Map<number, number>();
  let k = 0;
  for (let j = 0; j <= i; j++) {
    if (log.kind(j) !== EventKind.Line) continue;
    line = log.get(j).a;
    k = seen.get(line) ?? 0;
    seen.set(line, k + 1);
  }
  return { line, k };
}

describe('LineOccurrences', () => {
  it('counts each line start in order and finds it again', () => {
    const occ = new LineOccurrences(a.log);
    let checked = 0;
    for (let i = 0; i < a.log.length; i += 7) {
      const o = occ.of(i);
      expect({ line: o.line, k: o.k }).toEqual(occurrenceOf(a.log, i));
      if (o.line > 0) {
        expect(a.log.kind(o.start)).toBe(EventKind.Line);
        expect(occ.find(o.line, o.k, o.offset)).toBe(i);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(50);
    // Line 8 (the call in the loop) starts 4 times in a, 3 in b.
    expect(occ.count(8)).toBe(4);
    expect(new LineOccurrences(b.log).count(8)).toBe(3);
    expect(occ.find(8, 4, 0)).toBeNull();
  });
});

describe('the diff reducer', () => {
  it('starts both runs at the first divergence', () => {
    const d = firstDivergence(a.log, b.log);
    expect(d).toBeGreaterThan(0);
    const ui = initialDiff(pair.runs, pair.divergence);
    expect(ui.cursor).toEqual([d, d]);
    expect(ui.message).toBe(`first divergence at event ${d}`);
  });

  it('keeps the other run on the same occurrence of the same line, line after line', () => {
    let ui: DiffUi = updateDiff(initialDiff(pair.runs, pair.divergence), 'g', pair.runs);
    expect(ui.cursor).toEqual([0, 0]);
    const occA = new LineOccurrences(a.log);
    const occB = new LineOccurrences(b.log);
    let steps = 0;
    const missing: string[] = [];
    for (;;) {
      const next = updateDiff(ui, 'n', pair.runs);
      if (next.cursor[0] === ui.cursor[0]) break;
      ui = next;
      steps++;
      const oa = occA.of(ui.cursor[0]);
      if (ui.message) {
        missing.push(ui.message);
        continue;
      }
      const ob = occB.of(ui.cursor[1]);
      expect([ob.line, ob.k]).toEqual([oa.line, oa.k]);
    }
    expect(steps).toBeGreaterThan(10);
    // a's fourth run of the loop body has no counterpart in b.
    expect(missing).toContain('b never runs line 8 a 4th time');
  });

  it('moves b when Tab made it active, and d brings both back to the divergence', () => {
    let ui = initialDiff(pair.runs, pair.divergence);
    ui = updateDiff(ui, 'tab', pair.runs);
    expect(ui.active).toBe(1);
    ui = updateDiff(ui, 'G', pair.runs);
    expect(ui.cursor[1]).toBe(b.log.length - 1);
    expect(new LineOccurrences(a.log).of(ui.cursor[0]).line).toBe(new LineOccurrences(b.log).of(ui.cursor[1]).line);
    ui = updateDiff(ui, 'd', pair.runs);
    expect(ui.cursor).toEqual([pair.divergence, pair.divergence]);
    for (const k of [':', '1', '2', 'enter']) ui = updateDiff(ui, k, pair.runs);
    expect(ui.cursor[1]).toBe(12);
  });
});

const header = (run: Opened, i: number): string => `event ${i}/${run.log.length}`;

describe('the diff screen', () => {
  for (const [columns, rows] of [[80, 24], [160, 48]] as const) {
    it(`fits ${columns}×${rows}: both runs, the divergence marked, keys move both`, async () => {
      term = mount(<DiffApp pair={pair} />, columns, rows);
      const d = pair.divergence!;
      const f = await term.until(`first divergence at event ${d}`);
      const lines = f.split('\n');
      expect(lines.length).toBeLessThanOrEqual(rows - 1);
      for (const l of lines) expect([...l].length).toBeLessThanOrEqual(columns);
      expect(f).toContain(header(a, d));
      expect(f).toContain(header(b, d));
      expect(f).toMatch(/>≠#\d+ line/);
      await term.press('g');
      await term.until(`event 0/${a.log.length}`);
      expect(term.frame()).toContain(`event 0/${b.log.length}`);
      await term.press('n', 'n', 'n');
      const at = a.timeline.nextLine(a.timeline.nextLine(a.timeline.nextLine(0)!)!)!;
      await term.until(`event ${at}/${a.log.length}`);
      await term.press('d');
      await term.until(`event ${d}/${b.log.length}`);
      await term.press('?');
      await term.until('both runs to the first divergence');
      await term.press('x');
      await term.until(`first divergence at event ${d}`);
    });
  }
});

describe('the plain side by side', () => {
  it('shows both runs at the first divergence, the differing events marked', () => {
    const text = diffSideBySide(pair, 120);
    const d = pair.divergence!;
    expect(text).toContain(`first divergence at event ${d}`);
    expect(text).toContain(`event ${d}/${a.log.length}`);
    expect(text).toContain(`event ${d}/${b.log.length}`);
    const marked = text.split('\n').filter((l) => l.includes(`≠#${d} line`));
    expect(marked.length).toBe(1);
    expect(marked[0]!.match(/≠#/g)!.length).toBe(2);
    expect(text).not.toMatch(/\x1b\[/);
    // Each side's memory after the divergence event, as the engine's state has it.
    for (const run of [a, b]) {
      const st = run.timeline.stateAt(d);
      expect(text).toContain(`${st.objects} objects  ${st.bytes} bytes  gc ${st.gc.count.join('/')}`);
    }
  });
});
