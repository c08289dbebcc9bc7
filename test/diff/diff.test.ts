import { describe, expect, it } from 'vitest';
import { diffLogs, eventToJSON, EventLog, EventKind, Timeline, type EventJSON } from '@refscope/engine';
import { run } from '../timeline/helpers.js';

/** An independent oracle: the first index where the JSON forms (strings resolved) differ. */
function naiveDivergence(a: EventLog, b: EventLog): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (JSON.stringify(eventToJSON(i, a.get(i), a.strings)) !== JSON.stringify(eventToJSON(i, b.get(i), b.strings))) return i;
  }
  return a.length === b.length ? -1 : n;
}

const program = (lines: string[]): string => lines.join('\n') + '\n';

describe('diffLogs', () => {
  it('a run compared with itself (or a second run of the same program) is identical', () => {
    const source = program(['import gc', 'x = [str(i) for i in range(50)]', 'print(len(x), gc.collect())']);
    const a = run(source);
    const b = run(source);
    for (const d of [diffLogs(a, a), diffLogs(a, b)]) {
      expect(d.identical).toBe(true);
      expect(d.firstDivergence).toBeNull();
      expect(d.end.byLine.every((r) => r.delta.bytes === 0 && r.delta.objects === 0)).toBe(true);
      expect(d.collections.a).toEqual(d.collections.b);
    }
    expect(JSON.parse(JSON.stringify(diffLogs(a, b)))).toMatchObject({ identical: true, firstDivergence: null });
  });

  it('names the first divergence with the line of each side', () => {
    const a = run(program(['keep = 1', 'x = [1, 2, 3]', 'print(len(x))']));
    const b = run(program(['keep = 1', 'x = (1, 2, 3)', 'print(len(x))']));
    const d = diffLogs(a, b);
    expect(d.identical).toBe(false);
    const at = naiveDivergence(a, b);
    expect(at).toBeGreaterThan(0);
    expect(d.firstDivergence!.index).toBe(at);
    expect(d.firstDivergence!.a.line).toBe(2);
    expect(d.firstDivergence!.b.line).toBe(2);
    expect(d.firstDivergence!.a.event).toEqual(eventToJSON(at, a.get(at), a.strings));
    expect(d.firstDivergence!.b.event).toEqual(eventToJSON(at, b.get(at), b.strings));
  });

  it('compares events by meaning: string tables numbered differently do not make a difference', () => {
    const a = new EventLog();
    const b = new EventLog();
    b.str('padding');
    for (const log of [a, b]) {
      log.push(EventKind.Alloc, 1, log.str('list'), 56, -1);
      log.push(EventKind.Stdout, log.str('hi\n'));
      log.push(EventKind.Exit, 0);
    }
    expect(diffLogs(a, b).identical).toBe(true);
    const c = new EventLog();
    c.push(EventKind.Alloc, 1, c.str('tuple'), 56, -1);
    expect(diffLogs(a, c).firstDivergence).toMatchObject({ index: 0, a: { event: { type: 'list' } }, b: { event: { type: 'tuple' } } });
    // One log a prefix of the other: they diverge where the shorter ends.
    const prefix = new EventLog();
    prefix.push(EventKind.Alloc, 1, prefix.str('list'), 56, -1);
    const d = diffLogs(a, prefix);
    expect(d.firstDivergence).toMatchObject({ index: 1, b: { event: null } });
    expect((d.firstDivergence!.a.event as EventJSON).kind).toBe('stdout');
  });

  it('list vs generator: the list holds its items at the peak', () => {
    const list = run(program(['data = [str(i) * 3 for i in range(2000)]', 'total = sum(len(s) for s in data)', 'print(total)']));
    const gen = run(program(['data = (str(i) * 3 for i in range(2000))', 'total = sum(len(s) for s in data)', 'print(total)']));
    const d = diffLogs(list, gen);
    expect(d.identical).toBe(false);
    const strRow = d.peak.byType.find((r) => r.key === 'str')!;
    expect(strRow.a.objects).toBeGreaterThanOrEqual(2000);
    expect(strRow.a.objects - strRow.b.objects).toBeGreaterThanOrEqual(1900);
    expect(d.peak.a.bytes).toBeGreaterThan(d.peak.b.bytes);
    // Rows come biggest difference first; line 1 allocated the list's strings.
    expect(Math.abs(d.peak.byType[0]!.delta.bytes)).toBeGreaterThanOrEqual(Math.abs(d.peak.byType[d.peak.byType.length - 1]!.delta.bytes));
    expect(d.peak.byLine.find((r) => r.key === 1)!.a.objects).toBeGreaterThanOrEqual(2000);
  });

  it('gc enabled vs disabled: collections per generation differ', () => {
    const body = ['class N:', '    pass', 'for i in range(3000):', '    a = N()', '    a.me = a', 'print("done")'];
    const on = run(program(['import gc', ...body]));
    const off = run(program(['import gc', 'gc.disable()', ...body]));
    const d = diffLogs(new Timeline(on), new Timeline(off));
    expect(d.collections.a[0]).toBeGreaterThan(0);
    expect(d.collections.b[0]).toBe(0); // (the collection at interpreter shutdown still runs)
    // The code objects differ, so the runs diverge while the module is loaded, before line 1.
    expect(d.firstDivergence!.index).toBe(naiveDivergence(on, off));
    const n = d.peak.byType.find((r) => r.key === 'N')!;
    expect(n.b.objects).toBeGreaterThan(n.a.objects);
    expect(d.total).toEqual({ a: on.length, b: off.length });
  });
});
