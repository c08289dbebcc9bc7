// Which field of an event names a string of the log's table (events/json.ts resolves the same ones).
import { EventKind, Holder } from '../events/kinds.js';

export type StringSlot = 'a' | 'b' | 'd' | null;

/** The field of an event of `kind` (with holder `b`) that holds a string index, or null. */
export function stringSlot(kind: number, b: number): StringSlot {
  switch (kind) {
    case EventKind.Alloc:
    case EventKind.FrameEnter:
      return 'b';
    case EventKind.Stdout:
    case EventKind.Stderr:
      return 'a';
    case EventKind.Incref:
    case EventKind.Decref:
      return b === Holder.Item || b === Holder.Stack ? null : 'd';
    default:
      return null;
  }
}

/** The string-table index an event refers to, or -1. */
export function stringField(kind: number, a: number, b: number, d: number): number {
  const slot = stringSlot(kind, b);
  return slot === 'a' ? a : slot === 'b' ? b : slot === 'd' ? d : -1;
}
