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

  it('discards whole pages of old events, keeps indices, and reuses the pages', () => {
    const log = new EventLog();
    const page = 65_536;
    for (let i = 0; i < page + 10; i++) log.push(EventKind.Free, i);
    log.discard(page - 1); // the first page still holds event page - 1: nothing goes
    expect(log.start).toBe(0);
    expect(log.get(0).a).toBe(0);
    log.discard(page + 5);
    expect(log.start).toBe(page);
    expect(() => log.get(page - 1)).toThrow(/discarded/);
    expect(log.get(page).a).toBe(page);
    for (let i = page + 10; i < 3 * page; i++) log.push(EventKind.Free, i);
    expect(log.length).toBe(3 * page);
    for (const i of [page, 2 * page - 1, 2 * page, 3 * page - 1]) expect(log.get(i).a).toBe(i);
    log.discard(log.length);
    expect(log.start).toBe(3 * page);
    log.push(EventKind.Exit, 0);
    expect(log.get(3 * page)).toEqual({ kind: EventKind.Exit, a: 0, b: 0, c: 0, d: 0 });
  });

  it('moves events to another log: detached pages and copied records append in order, overlaps skipped', () => {
    const page = 65_536;
    const src = new EventLog();
    const dst = new EventLog();
    for (let i = 0; i < page + 100; i++) src.push(EventKind.Incref, i, Holder.Item, -i - 1, i * 3);
    dst.append(0, src.copyRecords(0, 50));
    const pages = src.detach(src.length);
    expect(pages.map((p) => p.first)).toEqual([0]);
    expect(src.start).toBe(page);
    for (const p of pages) dst.append(p.first, p.page); // overlaps events 0..49: skipped
    dst.append(page, src.copyRecords(page, page + 100));
    expect(() => dst.append(page + 200, new Int32Array(5))).toThrow(RangeError);
    expect(dst.length).toBe(page + 100);
    for (const i of [0, 49, 50, page - 1, page, page + 99]) expect(dst.get(i)).toEqual({ kind: EventKind.Incref, a: i, b: Holder.Item, c: -i - 1, d: i * 3 });
    const mirror = new EventLog();
    mirror.append(0, pages[0]!.page); // a whole page on a page boundary: adopted
    expect(mirror.detach(page)[0]!.page).toBe(pages[0]!.page);
    src.recycle(pages[0]!.page);
    for (let i = page + 100; i < 2 * page + 1; i++) src.push(EventKind.Free, i);
    expect(src.get(2 * page).a).toBe(2 * page);
  });
});
