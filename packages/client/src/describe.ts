// One event as a line a person can read:
//   #1203 line 12  incref  list#45 (holder: value of dict#3 'a') rc=2
// Object labels and refcounts come from the heap state the caller keeps with the one reducer,
// so what is printed is what replay would show at that event.
import {
  EVENT_NAMES, GC_PHASE_NAMES, EventKind, Holder, getObject,
  type EventRecord, type HeapState,
} from '@refscope/engine';

/**
 * Remembers module namespaces (the dict a module holds as its `__dict__` field), so a value of
 * one reads as `global 'x'`. Call with each event before applying it.
 */
export function noteGlobals(globals: Set<number>, state: HeapState, e: EventRecord, strings: readonly string[]): void {
  if (e.kind === EventKind.Incref && e.b === Holder.Field && strings[e.d] === '__dict__' && getObject(state, e.c)?.type === 'module') {
    globals.add(e.a);
  }
}

/** `Node#12`; `#12` for an object the log never allocated. */
export function objectLabel(state: HeapState, id: number): string {
  const o = getObject(state, id);
  return o && o.type !== '?' ? `${o.type}#${id}` : `#${id}`;
}

const quoted = (strings: readonly string[], k: number): string =>
  k >= 0 && k < strings.length ? `'${strings[k]}'` : '';

/**
 * Who holds the reference of an incref/decref: `value of dict#3 'a'`, `local 'x' of frame 1`.
 * A dict in `globals` (module dicts) reads as `global 'a'`.
 */
export function holderText(
  state: HeapState, holder: number, obj: number, slot: number, strings: readonly string[],
  globals?: ReadonlySet<number>,
): string {
  const owner = obj >= 0 ? objectLabel(state, obj) : '';
  const name = quoted(strings, slot);
  if (holder === Holder.Value && name && globals?.has(obj)) return `global ${name}`;
  const join = (...parts: string[]) => parts.filter((p) => p !== '').join(' ');
  switch (holder) {
    case Holder.Temp: return 'temporary';
    case Holder.Stack: return `stack of frame ${obj}${slot >= 0 ? ` [${slot}]` : ''}`;
    case Holder.Local: return join('local', name, `of frame ${obj}`);
    case Holder.Item: return join('item', slot >= 0 ? String(slot) : '', 'of', owner);
    case Holder.Key: return join('key', name, 'of', owner);
    case Holder.Value: return join('value of', owner, name);
    case Holder.Attr: return join('attr', name, 'of', owner);
    case Holder.Cell: return `content of ${owner}`;
    case Holder.Field: return join('field', name, 'of', owner);
    case Holder.Gc: return 'the collector';
    case Holder.Root: return join('root', name, owner ? `of ${owner}` : '');
    default: return `holder ${holder}`;
  }
}

/** The text after the kind name; `state` is the state *after* the event was applied. */
function detail(state: HeapState, e: EventRecord, strings: readonly string[], globals?: ReadonlySet<number>): string {
  const obj = (id: number) => objectLabel(state, id);
  switch (e.kind) {
    case EventKind.Alloc: return `${obj(e.a)} ${e.c} bytes`;
    case EventKind.Free:
    case EventKind.Untrack:
    case EventKind.Unreachable:
    case EventKind.Finalize:
      return obj(e.a);
    case EventKind.Incref:
    case EventKind.Decref:
      return `${obj(e.a)} (holder: ${holderText(state, e.b, e.c, e.d, strings, globals)}) rc=${getObject(state, e.a)?.rc ?? '?'}`;
    case EventKind.Resize: return `${obj(e.a)} ${e.b} bytes`;
    case EventKind.Track:
    case EventKind.Promote:
      return `${obj(e.a)} gen ${e.b}`;
    case EventKind.GcStart: return `generation ${e.a} (counts ${e.b} ${e.c} ${e.d})`;
    case EventKind.GcPhase: return `${GC_PHASE_NAMES[e.a] ?? e.a} (${e.b} objects)`;
    case EventKind.GcStop: return `generation ${e.a}: ${e.b} collected, ${e.c} uncollectable`;
    case EventKind.WeakrefCallback: return `${obj(e.a)} for ${obj(e.b)}`;
    case EventKind.GcCount: return `${e.a} ${e.b} ${e.c}`;
    case EventKind.ArenaNew:
    case EventKind.ArenaFree:
      return `arena ${e.a}`;
    case EventKind.PoolInit: return `arena ${e.a} pool ${e.b} block ${e.c}`;
    case EventKind.PoolEmpty: return `arena ${e.a} pool ${e.b}`;
    case EventKind.Malloc:
    case EventKind.MemFree:
      return `${obj(e.a)} ${e.c} bytes at ${e.b} (${e.d === 1 ? 'pymalloc' : 'raw'})`;
    case EventKind.Line: return `${e.a} (frame ${e.b})`;
    case EventKind.Stdout:
    case EventKind.Stderr:
      return JSON.stringify(strings[e.a] ?? '');
    case EventKind.FrameEnter: return `frame ${e.a} ${strings[e.b] ?? '?'} (line ${e.c})`;
    case EventKind.FrameExit: return `frame ${e.a}`;
    case EventKind.Exit: return `status ${e.a}`;
    default: return `${e.a} ${e.b} ${e.c} ${e.d}`;
  }
}

/** `line` is the line executing when the event happened (before a Line event moves it). */
export function describeEvent(
  i: number, line: number, e: EventRecord, state: HeapState, strings: readonly string[], globals?: ReadonlySet<number>,
): string {
  const name = EVENT_NAMES[e.kind] ?? `unknown_${e.kind}`;
  return `#${i} line ${line}  ${name}  ${detail(state, e, strings, globals)}`;
}
