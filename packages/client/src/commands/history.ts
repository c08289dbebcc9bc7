// `refscope history LOG OBJ [--json]`: one object's life, event by event.
import type { EventJSON } from '@refscope/engine';
import { objectNumber, openRun } from '../open.js';
import { out, flushAll } from '../output.js';

export interface HistoryOptions {
  json?: boolean;
}

export async function historyCommand(file: string, obj: string, opts: HistoryOptions): Promise<number> {
  const n = objectNumber(obj);
  const run = await openRun(file);
  const h = run.timeline.history(n);
  if (opts.json) {
    out.write(JSON.stringify(h) + '\n');
  } else if (h.events.length === 0) {
    out.write(`#${n}: no events in this recording\n`);
  } else {
    const born = h.allocEvent === null ? 'before the recording' : `at event ${h.allocEvent}, line ${h.allocLine}`;
    const died = h.freeEvent === null ? 'still alive at the end' : `freed at event ${h.freeEvent}`;
    out.write(`#${n} ${h.type}: allocated ${born}; ${died}\n`);
    for (const e of h.events) {
      out.write(`  ${String(e.i).padStart(8)}  line ${String(e.line).padStart(4)}  rc=${String(e.rc).padEnd(3)} ${eventText(e.event, n)}\n`);
    }
  }
  flushAll();
  return 0;
}

/** `incref holder=value of #1116 slot='a'`: the event's fields, the object itself left out. */
function eventText(event: EventJSON, obj: number): string {
  const parts: string[] = [event.kind];
  for (const [key, value] of Object.entries(event)) {
    if (key === 'i' || key === 'kind' || (key === 'obj' && value === obj) || value === null || value === -1) continue;
    if (key === 'holderObj' && (event.holder === 'stack' || event.holder === 'local')) {
      parts.push(`frame=${String(value)}`); // a frame's slot: the holder is the frame, not an object
      continue;
    }
    parts.push(`${key}=${typeof value === 'string' ? (key === 'slot' ? `'${value}'` : value) : key.endsWith('Obj') ? `#${value}` : String(value)}`);
  }
  return parts.join(' ');
}
