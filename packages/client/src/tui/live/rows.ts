// A server's sessions as text rows, for the picker and for `refscope attach` without a terminal.
import type { SessionInfo } from './client.js';

/** One session as a row: id, kind, state, events, name. */
export function sessionRow(s: SessionInfo): string {
  const state = s.done ? 'done' : s.paused ? 'paused' : 'running';
  return `${s.id.padEnd(5)} ${s.kind.padEnd(8)} ${state.padEnd(7)} ${String(s.events).padStart(10)} events  ${s.name}`;
}
