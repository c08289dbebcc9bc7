// `refscope run --story`: a short narrated account of a run, generated from its events.
//
// It follows the objects the story is about — those the collector found unreachable, or if it
// found none, the instances of the program's own classes — statement by statement of the
// module's code: where each was allocated, how its refcount moved and who took or dropped the
// references, when reference counting could no longer free them (every remaining reference
// comes from inside the group), and which collection found them unreachable and freed them.
// Nothing here knows about any particular program.
import {
  EventKind, Holder, applyEvent, createHeapState, getObject,
  type EventLog, type EventRecord, type HeapState,
} from '@refscope/engine';
import { holderText, noteGlobals, objectLabel } from './describe.js';

const MAX_FOCUS = 8;

/**
 * The objects the story follows: those a collection found unreachable while the program's module
 * code ran (collections at shutdown, after it returned, find what the interpreter tears down), or,
 * if there were none, the instances of the program's own classes.
 */
function focusObjects(log: EventLog): Set<number> {
  const unreachable = new Set<number>();
  const instances: number[] = [];
  const e: EventRecord = { kind: 0 as EventKind, a: 0, b: 0, c: 0, d: 0 };
  let moduleFrame: number | null = null;
  for (let i = 0; i < log.length; i++) {
    log.read(i, e);
    if (e.kind === EventKind.FrameEnter && moduleFrame === null) moduleFrame = e.a;
    else if (e.kind === EventKind.FrameExit && e.a === moduleFrame) break;
    else if (e.kind === EventKind.Unreachable && unreachable.size < MAX_FOCUS) unreachable.add(e.a);
    else if (e.kind === EventKind.Alloc && e.d >= 0 && instances.length < MAX_FOCUS) instances.push(e.a);
  }
  return unreachable.size > 0 ? unreachable : new Set(instances);
}

interface Collection {
  gen: number;
  unreachable: number;
  found: number[];
  freed: number[];
  collected: number;
  uncollectable: number;
}

/** What happened to the focus objects during one statement of the module. */
class Statement {
  readonly allocated: number[] = [];
  readonly rcBefore = new Map<number, number>();
  readonly holders = new Map<number, Map<string, number>>();
  readonly freed: number[] = [];
  readonly collections: Collection[] = [];
  constructor(readonly line: number) {}

  get eventful(): boolean {
    return this.allocated.length + this.rcBefore.size + this.freed.length + this.collections.length > 0;
  }
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function listText(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export function tellStory(log: EventLog, source: string, program: string): string {
  const lines = source.split('\n');
  const focus = focusObjects(log);
  const strings = log.strings;
  const state: HeapState = createHeapState();
  const out: string[] = [];
  const say = (s: string) => out.push(s);
  const label = (id: number) => objectLabel(state, id);

  say(`The story of ${program}, told from its ${plural(log.length, 'event')}:`);
  if (log.length === 0) {
    say('  Nothing was recorded: the program did not get to run.');
    return out.join('\n') + '\n';
  }
  if (focus.size === 0) {
    say('  No object of the program\'s own classes was allocated and the collector found nothing');
    say('  unreachable: reference counting freed everything the program dropped.');
  }

  let moduleFrame: number | null = null;
  let stmt = new Statement(0);
  let gc: Collection | null = null;
  let isolatedTold = false;
  const globals = new Set<number>();

  const finish = (s: Statement) => {
    if (!s.eventful) return;
    const body: string[] = [];
    for (const id of s.allocated) {
      const o = getObject(state, id);
      body.push(`allocated ${label(id)} (${o?.size ?? '?'} bytes)`);
    }
    for (const [id, before] of s.rcBefore) {
      const o = getObject(state, id);
      if (!o) continue;
      const after = s.freed.includes(id) ? 0 : o.rc;
      const moves = [...(s.holders.get(id) ?? [])].filter(([, n]) => n !== 0)
        .map(([h, n]) => `${n > 0 ? '+' : '−'}${Math.abs(n) > 1 ? `${Math.abs(n)}× ` : ''}${h}`);
      if (before === after && moves.length === 0) continue; // references taken and given back
      const why = moves.length ? ` (${moves.join(', ')})` : '';
      body.push(`${label(id)} refcount ${before} → ${after}${why}`);
    }
    for (const c of s.collections) {
      const sameSet = (x: number[], y: number[]) => x.length === y.length && x.every((id) => y.includes(id));
      let t = `a generation-${c.gen} collection found ${plural(c.unreachable, 'object')} unreachable`;
      if (c.found.length) t += ` (${c.found.length < c.unreachable ? 'among them ' : ''}${listText(c.found.map(label))})`;
      if (c.freed.length) t += sameSet(c.freed, c.found) ? ` and freed ${c.found.length > 1 ? 'them' : 'it'}` : ` and freed ${listText(c.freed.map(label))}`;
      body.push(`${t}: ${c.collected} collected, ${c.uncollectable} uncollectable`);
    }
    const freedByRc = s.freed.filter((id) => !s.collections.some((c) => c.freed.includes(id)));
    if (freedByRc.length) body.push(`reference counting freed ${listText(freedByRc.map(label))} (refcount 0)`);
    // Once the group's every remaining reference comes from inside the group, only the collector can free it.
    if (!isolatedTold && s.rcBefore.size > 0) {
      const alive = [...focus].filter((id) => getObject(state, id)?.alive);
      if (alive.length > 0 && alive.length === focus.size && alive.every((id) => isHeldOnlyBy(id, focus))) {
        isolatedTold = true;
        const rcs = new Set(alive.map((id) => getObject(state, id)!.rc));
        const each = rcs.size === 1 ? ` at refcount ${[...rcs][0]}${alive.length > 1 ? ' each' : ''}` : '';
        body.push(`${listText(alive.map(label))} ${alive.length > 1 ? 'are' : 'is'} left${each}, and every one of those`);
        body.push('references comes from inside the group: the program can no longer reach them,');
        body.push('and reference counting alone will never free them.');
      }
    }
    if (body.length === 0) return;
    say(s.line > 0 ? `line ${s.line}: ${(lines[s.line - 1] ?? '').trim()}` : 'before the first line:');
    for (const b of body) say(`    ${b}`);
  };

  const isHeldOnlyBy = (id: number, group: Set<number>): boolean => {
    const o = getObject(state, id);
    if (!o || o.rc <= 0) return false;
    let fromGroup = 0;
    for (const h of group) fromGroup += getObject(state, h)?.refs?.[id]?.n ?? 0;
    return fromGroup === o.rc;
  };

  const touch = (id: number) => {
    if (!stmt.rcBefore.has(id)) stmt.rcBefore.set(id, getObject(state, id)?.rc ?? 0);
  };

  const e: EventRecord = { kind: 0 as EventKind, a: 0, b: 0, c: 0, d: 0 };
  for (let i = 0; i < log.length; i++) {
    log.read(i, e);
    noteGlobals(globals, state, e, strings);
    switch (e.kind) {
      case EventKind.Line:
        if (moduleFrame === null) moduleFrame = e.b;
        if (e.b === moduleFrame && gc === null) {
          finish(stmt);
          stmt = new Statement(e.a);
        }
        break;
      case EventKind.Alloc:
        if (focus.has(e.a)) {
          stmt.allocated.push(e.a);
          stmt.rcBefore.set(e.a, 0);
        }
        break;
      case EventKind.Incref:
      case EventKind.Decref:
        if (focus.has(e.a) && gc === null) {
          touch(e.a);
          if (e.b !== Holder.Temp && e.b !== Holder.Stack) {
            const h = holderText(state, e.b, e.c, e.d, strings, globals);
            let m = stmt.holders.get(e.a);
            if (!m) stmt.holders.set(e.a, (m = new Map()));
            m.set(h, (m.get(h) ?? 0) + (e.kind === EventKind.Incref ? 1 : -1));
          }
        }
        break;
      case EventKind.GcStart:
        gc = { gen: e.a, unreachable: 0, found: [], freed: [], collected: 0, uncollectable: 0 };
        break;
      case EventKind.Unreachable:
        if (gc) {
          gc.unreachable++;
          if (focus.has(e.a)) gc.found.push(e.a);
        }
        break;
      case EventKind.Free:
        if (focus.has(e.a)) {
          touch(e.a);
          stmt.freed.push(e.a);
          gc?.freed.push(e.a);
        }
        break;
      case EventKind.GcStop:
        if (gc) {
          gc.collected = e.b;
          gc.uncollectable = e.c;
          if (gc.found.length || gc.freed.length) stmt.collections.push(gc);
        }
        gc = null;
        break;
    }
    applyEvent(state, e, strings);
  }
  finish(stmt);

  const g = state.gc.collections;
  const alive = [...focus].filter((id) => getObject(state, id)?.alive).length;
  say(
    `In the end: ${plural(state.allocated, 'object')} allocated, ${state.objects} still alive; ` +
      `collections by generation: ${g[0]}, ${g[1]}, ${g[2]}` +
      (focus.size ? `; ${focus.size - alive} of the ${plural(focus.size, 'object')} followed here freed.` : '.'),
  );
  if (state.exit === null) say('The run was stopped before the program ended.');
  else if (state.exit !== 0) say(`The program ended with exit status ${state.exit}: it raised (the traceback is above).`);
  return out.join('\n') + '\n';
}
