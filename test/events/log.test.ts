import { describe, expect, it } from 'vitest';
import { EventLog, EventKind, Holder, eventToJSON } from '@refscope/engine';

describe('EventLog', () => {
  it('numbers events from 0 and reads back every field across page boundaries', () => {
    const log = new EventLog();
    const n = 70_000; // more than one 65,536-event page
    for (let i = 0; i < n; i++) log.push(EventKind.Incref, i, Holder.Item, i * 2, -i - 1);
    expect(log.length).toBe(n);
    for (const i of [0, 1, 65_535, 65_536, n - 1]) {
      expect(log.get(i)).toEqual({ kind: EventKind.Incref, a: i, b: Holder.Item, c: i * 2, d: -i - 1 });
    }
    expect(() => log.get(n)).toThrow(RangeError);
  });

  it('stores each string once and resolves it in JSON', () => {
    const log = new EventLog();
    const x = log.str('x');
    expect(log.str('x')).toBe(x);
    log.push(EventKind.Incref, 7, Holder.Value, 3, x);
    log.push(EventKind.Stdout, log.str('hi\n'));
    expect(eventToJSON(0, log.get(0), log.strings)).toEqual({
      i: 0, kind: 'incref', obj: 7, holder: 'value', holderObj: 3, slot: 'x',
    });
    expect(eventToJSON(1, log.get(1), log.strings)).toEqual({ i: 1, kind: 'stdout', text: 'hi\n' });
  });
});
