// Each panel rendered alone (ink-testing-library) with props taken from a real run of the
// two-node cycle: the frames must show what the engine recorded, and what the program printed.
import React from 'react';
import { render } from 'ink-testing-library';
import { beforeAll, describe, expect, it } from 'vitest';
import { EventKind, type HeapState } from '@refscope/engine';
import type { Opened } from '../../packages/client/src/open.js';
import { Inspector } from '../../packages/client/src/tui/inspect.js';
import { setColour } from '../../packages/client/src/tui/theme.js';
import { gcFound, heapRow, objectView, whyLines } from '../../packages/client/src/tui/view.js';
import { Header } from '../../packages/client/src/tui/panels/Header.js';
import { SourcePanel } from '../../packages/client/src/tui/panels/SourcePanel.js';
import { HeapPanel, heapWindow } from '../../packages/client/src/tui/panels/HeapPanel.js';
import { ObjectPanel, section } from '../../packages/client/src/tui/panels/ObjectPanel.js';
import { GcPanel } from '../../packages/client/src/tui/panels/GcPanel.js';
import { AllocatorPanel, arenaRows } from '../../packages/client/src/tui/panels/AllocatorPanel.js';
import { MemoryPanel } from '../../packages/client/src/tui/panels/MemoryPanel.js';
import { EventsPanel } from '../../packages/client/src/tui/panels/EventsPanel.js';
import { WhyPanel } from '../../packages/client/src/tui/panels/WhyPanel.js';
import { HelpPanel } from '../../packages/client/src/tui/panels/HelpPanel.js';
import { HELP } from '../../packages/client/src/tui/keys.js';
import { allocsOf, firstLineEvent, twoNode } from './fixture.js';

let run: Opened;
let ins: Inspector;
let lines: string[];
/** The moment `del a, b` (line 20) starts: both nodes named, each held by a global and the other node. */
let named: number;
let state: HeapState;
let nodes: number[];

beforeAll(async () => {
  setColour(false);
  run = await twoNode();
  ins = new Inspector(run.timeline);
  lines = run.source.split('\n');
  named = firstLineEvent(run.log, lines.findIndex((l) => l.startsWith('del a, b')) + 1);
  state = ins.state(named);
  nodes = allocsOf(run.log, 'Node').map((n) => n.id);
});

/** What the program printed (the engine's stdout, which the conformance suite holds equal to python3's). */
const printed = (label: string): number[] => {
  const out = ins.state(run.log.length - 1).stdout;
  const m = new RegExp(`${label.replace(/[()]/g, '\\$&')}:?((?: \\d+)+)`).exec(out);
  if (!m) throw new Error(`'${label}' not printed in ${JSON.stringify(out)}`);
  return m[1]!.trim().split(' ').map(Number);
};

const frame = (el: React.JSX.Element): string => {
  const r = render(el);
  const f = r.lastFrame() ?? '';
  r.unmount();
  return f;
};

describe('panels over the two-node cycle', () => {
  it('Header: file, event i/N, line and the described event', () => {
    const f = frame(<Header title="two_node_cycle.py" cursor={named} total={run.log.length} line={state.line}
      event={ins.describe(named, state)} status="" width={100} />);
    expect(f).toContain(`two_node_cycle.py  event ${named}/${run.log.length}  line 20`);
    expect(f).toContain(`#${named} line 20  line  20`);
  });

  it('Source: the current line is marked', () => {
    const f = frame(<SourcePanel lines={lines} current={20} width={60} height={8} />);
    expect(f).toMatch(/^>20 del a, b$/m);
    expect(f).toMatch(/^ 19 print/m);
    expect(f.split('\n')).toHaveLength(8);
  });

  it('Heap: both nodes with the refcounts the program printed, generation, size and line', () => {
    const counts = printed('refcounts while named');
    const rows = ins.liveObjects(named, 'id', 'Node').map(heapRow);
    expect(rows.map((r) => r.id)).toEqual(nodes);
    expect(heapWindow(rows, nodes[1]!, 6)).toEqual(rows);
    expect(heapWindow(rows, nodes[1]!, 3)).toEqual([rows[1]]);
    const f = frame(<HeapPanel rows={rows} listed={rows.length} objects={state.objects} bytes={state.bytes} selected={nodes[1]!}
      sort="id" filter="Node" width={60} height={6} />);
    expect(f).toContain(`heap · ${state.objects} objects, ${state.bytes} bytes · sort id · type Node (2)`);
    nodes.forEach((id, k) => {
      const o = state.pages[id >> 8]![id & 255]!;
      // sys.getrefcount(x) - 1: the program's own count of references, which is the refcount here.
      expect(o.rc).toBe(counts[k]);
      expect(f).toMatch(new RegExp(`#${id}\\s+Node\\s+${counts[k]}\\s+${o.gen}\\s+${o.size}\\s+${o.allocLine}`));
    });
    expect(f).toMatch(new RegExp(`▶ #${nodes[1]}\\s+Node`));
  });

  it('Object: who holds the node (a global and the other node), what it holds, its history', () => {
    const [a, b] = nodes as [number, number];
    const v = objectView(ins, state, a);
    const f = frame(<ObjectPanel id={a} {...v} width={90} height={20} />);
    expect(f).toContain(`object #${a}`);
    expect(f).toMatch(new RegExp(`Node#${a} rc=2 gen \\d`));
    expect(f).toContain("global 'a'");
    expect(f).toContain(`attr 'partner' of Node#${b}`);
    expect(f).toMatch(new RegExp(`Node#${b}\\s+\\(attr 'partner'\\)`));
    // History ends with the last change before the cursor, carrying the refcount after it.
    const last = run.timeline.lastChange(a, named + 1)!;
    expect(f).toMatch(new RegExp(`#${last} line \\d+ .* rc=2`));
  });

  it('Object at 80×24 size: one row per section lists every referrer on it', () => {
    const [a, b] = nodes as [number, number];
    const v = objectView(ins, state, a);
    const f = frame(<ObjectPanel id={a} {...v} width={78} height={6} />);
    expect(f).toMatch(new RegExp(`^held by: (global 'a', attr 'partner' of Node#${b}|attr 'partner' of Node#${b}, global 'a')$`, 'm'));
    expect(f).toMatch(/^holds: {3}\S/m);
    expect(f).toContain('history:');
    expect(section('x: ', ['1', '2', '3', '4'], 3)).toEqual(['x: 1', '   2', '   … 2 more']);
  });

  it('Object: nothing selected, and an object not yet allocated', () => {
    expect(frame(<ObjectPanel id={null} summary="" referrers={[]} referents={[]} history={[]} width={60} height={5} />))
      .toContain('select an object');
    const v = objectView(ins, ins.state(0), nodes[0]!);
    expect(v.summary).toBe(`#${nodes[0]} does not exist yet at event 0`);
  });

  it('Gc: counts against thresholds, runs per generation, and what gc.collect() found', () => {
    // The collection gc.collect() on the last line ran: the first one to end after that line starts.
    const lastLine = firstLineEvent(run.log, lines.findIndex((l) => l.includes('gc.collect():')) + 1);
    const end = run.timeline.nextCollection(lastLine)!;
    const s = ins.state(end);
    const f = frame(<GcPanel gc={s.gc} width={70} height={6} />);
    for (const g of [0, 1, 2]) {
      expect(f).toMatch(new RegExp(`gen${g}\\s+${s.gc.count[g]}/${s.gc.threshold[g]}\\s.*${s.gc.collections[g]} runs`));
    }
    expect(s.gc.threshold).toEqual([700, 10, 10]);
    const [found] = printed('collected by gc.collect()');
    expect(f).toContain(`last: gen2 at event ${end}: ${found} unreachable, ${found} collected, 0 uncollectable`);
    // What it found: the two nodes (freed by now; the state still knows their type).
    const what = gcFound(ins, s);
    expect(what).toBe(nodes.map((id) => `Node#${id}`).join(', '));
    expect(frame(<GcPanel gc={s.gc} found={what} width={70} height={7} />)).toContain(`found ${what}`);
    // During that collection, just after move_unreachable: the nodes by type.
    const during = ins.state(run.timeline.eventsOf(nodes[1]!).find((i) => run.log.kind(i) === EventKind.Unreachable)!);
    expect(during.gc.running).toBe(2);
    expect(gcFound(ins, during)).toBe(nodes.map((id) => `Node#${id}`).join(', '));
  });

  it('Allocator: each arena with its pools and blocks in use', () => {
    const rows = arenaRows(state.alloc);
    expect(rows.length).toBe(state.alloc.arenaCount);
    const f = frame(<AllocatorPanel alloc={state.alloc} width={80} height={8} />);
    expect(f).toContain(`allocator · ${state.alloc.arenaCount} arenas`);
    expect(f).toContain(`${state.alloc.blocks} blocks`);
    for (const r of rows.slice(0, 5)) expect(f).toMatch(new RegExp(`arena ${r.arena}\\s+${r.pools}/63 pools .* ${r.used}/${r.capacity} blocks`));
    expect(rows.reduce((n, r) => n + r.used, 0)).toBe(state.alloc.blocks);
    // Without malloc events in the log, how full the pools are is not known: their block sizes are shown.
    const sizes = frame(<AllocatorPanel alloc={state.alloc} blocks={false} width={80} height={8} />);
    expect(sizes).toContain('blocks in use: not in this recording');
    for (const r of rows) {
      const own = Object.values(state.alloc.arenas[r.arena]!).map((p) => p.size);
      expect(sizes).toContain(`arena ${r.arena}`.padEnd(9) + ` ${String(r.pools).padStart(2)}/63 pools block sizes ${[...new Set(own)].sort((x, y) => x - y).join(' ')}`);
    }
    let malloc = false;
    for (let i = 0; i < run.log.length; i++) malloc ||= run.log.kind(i) === EventKind.Malloc;
    expect(ins.hasBlocks()).toBe(malloc);
  });

  it('Memory: the chart, the peak, and the cursor marked under its column', () => {
    const series = run.timeline.memory();
    const f = frame(<MemoryPanel series={series} cursor={series.peak.index} bytes={series.peak.bytes} width={61} height={6} />);
    const rows = f.split('\n');
    expect(rows[0]).toContain(`peak ${series.peak.bytes} B at #${series.peak.index}`);
    expect(rows).toHaveLength(6);
    const caret = rows[5]!.indexOf('^');
    expect(caret).toBeGreaterThanOrEqual(0);
    // The peak's column reaches the top row of the chart.
    expect(rows[1]![caret]).toBe('█');
    expect(ins.state(series.peak.index).bytes).toBe(series.peak.bytes);
  });

  it('Events: the events around the cursor, as `refscope events` prints them, the cursor marked', () => {
    const evs = ins.eventsAround(named, 3, 3);
    expect(evs.map((e) => e.i)).toEqual([named - 3, named - 2, named - 1, named, named + 1, named + 2, named + 3]);
    const f = frame(<EventsPanel events={evs} cursor={named} width={100} height={8} />);
    expect(f).toContain(`> #${named} line 20  line  20 (frame`);
    expect(f).toMatch(new RegExp(`^  #${named + 1} `, 'm'));
    // Refcounts in the text are those after each event.
    for (const e of evs) {
      const rec = run.log.get(e.i);
      if (rec.kind === EventKind.Incref) expect(e.text).toMatch(new RegExp(`rc=${ins.state(e.i).pages[rec.a >> 8]![rec.a & 255]!.rc}$`));
    }
  });

  it('Why: the chain from the global to the node; a freed node is not alive', () => {
    const [a] = nodes as [number];
    const f = frame(<WhyPanel lines={whyLines(ins, a, named)} width={90} height={5} />);
    expect(f).toContain(`#${a} is alive after event ${named}, held from the globals of module`);
    expect(f).toContain(`→ #${a} Node  (global 'a')`);
    const gone = whyLines(ins, a, run.log.length - 1);
    expect(gone[0]).toBe(`#${a} is not alive after event ${run.log.length - 1}`);
    expect(frame(<WhyPanel lines={null} width={60} height={3} />)).toContain('press y');
  });

  it('Help: every key', () => {
    const f = frame(<HelpPanel width={100} height={HELP.length + 1} />);
    for (const [k, v] of HELP) expect(f).toContain(`${k}`), expect(f).toContain(v);
    const more = frame(<HelpPanel width={100} height={HELP.length + 2} extra={[['p', 'pause or resume the live program']]} />);
    expect(more).toMatch(/^ {2}p +pause or resume the live program$/m);
  });
});
