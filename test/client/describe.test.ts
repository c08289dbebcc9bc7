import { describe, expect, it } from 'vitest';
import { applyEvent, createHeapState, EventKind } from '@refscope/engine';
import { describeEvent, noteGlobals } from '../../packages/client/src/describe.js';
import { twoNodeLog } from './fixtures.js';

/** The text `refscope events` prints for every event of a log. */
function lines(): string[] {
  const log = twoNodeLog();
  const state = createHeapState();
  const globals = new Set<number>();
  const out: string[] = [];
  for (let i = 0; i < log.length; i++) {
    const e = log.get(i);
    const line = state.line;
    noteGlobals(globals, state, e, log.strings);
    applyEvent(state, e, log.strings);
    out.push(describeEvent(i, e.kind === EventKind.Line ? e.a : line, e, state, log.strings, globals));
  }
  return out;
}

describe('describeEvent', () => {
  it('prints one readable line per event: index, line, kind, objects by type, holder, refcount', () => {
    const text = lines();
    expect(text[0]).toBe('#0 line 0  frame_enter  frame 0 <module> (line 1)');
    expect(text[2]).toBe('#2 line 1  alloc  dict#1 64 bytes');
    expect(text[4]).toBe("#4 line 1  incref  dict#1 (holder: field '__dict__' of module#2) rc=2");
    expect(text).toContain("#13 line 3  incref  Node#10 (holder: global 'a') rc=2");
    expect(text).toContain("#14 line 3  decref  Node#10 (holder: temporary) rc=1");
    expect(text).toContain("#21 line 5  incref  Node#11 (holder: attr 'partner' of Node#10) rc=2");
    expect(text).toContain('#28 line 8  gc_start  generation 2 (counts 0 0 0)');
    expect(text).toContain('#29 line 8  gc_phase  move_unreachable (2 objects)');
    expect(text).toContain('#30 line 8  unreachable  Node#10');
    expect(text).toContain('#37 line 8  gc_stop  generation 2: 2 collected, 0 uncollectable');
    expect(text).toContain('#38 line 8  stdout  "2\\n"');
    expect(text.at(-1)).toBe('#40 line 8  exit  status 0');
  });
});
